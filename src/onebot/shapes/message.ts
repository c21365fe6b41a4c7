import type { MessageRecord } from '../../world/messages/message.js';
import type { Element } from '../../world/messages/elements.js';
import type { Role } from '../../world/model.js';
import type { MessageFormat } from '../action.js';
import { renderMessage, type RenderContext } from '../message/render.js';
import type { MessageObject } from '../../contract/onebot/message.js';
import type { DialectNotes } from '../dialect.js';

/** Who sent a message, as the receiving account sees them at the time. */
export interface MessageSenderInfo {
  readonly nickname: string;
  /** The sender's group card ("" outside groups). */
  readonly card: string;
  /** The sender's role (group messages). */
  readonly role?: Role;
  /** The sender's group level and special title (group messages; LLBot's dialect shows them). */
  readonly level?: number;
  readonly title?: string;
}

export interface MessageContext {
  readonly sender: MessageSenderInfo;
  /** The group's name, for group messages and temp chats. */
  readonly groupName?: string;
}

/** NapCat's OB11Message: a message event, and each message in get_msg / history replies (see the contract). */
export type Ob11Message = MessageObject;

/** How message objects (events, get_msg, history, forwards) differ per dialect (docs/dialects.md). */
export const messageObjectDialects: DialectNotes = {
  llbot:
    "`message_seq` and `real_id` are the message's seq in its conversation (QQ's msgSeq), which history pages by; `message_id` stays the id every other action takes. A group message's `sender` adds `level` (a string) and `title`. `raw_message` (and a string-format `message`) keeps leading and trailing whitespace.",
  'go-cqhttp':
    "`message_seq` and `real_id` are the message's seq in its conversation, which group history pages by. `raw_message` (and a string-format `message`) keeps leading and trailing whitespace.",
};

/**
 * A message object's `message` and `raw_message` in the dialect's way. NapCat trims the CQ string
 * it builds (api/msg.ts parseMessageV2: `.join('').trim()`, which get_forward_msg's nodes go
 * through too), and its string format is that trimmed string; the segments keep their text.
 * LLBot does not trim.
 */
export function renderMessageObject(
  elements: readonly Element[],
  format: MessageFormat,
  ctx: RenderContext,
): Pick<Ob11Message, 'message' | 'raw_message'> {
  const rendered = renderMessage(elements, format, ctx);
  if (ctx.dialect !== 'napcat') return rendered;
  const raw_message = rendered.raw_message.trim();
  return { message: format === 'string' ? raw_message : rendered.message, raw_message };
}

/**
 * A stored message as NapCat shows it to `selfId`, in `format`. `message_id`, `message_seq` and
 * `real_id` are all the message_id (as NapCat makes them; history's `message_seq` param takes
 * it); `real_seq` is the per-conversation seq as a string. The account's own messages have
 * post_type `message_sent`. Temp chats are private messages with sub_type `group` and the group.
 * In the LLBot and go-cqhttp dialects `message_seq` and `real_id` are the seq instead (QQ's own
 * msgSeq, which their history actions take). Pure: the caller gathers the sender's names
 * (`MessageContext`).
 */
export function toOb11Message(
  record: MessageRecord,
  context: MessageContext,
  selfId: number,
  format: MessageFormat,
  ctx: RenderContext,
): Ob11Message {
  const { message, raw_message } = renderMessageObject(record.elements, format, ctx);
  const own = record.senderId === selfId;
  const seq = ctx.dialect === 'napcat' ? record.messageId : record.seq;
  const shape: Ob11Message = {
    self_id: selfId,
    user_id: record.senderId,
    time: record.time,
    message_id: record.messageId,
    message_seq: seq,
    real_id: seq,
    real_seq: String(record.seq),
    message_type: record.conversation.type,
    sub_type: record.conversation.type === 'group' ? 'normal' : record.tempGroupId ? 'group' : 'friend',
    sender: { user_id: record.senderId, nickname: context.sender.nickname, card: context.sender.card },
    message,
    message_format: format,
    raw_message,
    font: 14,
    post_type: own ? 'message_sent' : 'message',
  };
  if (record.conversation.type === 'group') {
    shape.sender.role = context.sender.role ?? 'member';
    if (ctx.dialect === 'llbot') {
      shape.sender.level = String(context.sender.level ?? 1);
      shape.sender.title = context.sender.title ?? '';
    }
    shape.group_id = record.conversation.groupId;
    shape.group_name = context.groupName ?? '';
  } else {
    const [a, b] = record.conversation.userIds;
    shape.target_id = selfId === a ? b : a;
    if (record.tempGroupId) {
      shape.group_id = record.tempGroupId;
      shape.temp_source = 0;
    }
  }
  if (own) shape.message_sent_type = 'self';
  return shape;
}
