import { Type } from '@sinclair/typebox';
import { Segment } from '../../contract/onebot/message.js';
import { defineAction, type ActionContext, type AnyActionSpec } from '../action.js';
import { badParams } from '../error-catalogue.js';
import { renderMessage } from '../message/render.js';
import { renderContextOf } from '../message/message-views.js';
import { P } from '../schema.js';
import { honorTypes, type HonorEntry } from '../../world/services/honor-service.js';
import type { Account } from '../../world/model.js';

const groupId = P.id('Group number');

/** An account's avatar as Catnap serves it ("" for the default avatar). */
const avatarOf = (ctx: ActionContext, account: Account | undefined) => (account?.avatar ? ctx.services.urls.media(account.avatar) : '');

/** One entry of get_essence_msg_list, NapCat's shape. */
const EssenceEntry = Type.Object({
  msg_seq: Type.Integer(),
  msg_random: Type.Integer(),
  sender_id: Type.Integer(),
  sender_nick: Type.String(),
  sender_time: Type.Integer(),
  operator_id: Type.Integer(),
  operator_nick: Type.String(),
  operator_time: Type.Integer(),
  message_id: Type.Integer(),
  content: Type.Array(Segment, { description: 'Segments (in string format, the CQ string as one text segment)' }),
});

const HonorEntry = Type.Object({ user_id: Type.Integer(), nickname: Type.String(), avatar: Type.String(), description: Type.String() });

/** get_group_honor_info: each list, empty when its type was not asked for. */
const HonorInfo = Type.Object({
  group_id: Type.Integer(),
  current_talkative: Type.Union([
    Type.Object({ user_id: Type.Integer(), nickname: Type.String(), avatar: Type.String(), day_count: Type.Integer() }),
    Type.Object({}, { description: 'No talkative member (or talkative not asked for)' }),
  ]),
  talkative_list: Type.Array(HonorEntry),
  performer_list: Type.Array(HonorEntry),
  legend_list: Type.Array(HonorEntry),
  emotion_list: Type.Array(HonorEntry),
  strong_newbie_list: Type.Array(HonorEntry),
});

