import { Type } from '@sinclair/typebox';
import { GroupInfoWithCreateTime } from '../../contract/onebot/groups.js';
import { actionResults } from '../../contract/onebot/results.js';
import { defineAction, type ActionContext, type AnyActionSpec } from '../action.js';
import { nowSeconds } from '../../util/clock.js';
import { fail } from '../../world/errors.js';
import { P } from '../schema.js';
import { toOb11Group, toOb11Member } from '../shapes/group.js';

const noCache = P.optional(P.bool('Ignored: Catnap has no cache to bypass, every answer is current'));
const groupId = P.id('Group number');

/** LLBot and go-cqhttp write each group with its creation time (LLBot OB11Entities.group, go-cqhttp coolq/api.go CQGetGroupList). */
const withCreateTime = async <G extends { group_id: number }>(ctx: ActionContext, group: G) => ({
  ...group,
  group_create_time: (await ctx.world.groups.require(group.group_id)).createTime,
});
const withCreateTimes = <G extends { group_id: number }>(ctx: ActionContext, groups: G[]) =>
  Promise.all(groups.map((group) => withCreateTime(ctx, group)));
const createTimeNote = 'The group also has `group_create_time` (Unix seconds).';

export const groupInfoActions: AnyActionSpec[] = [
  defineAction({
    name: 'get_group_list',
    origin: 'onebot11',
    summary: 'Groups the account is a member of',
    params: P.object({ no_cache: noCache }),
    result: actionResults.get_group_list,
    async handler(ctx) {
      const groups = await ctx.world.groups.listFor(ctx.selfId);
      const remarks = await ctx.world.groupAdmin.remarks(ctx.selfId);
      return Promise.all(
        groups.map(async (group) =>
          toOb11Group(group, await ctx.world.groups.memberCount(group.groupId), ctx.services.urls, remarks.get(group.groupId)),
        ),
      );
    },
    dialects: {
      llbot: {
        note: createTimeNote,
        result: Type.Array(GroupInfoWithCreateTime),
        reshape: (data, _params, ctx) => withCreateTimes(ctx, data),
      },
      'go-cqhttp': {
        note: createTimeNote,
        result: Type.Array(GroupInfoWithCreateTime),
        reshape: (data, _params, ctx) => withCreateTimes(ctx, data),
      },
    },
  }),
  defineAction({
    name: 'get_group_info',
    origin: 'onebot11',
    summary: "A group's name and size (any existing group, as QQ's group search shows)",
    params: P.object({ group_id: groupId, no_cache: noCache }),
    result: actionResults.get_group_info,
    async handler(ctx, params) {
      const group = await ctx.world.groups.require(params.group_id);
      const remark = await ctx.world.groupAdmin.remark(ctx.selfId, group.groupId);
      return toOb11Group(group, await ctx.world.groups.memberCount(group.groupId), ctx.services.urls, remark);
    },
    dialects: {
      llbot: { note: createTimeNote, result: GroupInfoWithCreateTime, reshape: (data, _params, ctx) => withCreateTime(ctx, data) },
      'go-cqhttp': { note: createTimeNote, result: GroupInfoWithCreateTime, reshape: (data, _params, ctx) => withCreateTime(ctx, data) },
    },
  }),
  defineAction({
    name: 'get_group_member_info',
    origin: 'onebot11',
    summary: 'One member of a group the account is in',
    params: P.object({ group_id: groupId, user_id: P.id('QQ number of the member'), no_cache: noCache }),
    result: actionResults.get_group_member_info,
    async handler(ctx, params) {
      await ctx.world.groups.requireSelf(params.group_id, ctx.selfId);
      const member = await ctx.world.groups.requireMember(params.group_id, params.user_id);
      const account = await ctx.world.accounts.find(member.userId);
      if (!account) throw fail.userNotFound(member.userId);
      return toOb11Member(member, account, nowSeconds(ctx.world.clock));
    },
  }),
  defineAction({
    name: 'get_group_member_list',
    origin: 'onebot11',
    summary: 'Every member of a group the account is in',
    params: P.object({ group_id: groupId, no_cache: noCache }),
    result: actionResults.get_group_member_list,
    async handler(ctx, params) {
      await ctx.world.groups.requireSelf(params.group_id, ctx.selfId);
      const members = await ctx.world.groups.members(params.group_id);
      const accounts = await ctx.world.accounts.getMany(members.map((member) => member.userId));
      const now = nowSeconds(ctx.world.clock);
      return members.flatMap((member) => {
        const account = accounts.get(member.userId);
        return account ? [toOb11Member(member, account, now)] : [];
      });
    },
  }),
];
