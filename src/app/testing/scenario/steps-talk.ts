import { Type } from '@sinclair/typebox';
import { defineStep, groupOf, Segments, strict, Uin, userOf, where } from './step.js';
import { groupMissing, oneOfMissing, whoMissing } from './step-needs.js';

/** Steps in which people speak or act as themselves (OneBot actions with QQ's rules). */

const SayOptions = Type.Object(
  {
    text: Type.Optional(Type.String({ description: 'Plain text' })),
    segments: Type.Optional(Segments),
    from: Type.Optional(Uin),
    group: Type.Optional(Uin),
    to: Type.Optional(Uin),
    private: Type.Optional(Type.Boolean({ description: 'Privately, even when the scenario has a group' })),
  },
  { ...strict, description: 'Who says what where; `text` or `segments`' },
);

export const sayStep = defineStep({
  name: 'say',
  summary: 'A person says something in a group or privately (to the bot unless `to` says otherwise)',
  schema: Type.Union([Type.String(), SayOptions]),
  needs: { who: 'from', oneOf: ['text', 'segments'] },
  async run(ctx, value) {
    const step = typeof value === 'string' ? { text: value } : value;
    const message = step.segments ?? step.text;
    if (message === undefined) throw new Error(`say: ${oneOfMissing(['text', 'segments'])}`);
    const group = groupOf(step, ctx);
    await ctx.world.user(userOf(step, ctx, 'say')).say(message, group !== undefined ? { group } : { to: step.to ?? ctx.botId });
  },
  describe(value, ctx) {
    const step = typeof value === 'string' ? { text: value } : value;
    const what = step.text !== undefined ? JSON.stringify(step.text) : `[${(step.segments ?? []).map((s) => s.type).join(', ')}]`;
    return `say ${what} as ${step.from ?? ctx.user ?? '?'} ${where(groupOf(step, ctx), step.to)}`;
  },
});

export const pokeStep = defineStep({
  name: 'poke',
  summary: 'A person pokes someone (the bot by default), in a group or privately',
  schema: Type.Object(
    { from: Type.Optional(Uin), target: Type.Optional(Uin), group: Type.Optional(Uin), private: Type.Optional(Type.Boolean()) },
    strict,
  ),
  needs: { who: 'from' },
  async run(ctx, step) {
    const group = groupOf(step, ctx);
    await ctx.world.user(userOf(step, ctx, 'poke')).poke(step.target ?? ctx.botId, group !== undefined ? { group } : {});
  },
  describe: (step, ctx) => `poke ${step.target ?? 'the bot'} as ${step.from ?? ctx.user ?? '?'} ${where(groupOf(step, ctx))}`,
});

export const friendRequestStep = defineStep({
  name: 'friend_request',
  summary: 'A person asks the bot (or `target`) to be friends',
  schema: Type.Object({ from: Type.Optional(Uin), target: Type.Optional(Uin), comment: Type.Optional(Type.String()) }, strict),
  needs: { who: 'from' },
  async run(ctx, step) {
    await ctx.world.user(userOf(step, ctx, 'friend_request')).requestFriend(step.target ?? ctx.botId, step.comment ?? '');
  },
  describe: (step, ctx) => `friend request from ${step.from ?? ctx.user ?? '?'} to ${step.target ?? 'the bot'}`,
});

export const uploadStep = defineStep({
  name: 'upload',
  summary: "A person uploads a file into a group's files (members get group_upload)",
  schema: Type.Object(
    {
      name: Type.String({ minLength: 1 }),
      content: Type.Optional(Type.String({ description: "The file's text (default: empty)" })),
      from: Type.Optional(Uin),
      group: Type.Optional(Uin),
    },
    strict,
  ),
  needs: { who: 'from', group: true },
  async run(ctx, step) {
    const group = step.group ?? ctx.group;
    if (group === undefined) throw new Error(`upload: ${groupMissing}`);
    await ctx.world.user(userOf(step, ctx, 'upload')).upload(group, step.name, step.content ?? '');
  },
  describe: (step, ctx) =>
    `upload ${JSON.stringify(step.name)} as ${step.from ?? ctx.user ?? '?'} in group ${step.group ?? ctx.group ?? '?'}`,
});

export const actStep = defineStep({
  name: 'act',
  summary: 'Any OneBot action as any account; `retcode` (default 0) is what it must answer',
  schema: Type.Object(
    {
      action: Type.String({ minLength: 1 }),
      as: Type.Optional(Uin),
      params: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
      retcode: Type.Optional(Type.Integer({ description: 'The retcode the action must answer (default 0)' })),
    },
    strict,
  ),
  needs: { who: 'as' },
  async run(ctx, step) {
    const actor = step.as ?? ctx.user;
    if (actor === undefined) throw new Error(`act: ${whoMissing('as')}`);
    const envelope = await ctx.world.user(actor).act(step.action, step.params ?? {});
    const wanted = step.retcode ?? 0;
    const got = envelope.status === 'async' && wanted === 0 ? 0 : envelope.retcode;
    if (got !== wanted) {
      throw new Error(
        `act ${step.action} as ${actor}: expected retcode ${wanted}, got ${envelope.retcode} (${envelope.message || envelope.wording})`,
      );
    }
  },
  describe: (step, ctx) => `act ${step.action} as ${step.as ?? ctx.user ?? '?'}${step.params ? ` ${JSON.stringify(step.params)}` : ''}`,
});