/** Essence messages, group honors and the @all allowance: go-cqhttp's group extras that read messages. */
export const essenceHonorActions: AnyActionSpec[] = [
  defineAction({
    name: 'set_essence_msg',
    origin: 'go-cqhttp',
    summary: 'Make a group message essence (owner or admin); members get an essence notice',
    params: P.object({ message_id: P.messageId() }),
    result: Type.Null(),
    async handler(ctx, params) {
      await ctx.world.essence.set(ctx.selfId, params.message_id);
      return null;
    },
  }),
  defineAction({
    name: 'delete_essence_msg',
    origin: 'go-cqhttp',
    summary: 'Remove a message from the essence list (owner or admin)',
    description:
      'Name the message by `message_id`, or as NapCat also allows by `group_id` + `msg_seq` (+ `msg_random`), as get_essence_msg_list shows them.',
    params: P.object({
      message_id: P.optional(P.messageId()),
      group_id: P.optional(groupId),
      msg_seq: P.optional(P.int('msg_seq from get_essence_msg_list', { minimum: 1 })),
      msg_random: P.optional(P.int('msg_random from get_essence_msg_list', { minimum: 0 })),
    }),
    result: Type.Null(),
    async handler(ctx, params) {
      if (params.message_id !== undefined) {
        await ctx.world.essence.remove(ctx.selfId, { messageId: params.message_id });
      } else if (params.group_id !== undefined && params.msg_seq !== undefined) {
        await ctx.world.essence.remove(ctx.selfId, {
          groupId: params.group_id,
          seq: params.msg_seq,
          ...(params.msg_random !== undefined && { random: params.msg_random }),
        });
      } else {
        throw badParams('message_id: is required (or group_id with msg_seq)');
      }
      return null;
    },
  }),
  defineAction({
    name: 'get_essence_msg_list',
    origin: 'go-cqhttp',
    summary: "A group's essence messages, newest first, with their content",
    params: P.object({ group_id: groupId }),
    result: Type.Array(EssenceEntry),
    async handler(ctx, params) {
      const listed = await ctx.world.essence.list(ctx.selfId, params.group_id);
      const accounts = await ctx.world.accounts.getMany(listed.flatMap(({ entry }) => [entry.senderId, entry.operatorId]));
      return listed.map(({ entry, message }) => {
        const rendered = renderMessage(message.elements, ctx.messageFormat, renderContextOf(ctx));
        return {
          msg_seq: message.seq,
          msg_random: message.random,
          sender_id: entry.senderId,
          sender_nick: accounts.get(entry.senderId)?.nickname ?? '',
          sender_time: message.time,
          operator_id: entry.operatorId,
          operator_nick: accounts.get(entry.operatorId)?.nickname ?? '',
          operator_time: entry.time,
          message_id: message.messageId,
          // NapCat sends segments; in string format the CQ string comes as one text segment.
          content: typeof rendered.message === 'string' ? [{ type: 'text', data: { text: rendered.message } }] : rendered.message,
        };
      });
    },
  }),
  defineAction({
    name: 'get_group_honor_info',
    origin: 'onebot11',
    summary: "A group's honors computed from its messages: 龙王 (talkative), 群聊之火, 群聊炽焰, 冒尖小春笋, 快乐源泉",
    description:
      'talkative: the member with the most messages of each China-time day of the last week; performer: 3-6 days in a row with messages, legend: 7 or more; emotion: stickers 3 days in a row; strong_newbie: joined within a week (founders excluded) and said 5 things. Lists of types not asked for are empty.',
    params: P.object({
      group_id: groupId,
      type: P.optional(
        Type.Union([...[...honorTypes, 'all'].map((type) => Type.Literal(type))], {
          description: 'talkative, performer, legend, strong_newbie, emotion or all (default)',
        }),
      ),
    }),
    result: HonorInfo,
    async handler(ctx, params) {
      const type = params.type ?? 'all';
      const honors = await ctx.world.honors.honors(ctx.selfId, params.group_id);
      const ids = [
        honors.current?.userId ?? 0,
        ...[honors.talkative, honors.performer, honors.legend, honors.emotion, honors.strongNewbie].flat().map((entry) => entry.userId),
      ];
      const accounts = await ctx.world.accounts.getMany(ids.filter((id) => id > 0));
      const wants = (kind: string) => type === 'all' || type === kind;
      const entries = (kind: string, list: readonly HonorEntry[]) =>
        wants(kind)
          ? list.map((entry) => ({
              user_id: entry.userId,
              nickname: accounts.get(entry.userId)?.nickname ?? '',
              avatar: avatarOf(ctx, accounts.get(entry.userId)),
              description: entry.description,
            }))
          : [];
      const current = honors.current;
      return {
        group_id: params.group_id,
        current_talkative:
          wants('talkative') && current
            ? {
                user_id: current.userId,
                nickname: accounts.get(current.userId)?.nickname ?? '',
                avatar: avatarOf(ctx, accounts.get(current.userId)),
                day_count: current.dayCount,
              }
            : {},
        talkative_list: entries('talkative', honors.talkative),
        performer_list: entries('performer', honors.performer),
        legend_list: entries('legend', honors.legend),
        emotion_list: entries('emotion', honors.emotion),
        strong_newbie_list: entries('strong_newbie', honors.strongNewbie),
      };
    },
  }),
  defineAction({
    name: 'get_group_at_all_remain',
    origin: 'go-cqhttp',
    summary: "What is left of today's @all allowance: for the group's admins together, and for the caller",
    params: P.object({ group_id: groupId }),
    result: Type.Object({
      can_at_all: Type.Boolean(),
      remain_at_all_count_for_group: Type.Integer(),
      remain_at_all_count_for_uin: Type.Integer(),
    }),
    async handler(ctx, params) {
      const remaining = await ctx.world.honors.atAllRemaining(ctx.selfId, params.group_id);
      return {
        can_at_all: remaining.canAtAll,
        remain_at_all_count_for_group: remaining.remainForGroup,
        remain_at_all_count_for_uin: remaining.remainForUser,
      };
    },
  }),
];
