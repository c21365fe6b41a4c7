import { Type } from '@sinclair/typebox';
import { MilkyConfigSchema } from '../milky-config.js';
import { AdapterStatus } from './bots.js';
import { defineRoute } from './route.js';
import { UserParams } from './world.js';

/** Milky settings as a body: LLBot's milky section; the server fills in defaults. */
const ConfigBody = Type.Record(Type.String(), Type.Unknown(), {
  description: "The content of the account's milky_<uin>.json (LLBot's Milky settings); missing fields take the defaults",
});

const tag = 'bots';

/**
 * Each account's Milky settings (`milky_<uin>.json`) for the bot dashboard. A saved config is
 * applied at once: the server keeps its event clients when only the WebHooks change. The Milky
 * server and WebHooks are listed with the account's adapters (kinds `milky`, `milkyWebhook`).
 */
export const milkyApi = {
  getMilkyConfig: defineRoute({
    method: 'GET',
    url: '/api/bots/:user_id/milky',
    summary: "An account's Milky settings (defaults filled in; `exists` false when it has none) and the state of its Milky server",
    tag,
    params: UserParams,
    response: Type.Object({
      user_id: Type.Integer(),
      exists: Type.Boolean({ description: 'Whether the account has a milky_<uin>.json' }),
      error: Type.Optional(Type.String({ description: 'Why the saved file is unusable (then `config` holds the defaults)' })),
      config: MilkyConfigSchema,
      adapters: Type.Array(AdapterStatus),
    }),
  }),
  validateMilkyConfig: defineRoute({
    method: 'POST',
    url: '/api/bots/:user_id/milky/validate',
    summary: 'Check Milky settings without saving them; answers them with defaults filled in, or 400 naming the bad field',
    tag,
    params: UserParams,
    body: ConfigBody,
    response: Type.Object({ valid: Type.Literal(true), config: MilkyConfigSchema }),
  }),
  saveMilkyConfig: defineRoute({
    method: 'PUT',
    url: '/api/bots/:user_id/milky',
    summary: "Save an account's Milky settings and apply them now (hot reload); answers the Milky server's new state",
    tag,
    params: UserParams,
    body: ConfigBody,
    response: Type.Object({ user_id: Type.Integer(), config: MilkyConfigSchema, adapters: Type.Array(AdapterStatus) }),
  }),
};
