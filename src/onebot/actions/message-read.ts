import { Type } from '@sinclair/typebox';
import type { ConversationRef } from '../../world/messages/conversation-service.js';
import { actionResults } from '../../contract/onebot/results.js';
import { defineAction, type ActionContext, type AnyActionSpec } from '../action.js';
import { badParams } from '../error-catalogue.js';
import { forwardNodeViews, renderContextOf, viewMessages } from '../message/message-views.js';
import { P } from '../schema.js';
import { anchorOf, messageIdParam, seqAnchorOf } from './message-params.js';

/** Largest page a history call returns; larger counts are cut to it. */
export const maxHistoryPage = 1000;

const historyParams = {
  message_seq: P.optional(
    Type.Union([Type.Integer(), Type.String()], { description: 'Anchor: a message_id (NapCat); 0, "" or absent for the newest messages' }),
  ),
  count: P.int('How many messages (the anchor included)', { minimum: 1, default: 20 }),
  reverse_order: P.bool('false: the anchor and newer messages; true: the anchor and older ones', false),
  reverseOrder: P.bool('Old name of reverse_order', false),
  disable_get_url: P.optional(P.bool('Ignored: media URLs are Catnap’s own and always present')),
  parse_mult_msg: P.bool('Fill merged-forward segments with their nodes (array format)', true),
  quick_reply: P.optional(P.bool('Ignored')),
};

type HistoryParams = {
  message_seq?: number | string;
  count: number;
  reverse_order: boolean;
  reverseOrder: boolean;
  parse_mult_msg: boolean;
};

async function history(ctx: ActionContext, ref: ConversationRef, params: HistoryParams) {
  const records = await ctx.world.conversations.history(ctx.selfId, ref, {
    anchor: anchorOf(params.message_seq),
    count: Math.min(params.count, maxHistoryPage),
    newer: !(params.reverse_order || params.reverseOrder),
    // NapCat throws "消息<seq>不存在" when QQ's history call lists nothing (GetGroupMsgHistory.ts).
    failWhenEmpty: true,
    // NapCat filters nothing: QQ keeps a recalled message in the chat as a recall notice, which
    // NapCat renders as a message with no segments (it has no converter for gray tips).
    withRecalled: true,
  });
  return { messages: await viewMessages(ctx, records, { format: ctx.messageFormat, forwardContent: params.parse_mult_msg }) };
}

const seqAnchor = P.optional(
  Type.Union([Type.Integer(), Type.String()], {
    description:
      'Anchor: a message\'s message_seq (its seq in the conversation, as this dialect\'s events carry it); 0, "" or absent for the newest',
  }),
);

/**
 * LLBot's paging: the anchor (a seq) and the messages before it, `count` of them not recalled
 * (holes left by recalls are filled from older seqs), oldest first; `reverseOrder` only turns the
 * page around. Paging back asks again with the oldest message_seq minus one.
 */
const llbotHistory = {
  note: 'message_seq is a seq (the message_seq of its events): the anchor and the `count` messages before it, oldest first; only `reverseOrder` (newest first, same messages) is read, `reverse_order` is ignored; count 0 answers none; no anchor found answers an empty page.',
  params: P.object({
    message_seq: seqAnchor,
    count: P.int('How many messages: the anchor and older ones', { minimum: 0, default: 20 }),
    reverseOrder: P.bool('Newest first (the same messages, turned around)', false),
  }),
};

async function llbotHistoryPage(
  ctx: ActionContext,
  ref: ConversationRef,
  params: { message_seq?: number | string; count: number; reverseOrder: boolean },
) {
  const maxSeq = seqAnchorOf(params.message_seq);
  const count = Math.min(params.count, maxHistoryPage);
  const records = count === 0 ? [] : await ctx.world.conversations.historyBySeq(ctx.selfId, ref, { ...(maxSeq && { maxSeq }), count });
  const messages = await viewMessages(ctx, records, { format: ctx.messageFormat, forwardContent: true });
  return { messages: params.reverseOrder ? messages.reverse() : messages };
}

/** go-cqhttp's window: always the 20 seqs ending at the anchor (or the newest seq), whatever is left of them. */
const gocqHistoryWindow = 20;

