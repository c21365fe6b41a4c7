import type { ForwardBundle } from '../messages/forward.js';
import type { Conversation, MessageRecord } from '../messages/message.js';
import type { MediaRef } from '../messages/elements.js';

/**
 * Persistence of messages, read state, reactions, merged forwards and the file ids handed out
 * for file elements. Synchronous like the rest of the store; writes run inside a unit of work.
 * A send's `insert` writes the message, its forward bundles and file ids, the conversation
 * summary and the sender's read mark; the unit around it makes them one change.
 */
export type NewMessage = Omit<MessageRecord, 'messageId' | 'seq' | 'recalled' | 'recalledBy' | 'recallTime'>;

/** A file element's id and what it points at. */
export interface StoredFile extends MediaRef {
  readonly fileId: string;
}

/** The messages of a conversation after a seq: what one account sees of it (`visibleRanges`). */
export interface ConversationRange {
  readonly key: string;
  readonly afterSeq: number;
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

/** A conversation as one user sees it in its recent list. */
export interface RecentConversation extends ConversationSummary {
  /** The last seq the user may not read (its history floor in a group; 0 when it may read all). */
  readonly floorSeq: number;
  /** Unix seconds the user joined the group (0 for a private chat or a group it left). */
  readonly joinTime: number;
  /** Unix seconds the entry stands at for the user: lastTime, or joinTime when all it may read is none. */
  readonly shownTime: number;
}

export interface HistoryQuery {
  /** Only messages with a seq at most this (older side of an anchor). */
  readonly maxSeq?: number;
  /** Only messages with a seq at least this (newer side of an anchor). */
  readonly minSeq?: number;
  /** Which end the `limit` messages are taken from. */
  readonly from: 'newest' | 'oldest';
  readonly limit: number;
  /** Recalled messages too (QQ keeps them in the chat, where a recall notice stands for them). */
  readonly withRecalled?: boolean;
}

export interface MessageRepository {
  /** Stores a message with the file ids and forward bundles it carries; seq comes next in its conversation. */
  insert(
    message: NewMessage,
    carried: { readonly files: readonly StoredFile[]; readonly forwards: readonly ForwardBundle[] },
  ): MessageRecord;
  get(messageId: number): MessageRecord | undefined;
  getMany(messageIds: readonly number[]): Map<number, MessageRecord>;
  /** The message with this seq in a conversation. */
  getBySeq(conversationKey: string, seq: number): MessageRecord | undefined;
  /** Messages of a conversation that are not recalled (unless `withRecalled`), in seq order (oldest first). */
  history(conversationKey: string, query: HistoryQuery): MessageRecord[];
  markRecalled(messageId: number, operatorId: number, time: number): MessageRecord;

  /** Conversations `userId` takes part in: its private chats and the chats of `groupIds`, newest first. */
  conversationsOf(userId: number, groupIds: readonly number[], limit: number): ConversationSummary[];
  /**
   * The same conversations as `userId` sees them, most recent first by what it may read: a group
   * whose every message lies at or below the user's history floor stands at the user's join time.
   */
  recentConversationsOf(userId: number, groupIds: readonly number[], limit: number): RecentConversation[];
  conversation(conversationKey: string): ConversationSummary | undefined;
  /** The last seq `userId` has read in a conversation (0 when never). */
  readSeq(userId: number, conversationKey: string): number;
  /**
   * Before members leave a group (one, or all when it is dismissed): moves how far each has read
   * it, which their member row keeps (migration 031), into their read marks, where it outlives
   * the membership.
   */
  keepReadPositions(groupId: number, userId?: number): void;
  /** Moves the read mark forward (never back); returns whether it moved. */
  markRead(userId: number, conversationKey: string, seq: number): boolean;
  /**
   * Messages after the read mark that others sent and that are not recalled; with `floorSeq`,
   * only those after it too (the seqs up to a history floor are not the user's to count).
   */
  unreadCount(userId: number, conversationKey: string, floorSeq?: number): number;

  file(fileId: string): StoredFile | undefined;
  /** The most recent file element with this name. */
  fileByName(name: string): StoredFile | undefined;
  /**
   * The file element with this file id (or, newest first, this name) in a message within one of
   * `ranges`; undefined when none of them carries it. Recalled messages count: QQ keeps a
   * received file usable after a recall.
   */
  fileIn(match: { readonly fileId: string } | { readonly name: string }, ranges: readonly ConversationRange[]): StoredFile | undefined;
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
  add(messageId: number, emojiId: string, emojiType: number, userId: number, time: number): boolean;
  /** Removes it; returns false if it was not there. */
  remove(messageId: number, emojiId: string, userId: number): boolean;
  /** Every emoji on a message with its count, in the order they were first used. */
  counts(messageId: number): ReactionCount[];
  /** Who reacted with an emoji, in the order they did. */
  users(messageId: number, emojiId: string, offset: number, limit: number): ReactionUser[];
}

export interface ForwardRepository {
  get(resId: string): ForwardBundle | undefined;
}

/** A pinned chat of an account: a group, or the private chat with a user. */
export interface PeerPin {
  readonly kind: 'group' | 'private';
  readonly peerId: number;
  readonly pinnedAt: number;
}

export interface PinRepository {
  /** The account's pinned chats, most recently pinned first. */
  list(ownerId: number): PeerPin[];
  /** Pins or unpins; returns whether anything changed. */
  set(ownerId: number, pin: PeerPin, pinned: boolean): boolean;
}
