import { Type, type Static } from '@sinclair/typebox';
import { defineRoute } from './route.js';

const tag = 'bench';

export const ClockView = Type.Object({
  now: Type.Integer({ description: "The world's time in unix seconds (what message and event `time`s say)" }),
  now_ms: Type.Integer({ description: 'The same instant in milliseconds since the epoch' }),
  iso: Type.String({ description: 'The same instant in ISO 8601 (UTC)' }),
  frozen: Type.Boolean({ description: 'True while the clock stands still (it then moves only by set and advance)' }),
});
export type ClockView = Static<typeof ClockView>;

const Duration = Type.Union([
  Type.Integer({ minimum: 0, description: 'Milliseconds' }),
  Type.String({ examples: ['90s', '10m', '1h', '1d'] }),
]);
const Instant = Type.Union([
  Type.Integer({ minimum: 0, description: 'Unix seconds' }),
  Type.String({ description: 'ISO 8601, e.g. 2026-01-01T00:00:00+08:00', examples: ['2026-01-01T00:00:00+08:00'] }),
]);

/**
 * The world's one clock: every time of the world (message and event times, mute expiry, join and
 * last-sent times, check-in days, honors, request and announcement times, file upload times)
 * reads it. Heartbeats and reconnect intervals stay on real time.
 */
export const clockApi = {
  getClock: defineRoute({
    method: 'GET',
    url: '/api/clock',
    summary: "The world's time, and whether the clock is frozen",
    tag,
    response: ClockView,
  }),
  setClock: defineRoute({
    method: 'POST',
    url: '/api/clock',
    summary:
      'Freeze or release the clock, set it (unix seconds or ISO 8601) and/or advance it (ms, or "90s", "10m", "1d"), in that order: ' +
      'set, advance, freeze. Mutes whose end is passed are lifted (QQ announces no natural mute end, so no notice is sent)',
    tag,
    body: Type.Object(
      {
        freeze: Type.Optional(Type.Boolean()),
        set: Type.Optional(Instant),
        advance: Type.Optional(Duration),
      },
      { additionalProperties: false },
    ),
    response: ClockView,
  }),
};