export const messageReadActions: AnyActionSpec[] = [
  defineAction({
    name: 'get_msg',
    origin: 'onebot11',
    summary: 'One message, as the account sees it',
    description:
      'In the caller’s message format, with NapCat’s fields and `emoji_likes_list`. Recalled messages fail with MESSAGE_RECALLED.',
    params: P.object({ message_id: messageIdParam }),
    result: actionResults.get_msg,
    async handler(ctx, params) {
      const record = await ctx.world.messages.get(ctx.selfId, params.message_id);
      const [view] = await viewMessages(ctx, [record], { format: ctx.messageFormat, forwardContent: true });
      if (!view) throw new Error(`message ${record.messageId} has no view`);
      const likes = await ctx.world.reactions.counts(ctx.selfId, record.messageId);
      return {
        ...view,
        emoji_likes_list: likes.map((like) => ({
          emoji_id: like.emojiId,
          emoji_type: String(like.emojiType),
          likes_cnt: String(like.count),
        })),
      };
    },
  }),
  defineAction({
    name: 'delete_msg',
    origin: 'onebot11',
    summary: 'Recall a message',
    description: 'Own messages at any time; in groups the owner recalls anyone’s, admins plain members’.',
    params: P.object({ message_id: messageIdParam }),
    result: Type.Null(),
    async handler(ctx, params) {
      await ctx.world.messages.recall(ctx.selfId, params.message_id);
      return null;
    },
  }),
  defineAction({
    name: 'get_group_msg_history',
    origin: 'go-cqhttp',
    summary: 'A page of a group’s history, oldest first',
    description:
      'Without message_seq: the newest `count` messages. With message_seq (a message_id): the anchor and the messages after it, or with reverse_order true the anchor and the ones before it. Recalled messages stay, as QQ keeps them, with an empty `message` and `raw_message` (NapCat has no segment for QQ’s recall notice). A chat with no message at all fails with MESSAGE_NOT_FOUND, as NapCat fails an empty history.',
    params: P.object({ group_id: P.id('Group number'), ...historyParams }),
    result: actionResults.get_group_msg_history,
    handler: (ctx, params) => history(ctx, { type: 'group', groupId: params.group_id }, params),
    dialects: {
      llbot: {
        ...llbotHistory,
        params: P.object({ group_id: P.id('Group number'), ...llbotHistory.params.properties }),
        handler: (ctx, params) => llbotHistoryPage(ctx, { type: 'group', groupId: params.group_id }, params),
      },
      'go-cqhttp': {
        note: `message_seq is a seq (the message_seq of its events); no count: always the ${gocqHistoryWindow} seqs ending at the anchor (or the newest), oldest first, recalled ones left out.`,
        params: P.object({ group_id: P.id('Group number'), message_seq: seqAnchor }),
        async handler(ctx, params) {
          const maxSeq = seqAnchorOf(params.message_seq);
          const ref = { type: 'group', groupId: params.group_id } as const;
          const records = await ctx.world.conversations.seqWindow(ctx.selfId, ref, { ...(maxSeq && { maxSeq }), size: gocqHistoryWindow });
          return { messages: await viewMessages(ctx, records, { format: ctx.messageFormat, forwardContent: true }) };
        },
      },
    },
  }),
  defineAction({
    name: 'get_friend_msg_history',
    origin: 'napcat',
    summary: 'A page of a private chat’s history, oldest first',
    description: 'Same paging as get_group_msg_history; works for friends and temp chats alike.',
    params: P.object({ user_id: P.id('The other side of the chat'), ...historyParams }),
    result: actionResults.get_friend_msg_history,
    handler: (ctx, params) => history(ctx, { type: 'private', userId: params.user_id }, params),
    dialects: {
      llbot: {
        ...llbotHistory,
        params: P.object({ user_id: P.id('The other side of the chat'), ...llbotHistory.params.properties }),
        handler: (ctx, params) => llbotHistoryPage(ctx, { type: 'private', userId: params.user_id }, params),
      },
    },
  }),
  defineAction({
    name: 'get_forward_msg',
    origin: 'onebot11',
    summary: 'The nodes of a merged forward',
    description: 'By the message_id of a forward message, or by its res_id (the `id` of a forward segment).',
    params: P.object({
      message_id: P.optional(Type.Union([Type.Integer(), Type.String()], { description: 'message_id of a forward message, or a res_id' })),
      id: P.optional(Type.Union([Type.Integer(), Type.String()], { description: 'res_id (or message_id)' })),
    }),
    result: actionResults.get_forward_msg,
    async handler(ctx, params) {
      const raw = params.message_id ?? params.id;
      const key = raw === undefined ? '' : String(raw).trim();
      if (key === '') throw badParams('give message_id (a forward message) or id (a res_id)');
      const bundle =
        /^\d+$/.test(key) && Number(key) <= 2147483647
          ? await ctx.world.forwards.ofMessage(ctx.selfId, Number(key))
          : await ctx.world.forwards.get(key);
      return { messages: await forwardNodeViews(ctx.world, bundle, ctx.selfId, ctx.messageFormat, renderContextOf(ctx)) };
    },
  }),
];
