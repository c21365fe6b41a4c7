import { Type } from '@sinclair/typebox';
import { defaultSilenceMs, defaultWithinMs, type MessageMatch } from '../expectations.js';
import type { Mark } from '../bench-api.js';
import { defineStep, Duration, durationMs, groupOf, strict, Uin, type StepContext } from './step.js';
import { peerMissing } from './step-needs.js';

/**
 * Expectations on what the bot does, counted from just before the last action step, or with
 * `since` from a point a `mark` step named.
 */

/** A mark step's name: what `since` gives to count from there. */
const MarkName = Type.String({ minLength: 1, maxLength: 100, description: 'A name for this point' });

const Since = Type.Optional(
  Type.String({ minLength: 1, description: 'Count from the point an earlier `mark` step named, not from the last action' }),
);

/** The mark `since` names, or (without one) undefined: the latest action's mark. */
function sinceOf(ctx: StepContext, step: string, since: string | undefined): Mark | undefined {
  if (since === undefined) return undefined;
  const mark = ctx.marks.get(since);
  if (mark === undefined) throw new Error(`${step}: no earlier "mark" step named "${since}" (add "- mark: ${since}" above)`);
  return mark;
}

/** A silence of 0 looks only at what already happened (since a mark): "until now". */
const silenceSpan = (within: Duration) => (durationMs(within) === 0 ? 'expect silence until now' : `expect silence for ${within}`);

const sinceSuffix = (since: string | undefined) => (since !== undefined ? ` since "${since}"` : '');

export const markStep = defineStep({
  name: 'mark',
  summary:
    "Names this point of the transcript for a later expectation's `since`; not an action (expectations still count from the last one)",
  schema: MarkName,
  async run(ctx, name) {
    // Through the API, not world.mark(): the latest action's mark, which expectations without
    // `since` count from, stays where it is.
    ctx.marks.set(name, await ctx.world.api.mark(name));
  },
  describe: (name) => `mark "${name}"`,
});

const MessageOptions = {
  text: Type.Optional(Type.String({ description: 'Text the message contains' })),
  regex: Type.Optional(Type.String({ description: 'A regular expression its text matches' })),
  segments: Type.Optional(Type.Array(Type.String(), { description: 'Segment types it carries, e.g. [image] or [reply, text]' })),
  group: Type.Optional(Uin),
  to: Type.Optional(Uin),
  private: Type.Optional(Type.Boolean({ description: 'In a private chat, even when the scenario has a group' })),
  from: Type.Optional(Uin),
  within: Type.Optional(Duration),
  since: Since,
};
type MessageStep = { text?: string; regex?: string; segments?: string[]; group?: number; to?: number; private?: boolean; from?: number };

function messageMatch(step: MessageStep, ctx: Pick<StepContext, 'group' | 'user'>): MessageMatch {
  const group = groupOf(step, ctx);
  const peer = group === undefined ? (step.to ?? ctx.user) : undefined;
  return {
    ...(step.text !== undefined && { text: step.text }),
    ...(step.regex !== undefined && { regex: step.regex }),
    ...(step.segments && { segments: step.segments }),
    ...(group !== undefined && { group }),
    ...(peer !== undefined && { user: peer }),
    ...(step.from !== undefined && { from: step.from }),
  };
}

function describeMessage(step: MessageStep, ctx: Pick<StepContext, 'group' | 'user'>): string {
  const match = messageMatch(step, ctx);
  const parts = [];
  if (match.text !== undefined) parts.push(JSON.stringify(match.text));
  if (match.regex !== undefined) parts.push(`/${String(match.regex)}/`);
  if (match.segments) parts.push(`[${match.segments.join(', ')}]`);
  parts.push(match.group !== undefined ? `in group ${match.group}` : `privately to ${match.user ?? '?'}`);
  return parts.join(' ');
}

export const expectStep = defineStep({
  name: 'expect',
  summary: "The bot's message: text it contains, a regex, segment types, where, within a time (default 2s)",
  schema: Type.Union([Type.String({ description: 'Text the message contains' }), Type.Object(MessageOptions, strict)]),
  needs: { privatePeer: 'to' },
  async run(ctx, value) {
    const step = typeof value === 'string' ? { text: value } : value;
    // Without a peer the match would take any message, group ones included.
    if (step.private && step.to === undefined && ctx.user === undefined) throw new Error(`expect: ${peerMissing('to')}`);
    const since = sinceOf(ctx, 'expect', step.since);
    await ctx.world.expectMessage(messageMatch(step, ctx), {
      within: step.within !== undefined ? durationMs(step.within) : defaultWithinMs,
      ...(since !== undefined && { since }),
    });
  },
  describe: (value, ctx) =>
    `expect ${describeMessage(typeof value === 'string' ? { text: value } : value, ctx)}${sinceSuffix(typeof value === 'string' ? undefined : value.since)}`,
});

export const expectNoneStep = defineStep({
  name: 'expect_none',
  summary: 'The bot stays silent (no message matching, anywhere by default) for a while (default 500ms)',
  schema: Type.Union([Duration, Type.Object(MessageOptions, strict)]),
  async run(ctx, value) {
    const step = typeof value === 'object' ? value : { within: value };
    // Silence means anywhere unless the step names a place.
    const match = messageMatch(step, { group: undefined, user: undefined });
    const since = sinceOf(ctx, 'expect_none', step.since);
    await ctx.world.expectNone(match, {
      within: step.within !== undefined ? durationMs(step.within) : defaultSilenceMs,
      ...(since !== undefined && { since }),
    });
  },
  describe: (value) =>
    silenceSpan(typeof value === 'object' ? (value.within ?? '500ms') : value) +
    sinceSuffix(typeof value === 'object' ? value.since : undefined),
});

export const expectCallStep = defineStep({
  name: 'expect_call',
  summary: 'The bot calls an action with at least these params, within a time (default 2s)',
  schema: Type.Union([
    Type.String({ description: 'The action name' }),
    Type.Object(
      {
        action: Type.String({ minLength: 1 }),
        params: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: 'A subset of the params' })),
        self: Type.Optional(Uin),
        within: Type.Optional(Duration),
        since: Since,
      },
      strict,
    ),
  ]),
  async run(ctx, value) {
    const step = typeof value === 'string' ? { action: value } : value;
    const since = sinceOf(ctx, 'expect_call', 'since' in step ? step.since : undefined);
    await ctx.world.expectCall(step.action, step.params, {
      within: step.within !== undefined ? durationMs(step.within) : defaultWithinMs,
      ...(step.self !== undefined && { self: step.self }),
      ...(since !== undefined && { since }),
    });
  },
  describe: (value) => {
    const step = typeof value === 'string' ? { action: value } : value;
    return `expect call ${step.action}${step.params ? ` ${JSON.stringify(step.params)}` : ''}${sinceSuffix('since' in step ? step.since : undefined)}`;
  },
});
