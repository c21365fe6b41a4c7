import { Type } from '@sinclair/typebox';
import { defineStep, Duration, durationMs, strict, Uin } from './step.js';
import { groupMissing } from './step-needs.js';

/** Steps that change the world: membership, mutes, the clock. With `by`, a person does it with QQ's rules; without, the world does. */

const Member = { user: Uin, group: Type.Optional(Uin) };
const requireGroup = (group: number | undefined, step: string): number => {
  if (group === undefined) throw new Error(`${step}: ${groupMissing}`);
  return group;
};

export const joinStep = defineStep({
  name: 'join',
  summary: 'Someone joins a group (members and the bot get group_increase)',
  schema: Type.Object(Member, strict),
  needs: { group: true },
  async run(ctx, step) {
    await ctx.world.group(requireGroup(step.group ?? ctx.group, 'join')).join(step.user);
  },
  describe: (step, ctx) => `${step.user} joins group ${step.group ?? ctx.group ?? '?'}`,
});

export const leaveStep = defineStep({
  name: 'leave',
  summary: 'A member leaves a group by themselves',
  schema: Type.Object(Member, strict),
  needs: { group: true },
  async run(ctx, step) {
    await ctx.world.user(step.user).leave(requireGroup(step.group ?? ctx.group, 'leave'));
  },
  describe: (step, ctx) => `${step.user} leaves group ${step.group ?? ctx.group ?? '?'}`,
});

export const kickStep = defineStep({
  name: 'kick',
  summary: "A member is kicked: by `by` (an admin or the owner, with QQ's rules) or by the world",
  schema: Type.Object({ ...Member, by: Type.Optional(Uin) }, strict),
  needs: { group: true },
  async run(ctx, step) {
    const group = requireGroup(step.group ?? ctx.group, 'kick');
    if (step.by !== undefined) await ctx.world.user(step.by).kick(group, step.user);
    else await ctx.world.group(group).remove(step.user);
  },
  describe: (step, ctx) => `${step.user} is kicked from group ${step.group ?? ctx.group ?? '?'}${step.by ? ` by ${step.by}` : ''}`,
});

export const muteStep = defineStep({
  name: 'mute',
  summary: "A member is muted for a while (0 lifts it): by `by` with QQ's rules, or by the world",
  schema: Type.Object({ ...Member, duration: Duration, by: Type.Optional(Uin) }, strict),
  needs: { group: true },
  async run(ctx, step) {
    const group = requireGroup(step.group ?? ctx.group, 'mute');
    const seconds = Math.round(durationMs(step.duration) / 1000);
    if (step.by !== undefined) await ctx.world.user(step.by).mute(group, step.user, seconds);
    else await ctx.world.group(group).mute(step.user, seconds);
  },
  describe: (step, ctx) =>
    `${step.user} is muted in group ${step.group ?? ctx.group ?? '?'} for ${step.duration}${step.by ? ` by ${step.by}` : ''}`,
});

export const advanceStep = defineStep({
  name: 'advance',
  summary: "Moves the world's clock on (mutes that end on the way are lifted)",
  schema: Duration,
  async run(ctx, value) {
    await ctx.world.clock.advance(value);
  },
  describe: (value) => `advance the clock ${value}`,
});
