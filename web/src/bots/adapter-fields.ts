import type { AdapterConfigs, AdapterKind, Dialect } from '@contract';

export type { AdapterKind };

/**
 * NapCat's adapter kinds and the fields the editor shows for each (names and defaults as in
 * NapCat's onebot11_<uin>.json; the server fills in anything left out and validates the rest).
 */
export type FieldType = 'text' | 'port' | 'number' | 'bool' | 'format' | 'dialect' | 'secret';

/** One field of a kind's entry; `key` must be a field of that kind's config in the contract. */
export interface FieldSpec<K extends AdapterKind = AdapterKind> {
  key: keyof AdapterConfigs[K] & string;
  label: string;
  type: FieldType;
}

/** The kinds in the order the editor shows them (the labels and fields below must cover each). */
export const adapterKinds = [
  'httpServers',
  'httpSseServers',
  'websocketServers',
  'websocketClients',
  'httpClients',
] as const satisfies readonly AdapterKind[];

/** The dialects an adapter may speak, as the select offers them (the contract's names). */
export const dialectOptions: { value: Dialect; label: string }[] = [
  { value: 'napcat', label: 'NapCat' },
  { value: 'llbot', label: 'LLBot (LuckyLilliaBot)' },
  { value: 'go-cqhttp', label: 'go-cqhttp' },
];

export const kindLabels: Record<AdapterKind, string> = {
  httpServers: 'HTTP 服务器 (HTTP API)',
  httpSseServers: 'HTTP SSE 服务器',
  websocketServers: 'WebSocket 服务器 (forward)',
  websocketClients: 'WebSocket 客户端 (reverse)',
  httpClients: 'HTTP 客户端 (event POST)',
};

const common: FieldSpec<AdapterKind>[] = [
  { key: 'enable', label: '启用', type: 'bool' },
  { key: 'name', label: 'name', type: 'text' },
];
const tail: FieldSpec<AdapterKind>[] = [
  { key: 'token', label: 'token', type: 'secret' },
  { key: 'messagePostFormat', label: 'messagePostFormat', type: 'format' },
  { key: 'dialect', label: 'dialect', type: 'dialect' },
  { key: 'debug', label: 'debug', type: 'bool' },
];
const listen: FieldSpec<'httpServers' | 'httpSseServers' | 'websocketServers'>[] = [
  { key: 'host', label: 'host', type: 'text' },
  { key: 'port', label: 'port', type: 'port' },
];

export const kindFields: { [K in AdapterKind]: FieldSpec<K>[] } = {
  httpServers: [
    ...common,
    ...listen,
    ...tail,
    { key: 'enableCors', label: 'enableCors', type: 'bool' },
    { key: 'enableWebsocket', label: 'enableWebsocket', type: 'bool' },
  ],
  httpSseServers: [...common, ...listen, ...tail, { key: 'reportSelfMessage', label: 'reportSelfMessage', type: 'bool' }],
  websocketServers: [
    ...common,
    ...listen,
    ...tail,
    { key: 'reportSelfMessage', label: 'reportSelfMessage', type: 'bool' },
    { key: 'heartInterval', label: 'heartInterval (ms)', type: 'number' },
  ],
  websocketClients: [
    ...common,
    { key: 'url', label: 'url', type: 'text' },
    ...tail,
    { key: 'reportSelfMessage', label: 'reportSelfMessage', type: 'bool' },
    { key: 'reconnectInterval', label: 'reconnectInterval (ms)', type: 'number' },
    { key: 'heartInterval', label: 'heartInterval (ms)', type: 'number' },
  ],
  httpClients: [
    ...common,
    { key: 'url', label: 'url', type: 'text' },
    ...tail,
    { key: 'reportSelfMessage', label: 'reportSelfMessage', type: 'bool' },
    { key: 'timeout', label: 'timeout (ms)', type: 'number' },
  ],
};

/** A new entry of a kind, with a name not yet used and a port guess after the ones in use. */
export function newEntry(kind: AdapterKind, taken: Record<string, unknown>[], usedPorts: number[]): Record<string, unknown> {
  const base = kind
    .replace(/s$/, '')
    .replace(/([A-Z])/g, '-$1')
    .toLowerCase();
  let index = taken.length + 1;
  while (taken.some((entry) => entry.name === `${base}-${index}`)) index++;
  const port = Math.max(kind === 'websocketServers' ? 3000 : 2999, ...usedPorts) + 1;
  const entry: Record<string, unknown> = { name: `${base}-${index}`, enable: true, token: '', messagePostFormat: 'array' };
  if (kind === 'websocketClients')
    Object.assign(entry, { url: 'ws://127.0.0.1:8080/onebot/v11/ws', reconnectInterval: 5000, heartInterval: 30000 });
  else if (kind === 'httpClients') Object.assign(entry, { url: 'http://127.0.0.1:8080/onebot' });
  else Object.assign(entry, { host: '127.0.0.1', port });
  return entry;
}
