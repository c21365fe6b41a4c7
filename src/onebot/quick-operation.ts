import { Type, type Static } from '@sinclair/typebox';
import { badParams } from './error-catalogue.js';
import { CqSyntaxError, parseCq } from './message/cq-code.js';
import type { Segment } from './message/segment.js';
import { ParamsValidator } from './params.js';
import { P } from './schema.js';

/**
 * Quick operations (OneBot 11): the answer a bot gives to an event, either in the body of its reply
 * to an HTTP POST or through `.handle_quick_operation`. Both go through `applyQuickOperation`,
 * which runs the real actions (send_msg, delete_msg, set_group_kick, ...), so every rule of those
 * actions applies.
 */

const segment = Type.Object({ type: Type.String(), data: Type.Optional(Type.Record(Type.String(), Type.Unknown())) });

/** The fields of the event being answered that quick operations read; the rest is ignored. */
export const QuickContext = Type.Object(
  {
    post_type: P.str('post_type of the event being answered'),
    message_type: P.optional(P.str('private or group (message events)')),
    sub_type: P.optional(P.str('sub_type of the event (temp chats: group; group requests: add or invite)')),
    request_type: P.optional(P.str('friend or group (request events)')),
    group_id: P.optional(P.id('Group of the event')),
    user_id: P.optional(P.id('Sender of the message, or who made the request')),
    target_id: P.optional(P.id('Private messages the account sent: the other side')),
    message_id: P.optional(P.messageId('The message being answered')),
    flag: P.optional(P.str('Flag of the request being answered')),
  },
  { description: 'The event being answered, as it was received' },
);

export const QuickOperation = Type.Object(
  {
    reply: P.optional(
      Type.Union([Type.String(), Type.Array(segment), segment], {
        description: 'Message events: the reply (CQ string, segments or one segment)',
      }),
    ),
    auto_escape: P.optional(P.bool('Send a string reply as plain text')),
    at_sender: P.optional(P.bool('Group messages: @ the sender in the reply (NapCat: only when true)')),
    delete: P.optional(P.bool('Group messages: recall the message')),
    kick: P.optional(P.bool('Group messages: remove the sender from the group')),
    ban: P.optional(P.bool('Group messages: mute the sender')),
    ban_duration: P.optional(P.int('Seconds of the mute (default 1800)', { minimum: 0 })),
    approve: P.optional(P.bool('Request events: accept (true) or refuse (false)')),
    remark: P.optional(P.str('Friend requests: remark of the new friend')),
    reason: P.optional(P.str('Group requests: reason of a refusal')),
  },
  { description: 'What to do; absent fields do nothing' },
);

export type QuickContext = Static<typeof QuickContext>;
export type QuickOperation = Static<typeof QuickOperation>;

/** Runs one action as the account that received the event; throws its failure. */
export type ActionCaller = (action: string, params: Record<string, unknown>) => Promise<unknown>;

/** Validates an operation read from an HTTP POST reply body (throws BAD_PARAMS naming the field). */
export const quickOperationValidator = new ParamsValidator(QuickOperation);

/**
 * Applies a quick operation to the event it answers. Steps run in a fixed order (reply, delete,
 * kick, ban; or the request's answer) and stop at the first failure, which is thrown. Returns the
 * actions that ran.
 */
export async function applyQuickOperation(call: ActionCaller, context: QuickContext, operation: QuickOperation): Promise<string[]> {
  // Every step's params are built before the first step runs, so a context that lacks a field a
  // later step needs (a kick without user_id) is a 1400 before the reply has gone out.
  const steps = planQuickOperation(context, operation);
  const ran: string[] = [];
  for (const { action, params } of steps) {
    await call(action, params);
    ran.push(action);
  }
  return ran;
}

interface Step {
  readonly action: string;
  readonly params: Record<string, unknown>;
}

/** The actions an operation asks for, with their params; throws BAD_PARAMS naming a missing context field. */
function planQuickOperation(context: QuickContext, operation: QuickOperation): Step[] {
  const steps: Step[] = [];
  if (context.post_type === 'message' || context.post_type === 'message_sent') {
    const isGroup = context.message_type === 'group';
    if (operation.reply !== undefined && operation.reply !== '') {
      steps.push({ action: 'send_msg', params: isGroup ? groupReply(context, operation) : privateReply(context, operation) });
    }
    if (isGroup && (operation.delete || operation.kick || operation.ban)) {
      const groupId = need(context.group_id, 'context.group_id');
      if (operation.delete) steps.push({ action: 'delete_msg', params: { message_id: need(context.message_id, 'context.message_id') } });
      if (operation.kick) {
        steps.push({ action: 'set_group_kick', params: { group_id: groupId, user_id: need(context.user_id, 'context.user_id') } });
      }
      if (operation.ban) {
        const userId = need(context.user_id, 'context.user_id');
        steps.push({ action: 'set_group_ban', params: { group_id: groupId, user_id: userId, duration: operation.ban_duration ?? 1800 } });
      }
    }
  } else if (context.post_type === 'request' && operation.approve !== undefined) {
    const flag = need(context.flag, 'context.flag');
    if (context.request_type === 'friend') {
      steps.push({ action: 'set_friend_add_request', params: { flag, approve: operation.approve, remark: operation.remark ?? '' } });
    } else if (context.request_type === 'group') {
      steps.push({
        action: 'set_group_add_request',
        params: { flag, sub_type: context.sub_type ?? 'add', approve: operation.approve, reason: operation.reason ?? '' },
      });
    }
  }
  return steps;
}

/** In groups NapCat quotes the message being answered, then @s the sender when at_sender is true. */
function groupReply(context: QuickContext, operation: QuickOperation): Record<string, unknown> {
  const prefix: Segment[] = [{ type: 'reply', data: { id: String(need(context.message_id, 'context.message_id')) } }];
  if (operation.at_sender) prefix.push({ type: 'at', data: { qq: String(need(context.user_id, 'context.user_id')) } });
  return { message_type: 'group', group_id: need(context.group_id, 'context.group_id'), message: [...prefix, ...segmentsOf(operation)] };
}

function privateReply(context: QuickContext, operation: QuickOperation): Record<string, unknown> {
  // Answering the account's own private message (message_sent) goes to the other side of the chat.
  const userId = context.post_type === 'message_sent' && context.target_id ? context.target_id : need(context.user_id, 'context.user_id');
  return {
    message_type: 'private',
    user_id: userId,
    ...(context.sub_type === 'group' && context.group_id ? { group_id: context.group_id } : {}),
    message: operation.reply,
    auto_escape: operation.auto_escape ?? false,
  };
}

function segmentsOf(operation: QuickOperation): Segment[] {
  const reply = operation.reply;
  if (typeof reply === 'string') {
    if (operation.auto_escape) return [{ type: 'text', data: { text: reply } }];
    try {
      return parseCq(reply);
    } catch (error) {
      if (error instanceof CqSyntaxError) throw badParams(`operation.reply: ${error.message}`);
      throw error;
    }
  }
  const list = Array.isArray(reply) ? reply : reply ? [reply] : [];
  return list.map((item) => ({ type: item.type, data: item.data ?? {} }));
}

function need<T>(value: T | undefined, field: string): T {
  if (value === undefined) throw badParams(`${field} is required for this quick operation`);
  return value;
}
