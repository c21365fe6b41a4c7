import { Type } from '@sinclair/typebox';
import { defaultSilenceMs, defaultWithinMs, type MessageMatch } from '../expectations.js';
import { defineStep, Duration, durationMs, groupOf, strict, Uin, type StepContext } from './step.js';
import { peerMissing } from './step-needs.js';

/** Expectations on what the bot does, counted from just before the last action step. */

const MessageOptions = {
  text: Type.Optional(Type.String({ description: 'Text the message contains' })),
  regex: Type.Optional(Type.String({ description: 'A regular expression its text matches' })),
  segments: Type.Optional(Type.Array(Type.String(), { description: 'Segment types it carries, e.g. [image] or [reply, text]' })),
  group: Type.Optional(Uin),
  to: Type.Optional(Uin),
  private: Type.Optional(Type.Boolean({ description: 'In a private chat, even when the scenario has a group' })),
  from: Type.Optional(Uin),
  within: Type.Optional(Duration),
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
    await ctx.world.expectMessage(messageMatch(step, ctx), {
      within: step.within !== undefined ? durationMs(step.within) : defaultWithinMs,
    });
  },
  describe: (value, ctx) => `expect ${describeMessage(typeof value === 'string' ? { text: value } : value, ctx)}`,
});

export const expectNoneStep = defineStep({
  name: 'expect_none',
  summary: 'The bot stays silent (no message matching, anywhere by default) for a while (default 500ms)',
  schema: Type.Union([Duration, Type.Object(MessageOptions, strict)]),
  async run(ctx, value) {
    const step = typeof value === 'object' ? value : { within: value };
    // Silence means anywhere unless the step names a place.
    const match = messageMatch(step, { group: undefined, user: undefined });
    await ctx.world.expectNone(match, { within: step.within !== undefined ? durationMs(step.within) : defaultSilenceMs });
  },
  describe: (value) => `expect silence for ${typeof value === 'object' ? (value.within ?? '500ms') : value}`,
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
      },
      strict,
    ),
  ]),
  async run(ctx, value) {
    const step = typeof value === 'string' ? { action: value } : value;
    await ctx.world.expectCall(step.action, step.params, {
      within: step.within !== undefined ? durationMs(step.within) : defaultWithinMs,
      ...(step.self !== undefined && { self: step.self }),
    });
  },
  describe: (value) => {
    const step = typeof value === 'string' ? { action: value } : value;
    return `expect call ${step.action}${step.params ? ` ${JSON.stringify(step.params)}` : ''}`;
  },
});
