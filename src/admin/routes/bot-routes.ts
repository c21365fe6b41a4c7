import { Type } from '@sinclair/typebox';
import { AdminError } from '../admin-errors.js';
import type { AdminDeps, AdminRoute } from '../admin-route.js';
import { accountView } from './world-views.js';
import { idParam } from './world-routes.js';

/**
 * Each account's NapCat network config (`onebot11_<uin>.json`) and its adapters' live state, for
 * the bot dashboard. A saved config is applied at once (hot reload): adapters whose entry did not
 * change keep running and keep their clients.
 */
const tag = 'bots';
const ConfigBody = Type.Object(
  {},
  { description: "The content of the account's onebot11_<uin>.json (NapCat's format)", additionalProperties: true },
);

const userIdOf = (request: { params: unknown }) => idParam((request.params as { user_id: string }).user_id, 'user_id');

function need<K extends keyof AdminDeps['hooks']>(deps: AdminDeps, hook: K): NonNullable<AdminDeps['hooks'][K]> {
  const value = deps.hooks[hook];
  if (!value) throw new AdminError(501, 'UNSUPPORTED', `this server cannot ${String(hook)}`);
  return value as NonNullable<AdminDeps['hooks'][K]>;
}

/** Validation problems name the field (`network.httpServers.0.port: Expected integer`). */
function validate(deps: AdminDeps, config: unknown): unknown {
  try {
    return need(deps, 'validateOnebotConfig')(config);
  } catch (error) {
    if (error instanceof AdminError) throw error;
    throw new AdminError(400, 'BAD_ONEBOT_CONFIG', (error as Error).message);
  }
}

export const botRoutes: AdminRoute[] = [
  {
    method: 'GET',
    url: '/api/bots',
    summary: 'Bot accounts and accounts with a OneBot config, with the state of their adapters',
    tag,
    async handler(_request, _reply, deps) {
      const configured = new Set((await deps.hooks.onebotAccounts?.()) ?? []);
      const accounts = (await deps.world.accounts.list()).filter((account) => account.isBot || configured.has(account.userId));
      return accounts.map((account) => ({
        ...accountView(account),
        has_config: configured.has(account.userId),
        adapters: deps.hooks.adapterStatus?.(account.userId) ?? [],
      }));
    },
  },
  {
    method: 'GET',
    url: '/api/bots/:user_id/onebot',
    summary: "An account's OneBot network config (NapCat's defaults filled in) and its adapters' state",
    tag,
    async handler(request, _reply, deps) {
      const userId = userIdOf(request);
      await deps.world.accounts.require(userId);
      const adapters = deps.hooks.adapterStatus?.(userId) ?? [];
      let saved: unknown;
      try {
        saved = await need(deps, 'readOnebotConfig')(userId);
      } catch (error) {
        if (error instanceof AdminError) throw error;
        // A file edited by hand into something invalid: show why, and offer the defaults to start over.
        return { user_id: userId, exists: true, error: (error as Error).message, config: validate(deps, {}), adapters };
      }
      return { user_id: userId, exists: saved !== undefined, config: saved ?? validate(deps, {}), adapters };
    },
  },
  {
    method: 'POST',
    url: '/api/bots/:user_id/onebot/validate',
    summary: 'Check a OneBot config without saving it; answers it with defaults filled in, or 400 naming the bad field',
    tag,
    body: ConfigBody,
    async handler(request, _reply, deps) {
      await deps.world.accounts.require(userIdOf(request));
      return { valid: true, config: validate(deps, request.body) };
    },
  },
  {
    method: 'PUT',
    url: '/api/bots/:user_id/onebot',
    summary: "Save an account's OneBot config and apply it now (hot reload); answers the adapters' new state",
    tag,
    body: ConfigBody,
    async handler(request, _reply, deps) {
      const userId = userIdOf(request);
      await deps.world.accounts.require(userId);
      const config = validate(deps, request.body);
      try {
        await need(deps, 'writeOnebotConfig')(userId, request.body);
      } catch (error) {
        if (error instanceof AdminError) throw error;
        // Saved and valid, but an adapter could not start (a port in use, ...): say which.
        throw new AdminError(409, 'ADAPTER_FAILED', `the config was saved, but: ${(error as Error).message}`);
      }
      return { user_id: userId, config, adapters: deps.hooks.adapterStatus?.(userId) ?? [] };
    },
  },
  {
    method: 'GET',
    url: '/api/bots/:user_id/adapters',
    summary: "The state of an account's running adapters (listening, connected clients, errors)",
    tag,
    async handler(request, _reply, deps) {
      const userId = userIdOf(request);
      await deps.world.accounts.require(userId);
      return need(deps, 'adapterStatus')(userId);
    },
  },
];
