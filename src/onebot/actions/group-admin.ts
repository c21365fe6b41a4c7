import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { defineAction, type ActionContext, type AnyActionSpec } from '../action.js';
import { badParams } from '../error-catalogue.js';
import { napcatFlag, yesOnlyIfTrue, yesUnlessFalse, type NapcatFlag } from '../napcat-flags.js';
import { P } from '../schema.js';
import { NtMember, toNtMember } from '../shapes/group-extras.js';
import { nowSeconds } from '../../util/clock.js';
import { qqLimits } from '../../world/qq-limits.js';

const groupId = P.id('Group number');
const userId = P.id('QQ number of the member');

/** set_group_ban's params; only the default `duration` differs between dialects. */
function banParams(defaultDuration: number) {
  return P.object({
    group_id: groupId,
    user_id: userId,
    duration: P.int('Seconds; 0 lifts the mute', { default: defaultDuration, minimum: 0, maximum: qqLimits.muteSeconds }),
  });
}

async function mute(ctx: ActionContext, params: Static<ReturnType<typeof banParams>>): Promise<null> {
  await ctx.world.groups.mute(ctx.selfId, params.group_id, params.user_id, params.duration);
  return null;
}

/** LLBot's and go-cqhttp's set_group_admin params: a plain boolean `enable`, true when absent. */
const strictAdminParams = P.object({
  group_id: groupId,
  user_id: userId,
  enable: P.bool('Make admin (true) or remove admin (false)', true),
});
/** NapCat's: `enable` as its boolean-or-string, read by `yesOnlyIfTrue` (so absent or "1" removes the admin). */
const adminParams = P.object({ group_id: groupId, user_id: userId, enable: napcatFlag('Make admin only when true or "true"') });

async function setAdmin(ctx: ActionContext, params: { group_id: number; user_id: number }, enable: boolean): Promise<null> {
  await ctx.world.groups.setAdmin(ctx.selfId, params.group_id, params.user_id, enable);
  return null;
}

/** What the LLBot and go-cqhttp dialects say about a flag NapCat reads by its own string rules. */
const strictFlagNote = (name: string, absent: string) =>
  `Reads \`${name}\` as a plain boolean (true/false, 1/0, "true"/"false", "1"/"0"; any other value is refused); without it, ${absent}.`;

/** set_group_kick's reject_add_request as NapCat reads it (`?.toString() === 'true'`). */
const rejectAddRequest = napcatFlag('Refuse their later join requests: only true or "true"');
const strictRejectAddRequest = P.optional(P.bool('Refuse their later join requests', false));

async function kick(ctx: ActionContext, params: { group_id: number; user_id: number }, rejectAdd: NapcatFlag): Promise<null> {
  await ctx.world.groupAdmin.kick(ctx.selfId, params.group_id, params.user_id, { rejectAddRequest: yesOnlyIfTrue(rejectAdd) });
  return null;
}

/** set_group_whole_ban's params around the dialect's `enable`. */
const wholeBanParams = <E extends TSchema>(enable: E) => P.object({ group_id: groupId, enable });

async function wholeMute(ctx: ActionContext, params: { group_id: number }, enable: boolean): Promise<null> {
  await ctx.world.groups.setWholeMute(ctx.selfId, params.group_id, enable);
  return null;
}

/**
 * OneBot 11's group administration and NapCat's batch kick, join setting and group remark. The
 * world enforces QQ's ranks (owner > admin > member; nobody acts on an equal or higher rank) and
 * emits the notice each change causes.
 */
