import { faultsApi, type FaultRuleView, type HealthView } from '../../contract/admin/faults.js';
import type { AccountHealth, FaultRule } from '../../world/faults/fault-model.js';
import { faultRuleInput, faultRuleProblems, newFaultRule } from '../../world/faults/fault-rule-input.js';
import { AdminError } from '../admin-errors.js';
import { implement } from '../admin-route.js';

export function faultRuleView(rule: FaultRule): FaultRuleView {
  // The rule as written, with what is left of `times` shown as `remaining`.
  const { times: _times, ...written } = faultRuleInput(rule);
  return {
    id: rule.id,
    ...written,
    remaining: rule.timesLeft,
    fired: rule.fired,
    created_at: rule.createdAt,
  };
}

function healthView(userId: number, health: AccountHealth | undefined): HealthView {
  return { user_id: userId, state: health?.state ?? 'online', message: health?.message ?? '', since: health?.since ?? 0 };
}

/** Faults on demand (docs/faults.md): fault rules, account health, connection chaos. */
export const faultRoutes = implement(faultsApi, {
  async createFault(request, _reply, { world }) {
    const body = request.body;
    const problems = faultRuleProblems(body);
    if (problems.length > 0) throw new AdminError(400, 'BAD_REQUEST', problems.join('; '), problems);
    if (body.self_id !== undefined) world.accounts.require(body.self_id);
    const rule = await world.faults.add(newFaultRule(body));
    return { id: rule.id };
  },

  async listFaults(_request, _reply, { world }) {
    return world.faults.list().map(faultRuleView);
  },

  async deleteFault(request, _reply, { world }) {
    if (!(await world.faults.remove(request.params.id))) {
      throw new AdminError(404, 'NOT_FOUND', `no fault rule ${request.params.id}`);
    }
    return { removed: true as const };
  },

  async clearFaults(_request, _reply, { world }) {
    return { removed: await world.faults.clear() };
  },

  async getHealth(request, _reply, { world }) {
    const userId = request.params.user_id;
    world.accounts.require(userId);
    return healthView(userId, world.health.get(userId));
  },

  async setHealth(request, _reply, deps) {
    const userId = request.params.user_id;
    const { state, message } = request.body;
    // The sockets stay open, as with NapCat; a kicked account's adapters refuse new connections (FaultGate.refusal).
    return healthView(userId, await deps.world.health.set(userId, state, message));
  },

  async disconnectAdapter(request, _reply, deps) {
    const { user_id: userId, name } = request.params;
    deps.world.accounts.require(userId);
    const hook = deps.hooks.disconnectAdapter;
    if (!hook) throw new AdminError(501, 'UNSUPPORTED', 'this server has no network adapters');
    const known = deps.hooks.adapterStatus?.(userId).some((adapter) => adapter.name === name) ?? false;
    if (!known) throw new AdminError(404, 'NOT_FOUND', `account ${userId} has no adapter named ${JSON.stringify(name)}`);
    const dropped = await hook(userId, name, { refuseMs: request.body.refuse_ms ?? 0, stall: request.body.stall ?? false });
    return { dropped };
  },
});
