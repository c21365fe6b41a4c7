import { SendResult } from '../../contract/onebot/message.js';
import { actionResults } from '../../contract/onebot/results.js';
import { Type } from '@sinclair/typebox';
import type { SendTarget } from '../../world/messages/send-target.js';
import { defineAction, type ActionContext, type AnyActionSpec } from '../action.js';
import { badParams } from '../error-catalogue.js';
import { P } from '../schema.js';
import { contentOf, messageIdParam, messageParam, sendOptions, sendResult } from './message-params.js';

const groupId = P.id('Group to send to');
const userId = P.id('User to send to');
const tempGroupId = P.optional(P.id('For a user who is not a friend: the group the temp chat goes through'));
const messageType = P.optional(
  Type.String({
    description: 'private or group; any other value (NapCat never validates it), or none, infers the type from group_id / user_id',
  }),
);

/** NapCat's target rules for send_msg: message_type private or group decides, else group_id wins over user_id. */
function targetOf(params: { message_type?: string; group_id?: number; user_id?: number }): SendTarget {
  const given = params.message_type === 'private' || params.message_type === 'group' ? params.message_type : undefined;
  const type = given ?? (params.group_id !== undefined ? 'group' : params.user_id !== undefined ? 'private' : undefined);
  if (type === 'group') {
    if (params.group_id === undefined) throw badParams('group_id: is required when message_type is group');
    return { type: 'group', groupId: params.group_id };
  }
  if (type === 'private') {
    if (params.user_id === undefined) throw badParams('user_id: is required when message_type is private');
    return { type: 'private', userId: params.user_id, ...(params.group_id !== undefined ? { groupId: params.group_id } : {}) };
  }
  throw badParams('give group_id (a group message) or user_id (a private message)');
}

function privateTarget(params: { user_id: number; group_id?: number }): SendTarget {
  return { type: 'private', userId: params.user_id, ...(params.group_id !== undefined ? { groupId: params.group_id } : {}) };
}

/** The node list of a forward send: gocq's `messages`, or NapCat's `message`. */
function forwardContent(ctx: ActionContext, params: { messages?: unknown; message?: unknown } & Parameters<typeof contentOf>[1]) {
  const field = params.messages !== undefined ? 'messages' : 'message';
  const content = contentOf(ctx, params, field, params.messages ?? params.message);
  if (content.kind !== 'forward') throw badParams(`${field}: a merged forward is a list of node segments`);
  return content;
}

const forwardNodes = {
  messages: P.optional(messageParam('The node segments of the merged forward (go-cqhttp name)')),
  message: P.optional(messageParam('The node segments of the merged forward (NapCat name)')),
};

export const messageSendActions: AnyActionSpec[] = [
  defineAction({
    name: 'send_group_msg',
    origin: 'onebot11',
    summary: 'Send a message to a group',
    description: 'Members only; muted members (and plain members under a whole-group mute) cannot. Node segments send a merged forward.',
    params: P.object({ group_id: groupId, message: messageParam(), ...sendOptions }),
    result: actionResults.send_group_msg,
    async handler(ctx, params) {
      const content = contentOf(ctx, params);
      return sendResult(await ctx.world.messages.send(ctx.selfId, { type: 'group', groupId: params.group_id }, content));
    },
  }),
  defineAction({
    name: 'send_private_msg',
    origin: 'onebot11',
    summary: 'Send a private message',
    description: 'To a friend directly; to anyone else as a temp chat through a shared group (group_id, or the first shared one).',
    params: P.object({ user_id: userId, group_id: tempGroupId, message: messageParam(), ...sendOptions }),
    result: actionResults.send_private_msg,
    async handler(ctx, params) {
      const content = contentOf(ctx, params);
      return sendResult(await ctx.world.messages.send(ctx.selfId, privateTarget(params), content));
    },
  }),
  defineAction({
    name: 'send_msg',
    origin: 'onebot11',
    summary: 'Send a group or private message',
    params: P.object({
      message_type: messageType,
      group_id: P.optional(groupId),
      user_id: P.optional(userId),
      message: messageParam(),
      ...sendOptions,
    }),
    result: actionResults.send_msg,
    async handler(ctx, params) {
      const content = contentOf(ctx, params);
      return sendResult(await ctx.world.messages.send(ctx.selfId, targetOf(params), content));
    },
  }),
  defineAction({
    name: 'send_forward_msg',
    origin: 'go-cqhttp',
    summary: 'Send a merged forward to a group or a user',
    description: 'Nodes are existing messages (`id`) or custom ones (`user_id`, `nickname`, `content`), nested up to 3 levels.',
    params: P.object({
      message_type: messageType,
      group_id: P.optional(groupId),
      user_id: P.optional(userId),
      ...forwardNodes,
      ...sendOptions,
    }),
    result: SendResult,
    async handler(ctx, params) {
      const content = forwardContent(ctx, params);
      return sendResult(await ctx.world.messages.send(ctx.selfId, targetOf(params), content));
    },
  }),
  defineAction({
    name: 'send_group_forward_msg',
    origin: 'go-cqhttp',
    summary: 'Send a merged forward to a group',
    params: P.object({ group_id: groupId, ...forwardNodes, ...sendOptions }),
    result: SendResult,
    async handler(ctx, params) {
      const content = forwardContent(ctx, params);
      return sendResult(await ctx.world.messages.send(ctx.selfId, { type: 'group', groupId: params.group_id }, content));
    },
  }),
  defineAction({
    name: 'send_private_forward_msg',
    origin: 'go-cqhttp',
    summary: 'Send a merged forward to a user',
    params: P.object({ user_id: userId, group_id: tempGroupId, ...forwardNodes, ...sendOptions }),
    result: SendResult,
    async handler(ctx, params) {
      const content = forwardContent(ctx, params);
      return sendResult(await ctx.world.messages.send(ctx.selfId, privateTarget(params), content));
    },
  }),
  ...(['forward_friend_single_msg', 'forward_group_single_msg'] as const).map((name) =>
    defineAction({
      name,
      origin: 'napcat',
      summary: name === 'forward_friend_single_msg' ? 'Forward one message to a user' : 'Forward one message to a group',
      description: 'Sends a copy of the message (replies left out); user_id wins over group_id, as in NapCat.',
      params: P.object({
        message_id: messageIdParam,
        group_id: P.optional(P.id('Group to forward to')),
        user_id: P.optional(P.id('User to forward to')),
      }),
      result: Type.Null(),
      async handler(ctx: ActionContext, params: SingleForward) {
        await forwardSingle(ctx, params);
        return null;
      },
      dialects: {
        llbot: {
          note: 'Answers `{message_id}` of the copy sent.',
          result: Type.Object({ message_id: Type.Integer() }),
          handler: async (ctx: ActionContext, params: SingleForward) => ({ message_id: (await forwardSingle(ctx, params)).messageId }),
        },
      },
    }),
  ),
];

interface SingleForward {
  readonly message_id: number;
  readonly group_id?: number;
  readonly user_id?: number;
}

/** Sends a copy of one message to a user (user_id wins, as in NapCat) or a group. */
function forwardSingle(ctx: ActionContext, params: SingleForward) {
  const target: SendTarget | undefined =
    params.user_id !== undefined
      ? { type: 'private', userId: params.user_id }
      : params.group_id !== undefined
        ? { type: 'group', groupId: params.group_id }
        : undefined;
  if (!target) throw badParams('give user_id or group_id to forward to');
  return ctx.world.messages.forwardSingle(ctx.selfId, params.message_id, target);
}
