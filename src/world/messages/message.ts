import type { Element } from './elements.js';

/**
 * A conversation is a group, or the private chat of a pair of accounts (friends, or strangers
 * sharing a group, whose private messages are "temp chats" through that group).
 */
export type Conversation =
  | { readonly type: 'group'; readonly groupId: number }
  | { readonly type: 'private'; readonly userIds: readonly [number, number] };

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
  /** Random value QQ attaches to every message; part of a message's identity in essence lists. */
  readonly random: number;
}
