import { milkyApi } from '../../contract/admin/milky.js';
import type { AdapterStatus } from '../../contract/admin/bots.js';
import type { MilkyConfig } from '../../contract/milky-config.js';
import { throwIfAdaptersFailed } from '../adapter-failures.js';
import { AdminError } from '../admin-errors.js';
import { implement, type AdminDeps } from '../admin-route.js';

function hooks(deps: AdminDeps) {
  const { readMilkyConfig, writeMilkyConfig, validateMilkyConfig } = deps.hooks;
  if (!readMilkyConfig || !writeMilkyConfig || !validateMilkyConfig) throw new AdminError(501, 'UNSUPPORTED', 'this server has no Milky');
  return { read: readMilkyConfig, write: writeMilkyConfig, validate: validateMilkyConfig };
}

/** Validation problems name the field (`http.port: Expected integer`). */
function validate(deps: AdminDeps, config: unknown): MilkyConfig {
  try {
    return hooks(deps).validate(config);
  } catch (error) {
    if (error instanceof AdminError) throw error;
    throw new AdminError(400, 'BAD_MILKY_CONFIG', (error as Error).message);
  }
}

const milkyAdapters = (deps: AdminDeps, userId: number): AdapterStatus[] =>
  (deps.hooks.adapterStatus?.(userId) ?? []).filter((adapter) => adapter.kind.startsWith('milky'));

/**
 * Each account's Milky settings (`milky_<uin>.json`, LLBot's shape) for the bot dashboard. A saved
 * config is applied at once: the server keeps its event clients when only the WebHooks change.
 */
export const milkyRoutes = implement(milkyApi, {
  async getMilkyConfig(request, _reply, deps) {
    const userId = request.params.user_id;
    await deps.world.accounts.require(userId);
    const adapters = milkyAdapters(deps, userId);
    let saved: MilkyConfig | undefined;
    try {
      saved = await hooks(deps).read(userId);
    } catch (error) {
      if (error instanceof AdminError) throw error;
      return { user_id: userId, exists: true, error: (error as Error).message, config: validate(deps, {}), adapters };
    }
    // Without a file the defaults are offered disabled, so opening the page starts nothing.
    return { user_id: userId, exists: saved !== undefined, config: saved ?? validate(deps, { enable: false }), adapters };
  },

  async validateMilkyConfig(request, _reply, deps) {
    await deps.world.accounts.require(request.params.user_id);
    return { valid: true as const, config: validate(deps, request.body) };
  },

  async saveMilkyConfig(request, _reply, deps) {
    const userId = request.params.user_id;
    await deps.world.accounts.require(userId);
    const config = validate(deps, request.body);
    throwIfAdaptersFailed(await hooks(deps).write(userId, request.body));
    return { user_id: userId, config, adapters: milkyAdapters(deps, userId) };
  },
});
