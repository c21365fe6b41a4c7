import { fail, WorldError } from '../errors.js';
import type { ConversationRange } from '../store/message-store.js';
import type { WorldStore } from '../store/store.js';
import { conversationKey, type MessageRecord } from './message.js';
import { groupMsgMasks } from '../services/group-msg-mask-service.js';

/**
 * Who may see a message: the current members of its group, or the two sides of its private
 * chat. Everyone else is told it does not exist, as QQ does (no hint that the id is taken).
 */
export function canSee(store: WorldStore, viewerId: number, message: MessageRecord): boolean {
  if (message.conversation.type === 'private') return message.conversation.userIds.includes(viewerId);
  if (store.members.get(message.conversation.groupId, viewerId) === undefined) return false;
  // A member who joined while new members could not see history never sees what came before.
  return message.seq > store.groupFeatures.historyFloor(message.conversation.groupId, viewerId);
}

/**
 * `canSee` for every message at once, as ranges a query can take: each conversation `viewerId`
 * sees messages of, and the seq its view starts after. Its groups, from after its history floor
 * there; its private chats, from the start.
 */
export function visibleRanges(store: WorldStore, viewerId: number): ConversationRange[] {
  const groups = store.groups.listFor(viewerId).map(({ groupId }) => ({
    key: conversationKey({ type: 'group', groupId }),
    afterSeq: store.groupFeatures.historyFloor(groupId, viewerId),
  }));
  const privates = store.messages
    .conversationsOf(viewerId, [], Number.MAX_SAFE_INTEGER)
    .filter((summary) => summary.conversation.type === 'private')
    .map((summary) => ({ key: summary.key, afterSeq: 0 }));
  return [...groups, ...privates];
}

/** The message if `viewerId` may see it; recalled ones too (for recall and reactions to say why). */
export function requireVisible(store: WorldStore, viewerId: number, messageId: number): MessageRecord {
  const message = store.messages.get(messageId);
  if (!message || !canSee(store, viewerId, message)) throw fail.messageNotFound(messageId);
  return message;
}

/** The message if it is visible and not recalled. */
export function requireLive(store: WorldStore, viewerId: number, messageId: number): MessageRecord {
  const message = requireVisible(store, viewerId, messageId);
  if (message.recalled) throw recalledError(message);
  return message;
}

export function recalledError(message: MessageRecord): WorldError {
  return new WorldError('MESSAGE_RECALLED', `message ${message.messageId} was recalled`, { messageId: message.messageId });
}

/**
 * Who is sent a message, or a recall of or a reaction to one: its audience, less the members who
 * blocked the group (QQ's 屏蔽群消息, mask 3). QQ pushes them nothing from it, not even their own
 * messages' echo (LLBot waits for no echo in a blocked group); they still read it in the history.
 */
export function deliveryAudienceOf(store: WorldStore, message: Pick<MessageRecord, 'conversation'>): readonly number[] {
  const audience = audienceOf(store, message);
  if (message.conversation.type !== 'group') return audience;
  const blocked = store.groupMsgMasks.ownersWith(message.conversation.groupId, groupMsgMasks.blocked);
  return blocked.length === 0 ? audience : audience.filter((userId) => !blocked.includes(userId));
}

/** Everyone who sees a message now: the group's members, or both sides of the chat. */
export function audienceOf(store: WorldStore, message: Pick<MessageRecord, 'conversation'>): readonly number[] {
  if (message.conversation.type === 'private') return [...new Set(message.conversation.userIds)];
  return store.members.userIds(message.conversation.groupId);
}
