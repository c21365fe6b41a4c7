import { botsApi } from '../../contract/admin/bots.js';
import type { AccountView } from '../../contract/admin/world-views.js';
import type { OneBotConfig } from '../../contract/onebot-config.js';
import { throwIfAdaptersFailed } from '../adapter-failures.js';
import { AdminError } from '../admin-errors.js';
import type { AdminDeps, AdminHooks } from '../admin-route.js';
import { implement } from '../admin-route.js';
import { accountView } from './world-views.js';

function need<K extends keyof AdminHooks>(deps: AdminDeps, hook: K): NonNullable<AdminHooks[K]> {
  const value = deps.hooks[hook];
  if (!value) throw new AdminError(501, 'UNSUPPORTED', `this server cannot ${String(hook)}`);
  return value;
}

/** Validation problems name the field (`network.httpServers.0.port: Expected integer`). */
function validate(deps: AdminDeps, config: unknown): OneBotConfig {
  try {
    return need(deps, 'validateOnebotConfig')(config);
  } catch (error) {
    if (error instanceof AdminError) throw error;
    throw new AdminError(400, 'BAD_ONEBOT_CONFIG', (error as Error).message);
  }
}

/** What is shown of an account that no longer exists: its number, and nothing it had. */
function removedAccountView(userId: number): AccountView {
  return {
    user_id: userId,
    nickname: '',
    bot: false,
    sex: 'unknown',
    age: 0,
    long_nick: '',
    level: 0,
    reg_time: 0,
    status: 0,
    ext_status: 0,
    battery_status: 0,
  };
}

/**
 * Each account's NapCat network config (`onebot11_<uin>.json`) and its adapters' live state, for
 * the bot dashboard. A saved config is applied at once (hot reload): adapters whose entry did not
 * change keep running and keep their clients.
 */
export const botRoutes = implement(botsApi, {
  async listBots(_request, _reply, deps) {
    const configured = new Set((await deps.hooks.onebotAccounts?.()) ?? []);
    const accounts = (await deps.world.accounts.list()).filter((account) => account.isBot || configured.has(account.userId));
    const listed = accounts.map((account) => ({
      ...accountView(account),
      has_config: configured.has(account.userId),
      removed: false,
      adapters: deps.hooks.adapterStatus?.(account.userId) ?? [],
    }));
    // A restore does not stop the adapters of an account it removed (its config files stay, and
    // they serve it again once it exists): they still hold ports and clients, so they are listed.
    const existing = new Set(listed.map((bot) => bot.user_id));
    for (const userId of [...configured].sort((a, b) => a - b)) {
      if (existing.has(userId) || deps.world.accounts.find(userId)) continue;
      const adapters = deps.hooks.adapterStatus?.(userId) ?? [];
      if (adapters.length > 0) listed.push({ ...removedAccountView(userId), has_config: true, removed: true, adapters });
    }
    return listed;
  },

  async getOnebotConfig(request, _reply, deps) {
    const userId = request.params.user_id;
    await deps.world.accounts.require(userId);
    const adapters = deps.hooks.adapterStatus?.(userId) ?? [];
    let saved: OneBotConfig | undefined;
    try {
      saved = await need(deps, 'readOnebotConfig')(userId);
    } catch (error) {
      if (error instanceof AdminError) throw error;
      // A file edited by hand into something invalid: show why, and offer the defaults to start over.
      return { user_id: userId, exists: true, error: (error as Error).message, config: validate(deps, {}), adapters };
    }
    return { user_id: userId, exists: saved !== undefined, config: saved ?? validate(deps, {}), adapters };
  },

  async validateOnebotConfig(request, _reply, deps) {
    await deps.world.accounts.require(request.params.user_id);
    return { valid: true as const, config: validate(deps, request.body) };
  },

  async saveOnebotConfig(request, _reply, deps) {
    const userId = request.params.user_id;
    await deps.world.accounts.require(userId);
    const config = validate(deps, request.body);
    // Saved and valid, but an adapter could not start (a port in use, ...): say which.
    throwIfAdaptersFailed(await need(deps, 'writeOnebotConfig')(userId, request.body));
    return { user_id: userId, config, adapters: deps.hooks.adapterStatus?.(userId) ?? [] };
  },

  async listAdapters(request, _reply, deps) {
    const userId = request.params.user_id;
    await deps.world.accounts.require(userId);
    return need(deps, 'adapterStatus')(userId);
  },
});
