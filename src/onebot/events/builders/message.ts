import type { Account, Group, Member } from '../../../world/model.js';
import type { MessageRecord } from '../../../world/messages/message.js';
import type { World } from '../../../world/world.js';
import type { MessageFormat } from '../../action.js';
import { renderMessage, type RenderContext } from '../../message/render.js';
import { defineBuilder, type OneBotEvent } from '../types.js';

/** NapCat reports temp chats whose group it cannot find with this placeholder group number. */
export const unknownTempGroup = 284840486;

/** What a message event needs from the world, looked up once per message. */
export interface MessageFacts {
  readonly sender: Account | undefined;
  /** Group messages: the group and the sender's membership. Temp chats: the membership in the temp group. */
  readonly group: Group | undefined;
  readonly member: Member | undefined;
}

export async function messageFacts(world: World, message: MessageRecord): Promise<MessageFacts> {
  const groupId = message.conversation.type === 'group' ? message.conversation.groupId : message.tempGroupId;
  const [sender, group, member] = await Promise.all([
    world.accounts.find(message.senderId),
    groupId ? world.groups.find(groupId) : undefined,
    groupId ? world.groups.findMember(groupId, message.senderId) : undefined,
  ]);
  return { sender, group, member };
}

/**
 * A message as NapCat's `initializeMessage` shapes it, seen by `selfId`: `post_type` is
 * `message_sent` for the account's own messages. `message_id`, `message_seq` and `real_id` are all
 * the message id; `real_seq` is the conversation sequence as a string; `raw_message` is the CQ form.
 */
export function messageEvent(message: MessageRecord, facts: MessageFacts, selfId: number, format: MessageFormat, ctx: RenderContext): OneBotEvent {
  const own = message.senderId === selfId;
  const rendered = renderMessage(message.elements, format, ctx);
  const nickname = facts.sender?.nickname ?? '';
  const base = {
    self_id: selfId,
    user_id: message.senderId,
    time: message.time,
    message_id: message.messageId,
    message_seq: message.messageId,
    real_id: message.messageId,
    real_seq: String(message.seq),
    message_type: message.conversation.type,
    sender: { user_id: message.senderId, nickname, card: facts.member?.card ?? '' } as Record<string, unknown>,
    raw_message: rendered.raw_message.trim(),
    font: 14,
    sub_type: 'friend',
    message: rendered.message,
    message_format: format,
    post_type: own ? 'message_sent' : 'message',
  };
  const event: Record<string, unknown> = base;
  if (message.conversation.type === 'group') {
    event.sub_type = 'normal';
    event.group_id = message.conversation.groupId;
    event.group_name = facts.group?.name ?? '';
    if (facts.member) base.sender.role = facts.member.role;
    if (own) event.target_id = message.conversation.groupId;
  } else {
    // The peer is the other side of the chat, from the receiving account's point of view.
    const [a, b] = message.conversation.userIds;
    event.target_id = selfId === a ? b : a;
    if (message.tempGroupId) {
      event.sub_type = 'group';
      event.group_id = facts.group ? message.tempGroupId : unknownTempGroup;
      event.temp_source = 0;
    } else {
      base.sender.card = '';
    }
  }
  if (own) event.message_sent_type = 'self';
  return event as OneBotEvent;
}

/** `message` for every account that sees a message, `message_sent` for its sender. */
export const messageBuilder = defineBuilder({
  type: 'message.created',
  prepare: (event, world) => messageFacts(world, event.message),
  build: (event, facts, selfId, format, ctx) => [messageEvent(event.message, facts, selfId, format, ctx)],
  raw: (event) => event.message,
});
