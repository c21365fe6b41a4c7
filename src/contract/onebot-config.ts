import { Type, type Static } from '@sinclair/typebox';

/**
 * NapCat's per-account OneBot config (`config/onebot11_<uin>.json`), with NapCat's field names
 * and defaults, so a NapCat user can copy theirs in. Unknown fields are kept and ignored (NapCat
 * adds fields over time); a field of the wrong type is an error that names it.
 */
const format = Type.Union([Type.Literal('array'), Type.Literal('string')], { default: 'array' });

/**
 * Which OneBot 11 implementation an adapter speaks like where NapCat, LLBot (LuckyLilliaBot) and
 * go-cqhttp disagree on the same name: history paging, result shapes, segment and event details
 * (docs/dialects.md lists every difference). A Catnap extension; NapCat ignores the field.
 */
export const dialectNames = ['napcat', 'llbot', 'go-cqhttp'] as const;
export const DialectName = Type.Union([Type.Literal('napcat'), Type.Literal('llbot'), Type.Literal('go-cqhttp')], {
  description: 'napcat (default), llbot or go-cqhttp: whose behaviour to follow where they differ',
});
const dialect = Type.Union(DialectName.anyOf, { default: 'napcat', description: DialectName.description });
export type Dialect = (typeof dialectNames)[number];

const common = {
  name: Type.String({ default: '' }),
  enable: Type.Boolean({ default: false }),
  messagePostFormat: format,
  token: Type.String({ default: '' }),
  debug: Type.Boolean({ default: false }),
  dialect,
};

export const HttpServerConfig = Type.Object({
  ...common,
  name: Type.String({ default: 'http-server' }),
  host: Type.String({ default: '127.0.0.1' }),
  port: Type.Integer({ minimum: 0, maximum: 65535, default: 3000 }),
  enableCors: Type.Boolean({ default: true }),
  enableWebsocket: Type.Boolean({ default: false }),
});

export const HttpSseServerConfig = Type.Object({
  ...common,
  name: Type.String({ default: 'http-sse-server' }),
  host: Type.String({ default: '127.0.0.1' }),
  port: Type.Integer({ minimum: 0, maximum: 65535, default: 3000 }),
  enableCors: Type.Boolean({ default: true }),
  enableWebsocket: Type.Boolean({ default: false }),
  reportSelfMessage: Type.Boolean({ default: false }),
});

export const HttpClientConfig = Type.Object({
  ...common,
  name: Type.String({ default: 'http-client' }),
  url: Type.String({ default: 'http://localhost:8080' }),
  reportSelfMessage: Type.Boolean({ default: false }),
  /** Catnap extension: milliseconds to wait for the receiver (NapCat has no timeout). */
  timeout: Type.Integer({ minimum: 0, default: 5000 }),
});

export const WebsocketServerConfig = Type.Object({
  ...common,
  name: Type.String({ default: 'websocket-server' }),
  host: Type.String({ default: '127.0.0.1' }),
  port: Type.Integer({ minimum: 0, maximum: 65535, default: 3001 }),
  reportSelfMessage: Type.Boolean({ default: false }),
  enableForcePushEvent: Type.Boolean({ default: true }),
  heartInterval: Type.Integer({ default: 30000 }),
});

export const WebsocketClientConfig = Type.Object({
  ...common,
  name: Type.String({ default: 'websocket-client' }),
  url: Type.String({ default: 'ws://localhost:8082' }),
  reportSelfMessage: Type.Boolean({ default: false }),
  reconnectInterval: Type.Integer({ minimum: 100, default: 5000 }),
  heartInterval: Type.Integer({ default: 30000 }),
  verifyCertificate: Type.Boolean({ default: true }),
});

export const PluginConfig = Type.Object({
  name: Type.String({ default: '' }),
  enable: Type.Boolean({ default: false }),
  messagePostFormat: format,
  reportSelfMessage: Type.Boolean({ default: false }),
  debug: Type.Boolean({ default: false }),
});

export const OneBotConfigSchema = Type.Object({
  network: Type.Object(
    {
      httpServers: Type.Array(HttpServerConfig, { default: [] }),
      httpSseServers: Type.Array(HttpSseServerConfig, { default: [] }),
      httpClients: Type.Array(HttpClientConfig, { default: [] }),
      websocketServers: Type.Array(WebsocketServerConfig, { default: [] }),
      websocketClients: Type.Array(WebsocketClientConfig, { default: [] }),
      plugins: Type.Array(PluginConfig, { default: [] }),
    },
    { default: {} },
  ),
  musicSignUrl: Type.String({ default: '' }),
  enableLocalFile2Url: Type.Boolean({ default: false }),
  parseMultMsg: Type.Boolean({ default: false }),
  imageDownloadProxy: Type.String({ default: '' }),
  timeout: Type.Object(
    {
      baseTimeout: Type.Integer({ default: 10000 }),
      uploadSpeedKBps: Type.Integer({ default: 256 }),
      downloadSpeedKBps: Type.Integer({ default: 256 }),
      maxTimeout: Type.Integer({ default: 1800000 }),
    },
    { default: {} },
  ),
});

export type OneBotConfig = Static<typeof OneBotConfigSchema>;
export type HttpServerConfig = Static<typeof HttpServerConfig>;
export type HttpSseServerConfig = Static<typeof HttpSseServerConfig>;
export type HttpClientConfig = Static<typeof HttpClientConfig>;
export type WebsocketServerConfig = Static<typeof WebsocketServerConfig>;
export type WebsocketClientConfig = Static<typeof WebsocketClientConfig>;

/** The adapter kinds of NapCat's `network` section, in the order Catnap starts them. */
export const adapterKinds = ['httpServers', 'httpSseServers', 'websocketServers', 'websocketClients', 'httpClients'] as const;
export type AdapterKind = (typeof adapterKinds)[number];

/** Each adapter kind's entry type: a factory for `kind` receives exactly this config. */
export interface AdapterConfigs {
  readonly httpServers: HttpServerConfig;
  readonly httpSseServers: HttpSseServerConfig;
  readonly websocketServers: WebsocketServerConfig;
  readonly websocketClients: WebsocketClientConfig;
  readonly httpClients: HttpClientConfig;
}
