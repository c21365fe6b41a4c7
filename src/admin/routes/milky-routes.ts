import { Type } from '@sinclair/typebox';
import { AdminError } from '../admin-errors.js';
import type { AdminDeps, AdminRoute } from '../admin-route.js';
import { idParam } from './world-routes.js';

/**
 * Each account's Milky settings (`milky_<uin>.json`, LLBot's shape) for the bot dashboard. A saved
 * config is applied at once: the server keeps its event clients when only the WebHooks change.
 * The Milky server's state is listed with the account's OneBot adapters (kind `milky`).
 */
const tag = 'bots';
const ConfigBody = Type.Object(
  {},
  { description: "The content of the account's milky_<uin>.json (LLBot's Milky settings)", additionalProperties: true },
);

const userIdOf = (request: { params: unknown }) => idParam((request.params as { user_id: string }).user_id, 'user_id');

function hooks(deps: AdminDeps) {
  const { readMilkyConfig, writeMilkyConfig, validateMilkyConfig } = deps.hooks;
  if (!readMilkyConfig || !writeMilkyConfig || !validateMilkyConfig) throw new AdminError(501, 'UNSUPPORTED', 'this server has no Milky');
  return { read: readMilkyConfig, write: writeMilkyConfig, validate: validateMilkyConfig };
}

function validate(deps: AdminDeps, config: unknown): unknown {
  try {
    return hooks(deps).validate(config);
  } catch (error) {
    if (error instanceof AdminError) throw error;
    throw new AdminError(400, 'BAD_MILKY_CONFIG', (error as Error).message);
  }
}

const milkyAdapters = (deps: AdminDeps, userId: number) =>
  (deps.hooks.adapterStatus?.(userId) ?? []).filter((adapter) => String((adapter as { kind?: unknown }).kind).startsWith('milky'));

export const milkyRoutes: AdminRoute[] = [
  {
    method: 'GET',
    url: '/api/bots/:user_id/milky',
    summary: "An account's Milky settings (defaults filled in; `exists` false when it has none) and the state of its Milky server",
    tag,
    async handler(request, _reply, deps) {
      const userId = userIdOf(request);
      await deps.world.accounts.require(userId);
      const adapters = milkyAdapters(deps, userId);
      let saved: unknown;
      try {
        saved = await hooks(deps).read(userId);
      } catch (error) {
        if (error instanceof AdminError) throw error;
        return { user_id: userId, exists: true, error: (error as Error).message, config: validate(deps, {}), adapters };
      }
      // Without a file the defaults are offered disabled, so opening the page starts nothing.
      return { user_id: userId, exists: saved !== undefined, config: saved ?? validate(deps, { enable: false }), adapters };
    },
  },
  {
    method: 'POST',
    url: '/api/bots/:user_id/milky/validate',
    summary: 'Check Milky settings without saving them; answers them with defaults filled in, or 400 naming the bad field',
    tag,
    body: ConfigBody,
    async handler(request, _reply, deps) {
      await deps.world.accounts.require(userIdOf(request));
      return { valid: true, config: validate(deps, request.body) };
    },
  },
  {
    method: 'PUT',
    url: '/api/bots/:user_id/milky',
    summary: "Save an account's Milky settings and apply them now (hot reload); answers the Milky server's new state",
    tag,
    body: ConfigBody,
    async handler(request, _reply, deps) {
      const userId = userIdOf(request);
      await deps.world.accounts.require(userId);
      const config = validate(deps, request.body);
      try {
        await hooks(deps).write(userId, request.body);
      } catch (error) {
        if (error instanceof AdminError) throw error;
        throw new AdminError(409, 'ADAPTER_FAILED', `the config was saved, but: ${(error as Error).message}`);
      }
      return { user_id: userId, config, adapters: milkyAdapters(deps, userId) };
    },
  },
];