export const groupAdminActions: AnyActionSpec[] = [
  defineAction({
    name: 'set_group_kick',
    origin: 'onebot11',
    summary: 'Remove a member (the caller must outrank them)',
    description: 'With `reject_add_request` the group also refuses their later join requests (an admin may still invite them back).',
    params: P.object({ group_id: groupId, user_id: userId, reject_add_request: rejectAddRequest }),
    result: Type.Null(),
    handler: (ctx, params) => kick(ctx, params, params.reject_add_request),
    dialects: {
      llbot: {
        note: strictFlagNote('reject_add_request', 'later join requests are not refused'),
        params: P.object({ group_id: groupId, user_id: userId, reject_add_request: strictRejectAddRequest }),
        handler: (ctx, params) => kick(ctx, params, params.reject_add_request),
      },
      'go-cqhttp': {
        note: strictFlagNote('reject_add_request', 'later join requests are not refused'),
        params: P.object({ group_id: groupId, user_id: userId, reject_add_request: strictRejectAddRequest }),
        handler: (ctx, params) => kick(ctx, params, params.reject_add_request),
      },
    },
  }),
  defineAction({
    name: 'set_group_kick_members',
    aliases: ['batch_delete_group_member'],
    origin: 'napcat',
    summary: 'Remove several members at once (all are checked before anyone is removed)',
    params: P.object({
      group_id: groupId,
      user_id: P.optional(Type.Array(P.id('QQ number of a member'), { description: 'Members to remove', maxItems: 500 })),
      user_ids: P.optional(Type.Array(P.id('QQ number of a member'), { description: 'Alias of user_id', maxItems: 500 })),
      reject_add_request: rejectAddRequest,
    }),
    result: Type.Null(),
    async handler(ctx, params) {
      const targets = params.user_id ?? params.user_ids;
      if (!targets || targets.length === 0) throw badParams('user_id: is required (an array of QQ numbers)');
      await ctx.world.groupAdmin.kickMany(ctx.selfId, params.group_id, targets, {
        rejectAddRequest: yesOnlyIfTrue(params.reject_add_request),
      });
      return null;
    },
  }),
  defineAction({
    name: 'set_group_ban',
    origin: 'onebot11',
    summary: 'Mute a member for `duration` seconds (0 lifts the mute)',
    description:
      'The caller must outrank the member. A muted member cannot speak until the mute expires or is lifted. At most 30 days. Without `duration` NapCat lifts the mute (its default is 0, not OneBot’s 30 minutes).',
    params: banParams(0),
    result: Type.Null(),
    handler: mute,
    dialects: {
      llbot: {
        note: 'Without `duration`, mutes for 30 minutes (OneBot’s default) instead of lifting the mute.',
        params: banParams(1800),
        handler: mute,
      },
      'go-cqhttp': {
        note: 'Without `duration`, mutes for 30 minutes (OneBot’s default) instead of lifting the mute.',
        params: banParams(1800),
        handler: mute,
      },
    },
  }),
  defineAction({
    name: 'set_group_whole_ban',
    origin: 'onebot11',
    summary: 'Mute or unmute the whole group (only the owner and admins may then speak)',
    description:
      'Only false, "false" or 0 unmutes: NapCat reads `enable` as `enable?.toString() !== \'false\'`, and its schema turns 0 into false but keeps "0" a string, which mutes.',
    params: wholeBanParams(napcatFlag('Mute unless false, "false" or 0')),
    result: Type.Null(),
    handler: (ctx, params) => wholeMute(ctx, params, yesUnlessFalse(params.enable)),
    dialects: {
      llbot: {
        note: strictFlagNote('enable', 'mutes'),
        params: wholeBanParams(P.bool('Mute (true) or unmute (false)', true)),
        handler: (ctx, params) => wholeMute(ctx, params, params.enable),
      },
      'go-cqhttp': {
        note: strictFlagNote('enable', 'mutes'),
        params: wholeBanParams(P.bool('Mute (true) or unmute (false)', true)),
        handler: (ctx, params) => wholeMute(ctx, params, params.enable),
      },
    },
  }),
  defineAction({
    name: 'set_group_admin',
    origin: 'onebot11',
    summary: 'Make a member an admin or a plain member again (owner only)',
    description:
      'Only true, "true" or 1 makes an admin: NapCat reads `enable` as `typeof enable === \'string\' ? enable === \'true\' : !!enable`, so without `enable`, or with "1", it removes the admin (not OneBot’s default true).',
    params: adminParams,
    result: Type.Null(),
    handler: (ctx, params) => setAdmin(ctx, params, yesOnlyIfTrue(params.enable)),
    dialects: {
      llbot: {
        note: strictFlagNote('enable', 'makes the member an admin (OneBot’s default) instead of removing the admin'),
        params: strictAdminParams,
        handler: (ctx, params) => setAdmin(ctx, params, params.enable),
      },
      'go-cqhttp': {
        note: strictFlagNote('enable', 'makes the member an admin (OneBot’s default) instead of removing the admin'),
        params: strictAdminParams,
        handler: (ctx, params) => setAdmin(ctx, params, params.enable),
      },
    },
  }),
  defineAction({
    name: 'set_group_card',
    origin: 'onebot11',
    summary: "Set a member's group card (their own, or of a lower-ranked member)",
    params: P.object({ group_id: groupId, user_id: userId, card: P.str('The new card; empty clears it', { default: '', maxLength: 60 }) }),
    result: Type.Null(),
    async handler(ctx, params) {
      await ctx.world.groups.setCard(ctx.selfId, params.group_id, params.user_id, params.card);
      return null;
    },
  }),
  defineAction({
    name: 'set_group_name',
    origin: 'onebot11',
    summary: 'Rename the group (owner or admin)',
    params: P.object({ group_id: groupId, group_name: P.str('The new name', { minLength: 1, maxLength: 90 }) }),
    result: Type.Null(),
    async handler(ctx, params) {
      if (params.group_name.trim() === '') throw badParams('group_name: must not be blank');
      await ctx.world.groups.rename(ctx.selfId, params.group_id, params.group_name);
      return null;
    },
  }),
  defineAction({
    name: 'set_group_leave',
    origin: 'onebot11',
    summary: 'Leave the group; its owner dismisses it with is_dismiss',
    description:
      'The owner cannot leave: with `is_dismiss: true` the group is dismissed (every member gets group_decrease disband), without it the call fails.',
    params: P.object({ group_id: groupId, is_dismiss: P.optional(P.bool('Dismiss the group (owner only)', false)) }),
    result: Type.Null(),
    async handler(ctx, params) {
      await ctx.world.groupAdmin.leave(ctx.selfId, params.group_id, params.is_dismiss ?? false);
      return null;
    },
  }),
  defineAction({
    name: 'set_group_special_title',
    origin: 'onebot11',
    summary: "Set a member's special title (owner only)",
    params: P.object({
      group_id: groupId,
      user_id: userId,
      special_title: P.str('The title; empty removes it', { default: '', maxLength: 18 }),
      duration: P.int('Seconds until the title expires; -1 or 0 keeps it', {
        default: -1,
        minimum: -1,
        maximum: qqLimits.specialTitleSeconds,
      }),
    }),
    result: Type.Null(),
    async handler(ctx, params) {
      await ctx.world.groups.setTitle(ctx.selfId, params.group_id, params.user_id, params.special_title, params.duration);
      return null;
    },
  }),
  defineAction({
    name: 'set_group_add_option',
    origin: 'napcat',
    summary: 'How the group takes new members (owner or admin), enforced on join requests',
    description:
      '`add_type`: 1 anyone joins at once, 2 an admin approves (the default), 3 nobody may ask to join, 4 a correct `group_answer` joins at once, 5 the answer to `group_question` goes to an admin.',
    params: P.object({
      group_id: groupId,
      add_type: P.int('1 anyone, 2 admin approval, 3 nobody, 4 correct answer, 5 answer then approval', { minimum: 1, maximum: 5 }),
      group_question: P.optional(P.str('The question (add_type 4 and 5)', { maxLength: 200 })),
      group_answer: P.optional(P.str('The answer that lets people in (add_type 4)', { maxLength: 200 })),
    }),
    result: Type.Null(),
    async handler(ctx, params) {
      await ctx.world.groupAdmin.setJoinSettings(
        ctx.selfId,
        params.group_id,
        params.add_type,
        params.group_question ?? '',
        params.group_answer ?? '',
      );
      return null;
    },
  }),
  defineAction({
    name: 'set_group_member_invite_policy',
    origin: 'napcat',
    summary: "What a plain member's invitation leads to (owner or admin), enforced on invitations",
    description:
      '`disabled`: members may not invite; `require_approval` (the default): an admin approves the invitee; `no_approval`: the invitee joins at once; `no_approval_under_100`: at once while the group has fewer than 100 members. Invitations from the owner and admins always add at once.',
    params: P.object({
      group_id: groupId,
      policy: Type.Union(
        [Type.Literal('disabled'), Type.Literal('require_approval'), Type.Literal('no_approval'), Type.Literal('no_approval_under_100')],
        { description: 'disabled, require_approval, no_approval or no_approval_under_100' },
      ),
    }),
    result: Type.Null(),
    async handler(ctx, params) {
      await ctx.world.groupAdmin.setInvitePolicy(ctx.selfId, params.group_id, params.policy);
      return null;
    },
  }),
  defineAction({
    name: 'set_group_remark',
    origin: 'napcat',
    summary: "The caller's own remark for a group (shown as group_remark in its group info)",
    params: P.object({ group_id: groupId, remark: P.str('The remark; empty clears it', { maxLength: 90 }) }),
    result: Type.Null(),
    async handler(ctx, params) {
      await ctx.world.groupAdmin.setRemark(ctx.selfId, params.group_id, params.remark);
      return null;
    },
  }),
  defineAction({
    name: 'get_group_shut_list',
    origin: 'napcat',
    summary: 'Members of a group whose mute has not expired (NT member records, as NapCat returns)',
    params: P.object({ group_id: groupId }),
    result: Type.Array(NtMember),
    async handler(ctx, params) {
      await ctx.world.groups.requireSelf(params.group_id, ctx.selfId);
      const muted = await ctx.world.groupAdmin.mutedMembers(params.group_id);
      const accounts = await ctx.world.accounts.getMany(muted.map((member) => member.userId));
      const now = nowSeconds(ctx.world.clock);
      return muted.flatMap((member) => {
        const account = accounts.get(member.userId);
        return account ? [toNtMember(member, account, now)] : [];
      });
    },
  }),
];
