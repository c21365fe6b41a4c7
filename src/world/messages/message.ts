import type { Element } from './elements.js';

/**
 * A conversation is a group, or the private chat of a pair of accounts (friends, or strangers
 * sharing a group, whose private messages are "temp chats" through that group).
 */
export type Conversation =
  { readonly type: 'group'; readonly groupId: number } | { readonly type: 'private'; readonly userIds: readonly [number, number] };

/** A stable text key for a conversation: `g:<group>` or `p:<low uin>:<high uin>`. */
export function conversationKey(conversation: Conversation): string {
  if (conversation.type === 'group') return `g:${conversation.groupId}`;
  const [a, b] = conversation.userIds;
  return a < b ? `p:${a}:${b}` : `p:${b}:${a}`;
}

export function privateConversation(a: number, b: number): Conversation {
  return { type: 'private', userIds: a < b ? [a, b] : [b, a] };
}

export interface MessageRecord {
  /** Global, positive int32, never reused; the OneBot `message_id`. */
  readonly messageId: number;
  readonly conversation: Conversation;
  /** Per-conversation sequence number, starting at 1. */
  readonly seq: number;
  /** Unix seconds. */
  readonly time: number;
  readonly senderId: number;
  /** Private chats: the recipient. Groups: 0. */
  readonly targetId: number;
  /** Private chats only: the group a temp chat goes through, else 0. */
  readonly tempGroupId: number;
  readonly elements: readonly Element[];
  /** The message this one replies to (from its reply element), or 0. */
  readonly replyTo: number;
  readonly recalled: boolean;
  /** Who recalled it (the sender, or a group admin/owner), and when; 0 while not recalled. */
  readonly recalledBy: number;
  readonly recallTime: number;
  /** Random value QQ attaches to every message; part of a message's identity in essence lists. */
  readonly random: number;
}

/** The group a conversation belongs to: the group itself, or the group a temp chat goes through. */
export function groupOf(message: MessageRecord): number {
  return message.conversation.type === 'group' ? message.conversation.groupId : message.tempGroupId;
}

/** The other party of a private conversation, seen from `userId`. */
export function peerOf(conversation: Conversation & { type: 'private' }, userId: number): number {
  const [a, b] = conversation.userIds;
  return a === userId ? b : a;
}

/** Parses a key made by `conversationKey` back into a conversation. */
export function parseConversationKey(key: string): Conversation {
  const parts = key.split(':');
  if (parts[0] === 'g' && parts.length === 2) return { type: 'group', groupId: Number(parts[1]) };
  if (parts[0] === 'p' && parts.length === 3) return privateConversation(Number(parts[1]), Number(parts[2]));
  throw new Error(`not a conversation key: ${key}`);
}
