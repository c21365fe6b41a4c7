import { Type, type Static } from '@sinclair/typebox';

// A fault rule as written: the body of POST /api/faults and an entry of the world file's `faults:`
// (docs/faults.md). Here rather than in admin/ because the world file uses it too.

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
      message: Type.Optional(Type.String({ maxLength: 1000 })),
      wording: Type.Optional(Type.String({ maxLength: 1000, description: 'NapCat repeats the message here; defaults to the message' })),
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

export const ruleFields = {
  self_id: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: Number.MAX_SAFE_INTEGER,
      description: 'Only calls made as this account (any account when absent)',
    }),
  ),
  action: Type.Optional(
    Type.String({ minLength: 1, maxLength: 200, description: 'An action name or a glob such as "send_*" (picomatch syntax)' }),
  ),
  event: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 200,
      description:
        'Instead of `action`: events POSTed to OneBot HTTP POST targets, named "<post_type>.<type>" ("message.group", "notice.*"), ' +
        'and to Milky WebHooks, named by event_type ("message_receive")',
    }),
  ),
  transport: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 50,
      description:
        'Only this transport (http, ws, ws-reverse, http-ws, http-sse, http-post, admin, or milky for Milky API calls and WebHook events) or a glob',
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
