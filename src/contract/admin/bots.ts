import { Type, type Static } from '@sinclair/typebox';
import { OneBotConfigSchema } from '../onebot-config.js';
import { defineRoute } from './route.js';
import { UserParams } from './world.js';
import { AccountView } from './world-views.js';

/** One client connected to an adapter: where from, in which role, since when (Unix ms). */
export const ClientConnection = Type.Object({
  remote: Type.String(),
  role: Type.String({ description: 'WebSocket role (`universal`, `api`, `event`) or `event-stream` for SSE' }),
  since: Type.Integer({ description: 'Unix milliseconds' }),
});
export type ClientConnection = Static<typeof ClientConnection>;

/** The state of one running network adapter, as the console's dashboard shows it. */
export const AdapterStatus = Type.Object({
  kind: Type.String({ description: 'The config section the adapter comes from (httpServers, websocketClients, ...)' }),
  name: Type.String(),
  state: Type.Union([
    Type.Literal('stopped'),
    Type.Literal('starting'),
    Type.Literal('listening'),
    Type.Literal('connecting'),
    Type.Literal('connected'),
    Type.Literal('error'),
  ]),
  endpoint: Type.String({ description: 'Where it listens or what it connects to' }),
  clients: Type.Integer(),
  error: Type.Optional(Type.String()),
  connections: Type.Optional(Type.Array(ClientConnection, { description: 'Each connected client (WebSocket or event stream)' })),
});
export type AdapterStatus = Static<typeof AdapterStatus>;

/** An account's OneBot config as a body: NapCat's onebot11_<uin>.json; the server fills in defaults. */
const ConfigBody = Type.Record(Type.String(), Type.Unknown(), {
  description: "The content of the account's onebot11_<uin>.json (NapCat's format); missing fields take NapCat's defaults",
});

const tag = 'bots';

/**
 * Each account's NapCat network config (`onebot11_<uin>.json`) and its adapters' live state, for
 * the bot dashboard. A saved config is applied at once (hot reload): adapters whose entry did not
 * change keep running and keep their clients.
 */
export const botsApi = {
  listBots: defineRoute({
    method: 'GET',
    url: '/api/bots',
    summary: 'Bot accounts and accounts with a OneBot config, with the state of their adapters',
    tag,
    response: Type.Array(
      Type.Composite([
        AccountView,
        Type.Object({
          has_config: Type.Boolean(),
          removed: Type.Boolean({
            description:
              'The account is gone (a snapshot restore or reset removed it) but its adapters still run: every call made as it fails with USER_NOT_FOUND until it exists again. Its account fields are then empty.',
          }),
          adapters: Type.Array(AdapterStatus),
        }),
      ]),
    ),
  }),
  getOnebotConfig: defineRoute({
    method: 'GET',
    url: '/api/bots/:user_id/onebot',
    summary: "An account's OneBot network config (NapCat's defaults filled in) and its adapters' state",
    tag,
    params: UserParams,
    response: Type.Object({
      user_id: Type.Integer(),
      exists: Type.Boolean({ description: 'Whether the account has a config file' }),
      error: Type.Optional(Type.String({ description: 'Why the saved file is unusable (then `config` holds the defaults)' })),
      config: OneBotConfigSchema,
      adapters: Type.Array(AdapterStatus),
    }),
  }),
  validateOnebotConfig: defineRoute({
    method: 'POST',
    url: '/api/bots/:user_id/onebot/validate',
    summary: 'Check a OneBot config without saving it; answers it with defaults filled in, or 400 naming the bad field',
    tag,
    params: UserParams,
    body: ConfigBody,
    response: Type.Object({ valid: Type.Literal(true), config: OneBotConfigSchema }),
  }),
  saveOnebotConfig: defineRoute({
    method: 'PUT',
    url: '/api/bots/:user_id/onebot',
    summary: "Save an account's OneBot config and apply it now (hot reload); answers the adapters' new state",
    tag,
    params: UserParams,
    body: ConfigBody,
    response: Type.Object({ user_id: Type.Integer(), config: OneBotConfigSchema, adapters: Type.Array(AdapterStatus) }),
  }),
  listAdapters: defineRoute({
    method: 'GET',
    url: '/api/bots/:user_id/adapters',
    summary: "The state of an account's running adapters (listening, connected clients, errors)",
    tag,
    params: UserParams,
    response: Type.Array(AdapterStatus),
  }),
};
