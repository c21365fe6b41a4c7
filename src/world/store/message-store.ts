import type { ForwardBundle } from '../messages/forward.js';
import type { Conversation, MessageRecord } from '../messages/message.js';
import type { MediaRef } from '../messages/elements.js';

/**
 * Persistence of messages, read state, reactions, merged forwards and the file ids handed out
 * for file elements. Like the rest of the store, every method is atomic on its own and returns a
 * Promise; a send is one `insert` that writes the message, its forward bundles and file ids, the
 * conversation summary and the sender's read mark together.
 */
export type NewMessage = Omit<MessageRecord, 'messageId' | 'seq' | 'recalled' | 'recalledBy' | 'recallTime'>;

/** A file element's id and what it points at. */
export interface StoredFile extends MediaRef {
  readonly fileId: string;
}

/** Bookkeeping of one conversation, for recent contacts. */
export interface ConversationSummary {
  readonly key: string;
  readonly conversation: Conversation;
  readonly lastSeq: number;
  readonly lastTime: number;
  readonly lastMessageId: number;
  /** Private chats: the group the last message went through as a temp chat, else 0. */
  readonly tempGroupId: number;
}

export interface HistoryQuery {
  /** Only messages with a seq at most this (older side of an anchor). */
  readonly maxSeq?: number;
  /** Only messages with a seq at least this (newer side of an anchor). */
  readonly minSeq?: number;
  /** Which end the `limit` messages are taken from. */
  readonly from: 'newest' | 'oldest';
  readonly limit: number;
}

export interface MessageRepository {
  insert(
    message: NewMessage,
    extras: { readonly files: readonly StoredFile[]; readonly forwards: readonly ForwardBundle[] },
  ): Promise<MessageRecord>;
  get(messageId: number): Promise<MessageRecord | undefined>;
  getMany(messageIds: readonly number[]): Promise<Map<number, MessageRecord>>;
  /** The message with this seq in a conversation. */
  getBySeq(conversationKey: string, seq: number): Promise<MessageRecord | undefined>;
  /** Messages of a conversation that are not recalled, in seq order (oldest first). */
  history(conversationKey: string, query: HistoryQuery): Promise<MessageRecord[]>;
  /** The newest message of a conversation that is not recalled. */
  latest(conversationKey: string): Promise<MessageRecord | undefined>;
  markRecalled(messageId: number, operatorId: number, time: number): Promise<MessageRecord>;

  /** Conversations `userId` takes part in: its private chats and the chats of `groupIds`, newest first. */
  conversationsOf(userId: number, groupIds: readonly number[], limit: number): Promise<ConversationSummary[]>;
  conversation(conversationKey: string): Promise<ConversationSummary | undefined>;
  /** The last seq `userId` has read in a conversation (0 when never). */
  readSeq(userId: number, conversationKey: string): Promise<number>;
  /** Moves the read mark forward (never back); returns whether it moved. */
  markRead(userId: number, conversationKey: string, seq: number): Promise<boolean>;
  /** Messages after the read mark that others sent and that are not recalled. */
  unreadCount(userId: number, conversationKey: string): Promise<number>;

  file(fileId: string): Promise<StoredFile | undefined>;
  /** The most recent file element with this name. */
  fileByName(name: string): Promise<StoredFile | undefined>;
  /**
   * The file element with this file id (or, newest first, this name) in a message of one of
   * `conversationKeys`; undefined when none of them carries it. Recalled messages count: QQ
   * keeps a received file usable after a recall.
   */
  fileIn(
    match: { readonly fileId: string } | { readonly name: string },
    conversationKeys: readonly string[],
  ): Promise<StoredFile | undefined>;
}

export interface ReactionUser {
  readonly userId: number;
  readonly time: number;
}

export interface ReactionCount {
  readonly emojiId: string;
  readonly emojiType: number;
  readonly count: number;
}

export interface ReactionRepository {
  /** Adds one user's reaction; returns false if it was there already. */
  add(messageId: number, emojiId: string, emojiType: number, userId: number, time: number): Promise<boolean>;
  /** Removes it; returns false if it was not there. */
  remove(messageId: number, emojiId: string, userId: number): Promise<boolean>;
  /** Every emoji on a message with its count, in the order they were first used. */
  counts(messageId: number): Promise<ReactionCount[]>;
  /** Who reacted with an emoji, in the order they did. */
  users(messageId: number, emojiId: string, offset: number, limit: number): Promise<ReactionUser[]>;
}

export interface ForwardRepository {
  get(resId: string): Promise<ForwardBundle | undefined>;
}
