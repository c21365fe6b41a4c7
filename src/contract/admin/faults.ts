import { Type, type Static } from '@sinclair/typebox';
import { FaultRuleInput, ruleFields } from '../fault-rule.js';
import { defineRoute } from './route.js';
import { Id, UserParams } from './world.js';

export { FaultEffect, FaultPreset, FaultRuleInput } from '../fault-rule.js';

/** A rule as stored, with what it has done so far. */
export const FaultRuleView = Type.Object({
  id: Type.Integer(),
  ...ruleFields,
  remaining: Type.Union([Type.Integer(), Type.Null()], { description: 'Calls it will still hit (null: no limit)' }),
  fired: Type.Integer({ description: 'How many calls or events it has hit' }),
  created_at: Type.Integer({ description: 'Unix seconds' }),
});
export type FaultRuleView = Static<typeof FaultRuleView>;

/** An account's health as QQ sees it (`online` is the normal state). */
export const HealthState = Type.Union([Type.Literal('online'), Type.Literal('offline'), Type.Literal('kicked'), Type.Literal('zombie')]);
export type HealthState = Static<typeof HealthState>;

export const HealthView = Type.Object({
  user_id: Type.Integer(),
  state: HealthState,
  message: Type.String({ description: 'What the bot_offline notice said (empty when online)' }),
  since: Type.Integer({ description: 'Unix seconds of the last change (0: always online)' }),
});
export type HealthView = Static<typeof HealthView>;

const tag = 'faults';

/**
 * Faults on demand: rules that make calls fail, hang or drop their connection; an account's
 * health (offline, kicked, zombie); an adapter's connections dropped or stalled.
 */
export const faultsApi = {
  createFault: defineRoute({
    method: 'POST',
    url: '/api/faults',
    summary: 'Add a fault rule: matching calls (or events, with `event`) fail, wait, hang or drop their connection',
    tag,
    status: 201,
    body: FaultRuleInput,
    response: Type.Object({ id: Type.Integer() }),
  }),
  listFaults: defineRoute({
    method: 'GET',
    url: '/api/faults',
    summary: 'Every fault rule, oldest first, with how often each has fired',
    tag,
    response: Type.Array(FaultRuleView),
  }),
  deleteFault: defineRoute({
    method: 'DELETE',
    url: '/api/faults/:id',
    summary: 'Remove one fault rule',
    tag,
    params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
    response: Type.Object({ removed: Type.Literal(true) }),
  }),
  clearFaults: defineRoute({
    method: 'DELETE',
    url: '/api/faults',
    summary: 'Remove every fault rule',
    tag,
    response: Type.Object({ removed: Type.Integer() }),
  }),
  getHealth: defineRoute({
    method: 'GET',
    url: '/api/bots/:user_id/health',
    summary: "An account's health: online, offline, kicked or zombie",
    tag,
    params: UserParams,
    response: HealthView,
  }),
  setHealth: defineRoute({
    method: 'POST',
    url: '/api/bots/:user_id/health',
    summary: 'Take an account offline, kick it, make it a zombie, or bring it back online',
    tag,
    params: UserParams,
    body: Type.Object(
      {
        state: HealthState,
        message: Type.Optional(
          Type.String({ maxLength: 500, description: "The bot_offline notice's message (QQ's own text when absent)" }),
        ),
      },
      { additionalProperties: false },
    ),
    response: HealthView,
  }),
  disconnectAdapter: defineRoute({
    method: 'POST',
    url: '/api/bots/:user_id/adapters/:name/disconnect',
    summary: "Drop an adapter's clients now, refuse reconnects for refuse_ms, or stall them (no pongs, heartbeats or answers)",
    tag,
    params: Type.Object({ user_id: Id('QQ number'), name: Type.String({ minLength: 1 }) }),
    body: Type.Object(
      {
        refuse_ms: Type.Optional(Type.Integer({ minimum: 0, maximum: 3_600_000, description: 'Refuse new connections for this long' })),
        stall: Type.Optional(Type.Boolean({ description: 'Keep the sockets open but stop answering pings, calls and heartbeats' })),
      },
      { additionalProperties: false },
    ),
    response: Type.Object({ dropped: Type.Integer({ description: 'Connections dropped or stalled' }) }),
  }),
};
