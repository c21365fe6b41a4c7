import type { AdapterStatus } from '../../contract/admin/bots.js';
import type { WorldFile } from '../../world/world-file.js';

/** Where the bot under test connects, and the environment variables that tell it. */
export interface BotEndpoints {
  readonly selfId: number;
  /** The forward WebSocket (`websocketServers`), if the account has one. */
  readonly wsUrl?: string;
  /** The HTTP API (`httpServers`), if the account has one. */
  readonly httpUrl?: string;
  /** The OneBot access token of those adapters ('' when they have none). */
  readonly token: string;
}

/** `CATNAP_WS_URL`, `CATNAP_HTTP_URL`, `CATNAP_TOKEN`, `CATNAP_SELF_ID`: what a bot under test reads. */
export function botEnv(bot: BotEndpoints): Record<string, string> {
  return {
    CATNAP_WS_URL: bot.wsUrl ?? '',
    CATNAP_HTTP_URL: bot.httpUrl ?? '',
    CATNAP_TOKEN: bot.token,
    CATNAP_SELF_ID: String(bot.selfId),
  };
}

interface ServerEntry {
  name?: string;
  enable?: boolean;
  host?: string;
  port?: number;
  token?: string;
  [key: string]: unknown;
}
type Network = Record<string, ServerEntry[] | undefined>;

/** Server adapter kinds: they listen, so a test moves them to free ports. */
const serverKinds = ['httpServers', 'httpSseServers', 'websocketServers'] as const;

/**
 * The world a test starts: the given one, with every server adapter and Milky server on a free
 * port (port 0) and the bot's account given a forward WebSocket and an HTTP API when its config
 * has none, so any bot can connect. Reverse transports keep their URLs: the bot listens there.
 */
export function prepareTestWorld(source: WorldFile, botId?: number): { world: WorldFile; selfId: number; token: string } {
  const world = structuredClone(source);
  const accounts = world.accounts ?? [];
  const account =
    botId !== undefined
      ? accounts.find((candidate) => candidate.user_id === botId)
      : (accounts.find((candidate) => candidate.bot && candidate.onebot) ?? accounts.find((candidate) => candidate.bot));
  if (!account) {
    throw new Error(
      botId !== undefined
        ? `the world has no account ${botId} for the bot`
        : 'the world has no bot account: mark the bot\'s account with "bot": true, or name it',
    );
  }
  for (const candidate of accounts) {
    const network = (candidate.onebot as { network?: Network } | undefined)?.network;
    if (network) for (const kind of serverKinds) for (const entry of network[kind] ?? []) entry.port = 0;
    const milky = candidate.milky as { http?: { port?: number } } | undefined;
    if (milky && typeof milky === 'object') milky.http = { ...milky.http, port: 0 };
  }
  const onebot = (account.onebot ?? {}) as { network?: Network };
  const network: Network = (onebot.network ??= {});
  const enabled = (kind: string) => (network[kind] ?? []).filter((entry) => entry.enable !== false);
  const token = [...enabled('websocketServers'), ...enabled('httpServers')][0]?.token ?? '';
  if (enabled('websocketServers').length === 0) {
    network.websocketServers = [
      ...(network.websocketServers ?? []),
      { name: 'catnap-test-ws', enable: true, host: '127.0.0.1', port: 0, token, messagePostFormat: 'array' },
    ];
  }
  if (enabled('httpServers').length === 0) {
    network.httpServers = [
      ...(network.httpServers ?? []),
      { name: 'catnap-test-http', enable: true, host: '127.0.0.1', port: 0, token, messagePostFormat: 'array' },
    ];
  }
  account.onebot = onebot;
  return { world, selfId: account.user_id, token };
}

/** The bot's endpoints from its running adapters (their ports are known once they listen). */
export function botEndpoints(selfId: number, token: string, adapters: readonly AdapterStatus[]): BotEndpoints {
  const first = (kind: string) => adapters.find((adapter) => adapter.kind === kind && adapter.state !== 'error');
  const ws = first('websocketServers');
  const http = first('httpServers');
  return {
    selfId,
    ...(ws && { wsUrl: ws.endpoint }),
    ...(http && { httpUrl: http.endpoint }),
    token,
  };
}
