import { Type, type Static } from '@sinclair/typebox';
import { defineRoute } from './route.js';
import { Id, UserParams } from './world.js';

/**
 * The failures NapCat really answers when QQ fails (docs/faults.md cites each one's source). The
 * message is NapCat's own text, byte for byte; the retcode is NapCat's: 1200 over WebSocket, 200
 * over HTTP (its action handler answers HTTP errors with retcode 200).
 */
export const FaultPreset = Type.Union(
  [
    Type.Literal('risk_control'),
    Type.Literal('send_timeout'),
    Type.Literal('not_member'),
    Type.Literal('logged_out'),
    Type.Literal('rich_media_failed'),
  ],
  { description: 'A failure NapCat really gives (see docs/faults.md); fills retcode, message and wording' },
);
export type FaultPreset = Static<typeof FaultPreset>;

const DelayMs = Type.Integer({ minimum: 0, maximum: 600_000, description: 'Milliseconds to wait before answering' });
const Happened = Type.Boolean({
  description: 'Whether the action still happens in the world (a send that succeeds although the bot is told it failed); false when absent',
});

/** What a fault does to the call (or the event) it catches. */
export const FaultEffect = Type.Union([
  Type.Object(
    {
      type: Type.Literal('fail'),
      preset: Type.Optional(FaultPreset),
      retcode: Type.Optional(Type.Integer({ description: "Overrides the preset's retcode (1200 over WebSocket, 200 over HTTP)" })),
      message: Type.Optional(Type.String()),
      wording: Type.Optional(Type.String({ description: 'NapCat repeats the message here; defaults to the message' })),
      delay_ms: Type.Optional(DelayMs),
      happened: Type.Optional(Happened),
    },
    { additionalProperties: false, description: 'Answer a failure envelope (after delay_ms)' },
  ),
  Type.Object(
    { type: Type.Literal('delay'), delay_ms: DelayMs },
    { additionalProperties: false, description: 'Run the call normally, but answer late' },
  ),
  Type.Object(
    { type: Type.Literal('no_reply'), happened: Type.Optional(Happened) },
    { additionalProperties: false, description: 'Never answer, as a hung NapCat does (the HTTP request stays open)' },
  ),
  Type.Object(
    { type: Type.Literal('disconnect'), happened: Type.Optional(Happened) },
    { additionalProperties: false, description: 'Close the connection the call came on, without an answer' },
  ),
]);
export type FaultEffect = Static<typeof FaultEffect>;

const ruleFields = {
  self_id: Type.Optional(Id('Only calls made as this account (any account when absent)')),
  action: Type.Optional(
    Type.String({ minLength: 1, maxLength: 200, description: 'An action name or a glob such as "send_*" (picomatch syntax)' }),
  ),
  event: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 200,
      description: 'Instead of `action`: events posted to HTTP POST targets, named "<post_type>.<type>" ("message.group", "notice.*")',
    }),
  ),
  transport: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 50,
      description: 'Only this transport (http, ws, ws-reverse, http-ws, http-post, admin) or a glob',
    }),
  ),
  times: Type.Optional(Type.Integer({ minimum: 1, description: 'Only the next n matching calls; every matching call when absent' })),
  probability: Type.Optional(
    Type.Number({ minimum: 0, maximum: 1, description: "Chance that a matching call is hit, drawn from the world's seeded random source" }),
  ),
  effect: FaultEffect,
};

/** A rule as written (admin API body, world file `faults:` entry). */
export const FaultRuleInput = Type.Object(ruleFields, { additionalProperties: false });
export type FaultRuleInput = Static<typeof FaultRuleInput>;

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
