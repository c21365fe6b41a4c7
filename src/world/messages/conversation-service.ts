import { fail, WorldError } from '../errors.js';
import { now, transaction, type ServiceContext } from '../services/context.js';
import type { GroupService } from '../services/group-service.js';
import type { ConversationSummary, PeerPin } from '../store/message-store.js';
import { requireVisible } from './message-access.js';
import { conversationKey, privateConversation, type Conversation, type MessageRecord } from './message.js';

/** A conversation as an account names it: a group, or the private chat with a user. */
export type ConversationRef = { readonly type: 'group'; readonly groupId: number } | { readonly type: 'private'; readonly userId: number };

export interface HistoryOptions {
  /** A message_id in the conversation; absent = the newest messages. */
  readonly anchor?: number;
  readonly count: number;
  /** false: the anchor and older messages; true: the anchor and newer ones. */
  readonly newer: boolean;
  /**
   * Fail with MESSAGE_NOT_FOUND, rather than answer an empty page, when there is no anchor and the
   * viewer's part of the conversation has no message at all (recalled ones count, as QQ keeps them).
   */
  readonly failWhenEmpty?: boolean;
  /** Recalled messages too, as QQ's own history lists them (NapCat's history pages). */
  readonly withRecalled?: boolean;
}

export interface RecentContact {
  readonly summary: ConversationSummary;
  /**
   * The newest message the account may see that is not recalled; absent in a group whose
   * messages all came before the account's history floor (they are not the account's to read).
   */
  readonly latest?: MessageRecord;
  /** Unix seconds the entry stands at: its latest message's time, else when the account joined. */
  readonly time: number;
  /** Messages from others after the read mark that the account may see and that are not recalled. */
  readonly unread: number;
}

/**
 * Reading conversations: history pages, read marks, unread counts and recent contacts.
 *
 * History pages are deterministic and follow NapCat: messages come oldest first; without an
 * anchor they are the newest `count`; with an anchor they are the `count` messages ending at it
 * (or, with `newer`, starting at it), the anchor included. Recalled messages are left out unless
 * the caller asks for them (`withRecalled`).
 */
export class ConversationService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly groups: GroupService,
  ) {}

  /** The conversation `viewerId` means, after checking it may read it. */
  open(viewerId: number, ref: ConversationRef): Conversation {
    if (ref.type === 'group') {
      this.groups.requireSelf(ref.groupId, viewerId);
      return { type: 'group', groupId: ref.groupId };
    }
    if (!this.ctx.store.accounts.get(ref.userId)) throw fail.userNotFound(ref.userId);
    return privateConversation(viewerId, ref.userId);
  }

  history(viewerId: number, ref: ConversationRef, options: HistoryOptions): MessageRecord[] {
    const conversation = this.open(viewerId, ref);
    const key = conversationKey(conversation);
    const floor = this.firstVisibleSeq(viewerId, conversation);
    const withRecalled = options.withRecalled ?? false;
    if (options.anchor === undefined) {
      if (options.failWhenEmpty && (this.ctx.store.messages.conversation(key)?.lastSeq ?? 0) < floor) {
        throw new WorldError('MESSAGE_NOT_FOUND', `${describe(ref)} has no messages`);
      }
      return this.ctx.store.messages.history(key, { minSeq: floor, from: 'newest', limit: options.count, withRecalled });
    }
    const anchor = this.ctx.store.messages.get(options.anchor);
    if (!anchor || conversationKey(anchor.conversation) !== key || anchor.seq < floor) {
      throw new WorldError('MESSAGE_NOT_FOUND', `message ${options.anchor} is not in ${describe(ref)}`, { messageId: options.anchor });
    }
    return options.newer
      ? this.ctx.store.messages.history(key, { minSeq: anchor.seq, from: 'oldest', limit: options.count, withRecalled })
      : this.ctx.store.messages.history(key, { minSeq: floor, maxSeq: anchor.seq, from: 'newest', limit: options.count, withRecalled });
  }

  /**
   * The message with `seq` in a conversation `viewerId` may read, recalled or not (Milky names
   * messages by conversation and seq). MESSAGE_NOT_FOUND when the conversation has no such seq.
   */
  messageAt(viewerId: number, ref: ConversationRef, seq: number): MessageRecord {
    const conversation = this.open(viewerId, ref);
    const message = this.ctx.store.messages.getBySeq(conversationKey(conversation), seq);
    if (!message || seq < this.firstVisibleSeq(viewerId, conversation))
      throw new WorldError('MESSAGE_NOT_FOUND', `${describe(ref)} has no message with seq ${seq}`, { seq });
    return message;
  }

  /** Up to `count` messages (not recalled) with a seq at most `maxSeq` (absent: the newest), oldest first. */
  historyBySeq(viewerId: number, ref: ConversationRef, options: { maxSeq?: number; count: number }): MessageRecord[] {
    const conversation = this.open(viewerId, ref);
    const key = conversationKey(conversation);
    return this.ctx.store.messages.history(key, {
      minSeq: this.firstVisibleSeq(viewerId, conversation),
      ...(options.maxSeq !== undefined && { maxSeq: options.maxSeq }),
      from: 'newest',
      limit: options.count,
    });
  }

  /**
   * The messages (not recalled) whose seq lies in the `size` seqs ending at `maxSeq` (absent: the
   * conversation's last seq), oldest first: go-cqhttp's fixed window of history.
   */
  seqWindow(viewerId: number, ref: ConversationRef, options: { maxSeq?: number; size: number }): MessageRecord[] {
    const conversation = this.open(viewerId, ref);
    const key = conversationKey(conversation);
    const maxSeq = options.maxSeq ?? this.ctx.store.messages.conversation(key)?.lastSeq ?? 0;
    const minSeq = Math.max(1, maxSeq - options.size + 1, this.firstVisibleSeq(viewerId, conversation));
    return this.ctx.store.messages.history(key, { minSeq, maxSeq, from: 'oldest', limit: options.size });
  }

  /**
   * The first seq of a conversation the viewer may read: after their history floor in a group
   * they joined while new members could not see history (set_group_new_member_history_visibility).
   */
  private firstVisibleSeq(viewerId: number, conversation: Conversation): number {
    if (conversation.type !== 'group') return 1;
    return this.ctx.store.groupFeatures.historyFloor(conversation.groupId, viewerId) + 1;
  }

  /** Marks a conversation read up to the message with `seq` (never moving the mark back). */
  markReadUpTo(viewerId: number, ref: ConversationRef, seq: number): Promise<void> {
    return transaction(this.ctx, () => {
      const message = this.messageAt(viewerId, ref, seq);
      this.ctx.store.messages.markRead(viewerId, conversationKey(message.conversation), message.seq);
    });
  }

  /** The chats the account keeps pinned at the top of its list, most recently pinned first. */
  pins(viewerId: number): PeerPin[] {
    return this.ctx.store.pins.list(viewerId);
  }

  /**
   * Pins (or unpins) a chat: a group the account is in, or the private chat with any account.
   * Emits `conversation.pinned` to the account when something changed, saying whether the private
   * chat is a temp chat (the two are not mutual friends, so their messages go through a group).
   */
  setPinned(viewerId: number, ref: ConversationRef, pinned: boolean): Promise<void> {
    return transaction(this.ctx, (tx) => {
      this.open(viewerId, ref);
      const pin: PeerPin = { kind: ref.type, peerId: ref.type === 'group' ? ref.groupId : ref.userId, pinnedAt: now(this.ctx) };
      if (!this.ctx.store.pins.set(viewerId, pin, pinned)) return;
      const friends = this.ctx.store.friends;
      const temp = pin.kind === 'private' && !(friends.get(viewerId, pin.peerId) && friends.get(pin.peerId, viewerId));
      tx.emit({ type: 'conversation.pinned', ownerId: viewerId, kind: pin.kind, peerId: pin.peerId, pinned, temp, audience: [viewerId] });
    });
  }

  /** Marks a conversation read up to its newest message. Returns the conversation. */
  markRead(viewerId: number, ref: ConversationRef): Promise<Conversation> {
    return transaction(this.ctx, () => {
      const conversation = this.open(viewerId, ref);
      this.#markKeyRead(viewerId, conversationKey(conversation));
      return conversation;
    });
  }

  /** Marks read the conversation a visible message belongs to. */
  markReadByMessage(viewerId: number, messageId: number): Promise<Conversation> {
    return transaction(this.ctx, () => {
      const message = requireVisible(this.ctx.store, viewerId, messageId);
      this.#markKeyRead(viewerId, conversationKey(message.conversation));
      return message.conversation;
    });
  }

  /** Marks every conversation of `viewerId` read. */
  markAllRead(viewerId: number): Promise<void> {
    return transaction(this.ctx, () => {
      const groupIds = this.groups.listFor(viewerId).map((group) => group.groupId);
      for (const summary of this.ctx.store.messages.conversationsOf(viewerId, groupIds, Number.MAX_SAFE_INTEGER)) {
        this.ctx.store.messages.markRead(viewerId, summary.key, summary.lastSeq);
      }
    });
  }

  unreadCount(viewerId: number, conversation: Conversation): number {
    const floor = this.firstVisibleSeq(viewerId, conversation) - 1;
    return this.ctx.store.messages.unreadCount(viewerId, conversationKey(conversation), floor);
  }

  /**
   * The account's conversations, most recently active first, each with its newest message and
   * unread count as the account sees them: a group's messages from before the account's history
   * floor neither show nor count, so the entry of a group with nothing else has no message.
   */
  recentContacts(viewerId: number, count: number): RecentContact[] {
    const groupIds = this.groups.listFor(viewerId).map((group) => group.groupId);
    const result: RecentContact[] = [];
    // Ordered by what the viewer may read: a group it joined after its last message (while history
    // was hidden) stands at the join, not at a message the viewer never sees.
    for (const summary of this.ctx.store.messages.recentConversationsOf(viewerId, groupIds, count)) {
      const floor = summary.floorSeq;
      const [latest] = this.ctx.store.messages.history(summary.key, { minSeq: floor + 1, from: 'newest', limit: 1 });
      const unread = this.ctx.store.messages.unreadCount(viewerId, summary.key, floor);
      if (latest) {
        result.push({ summary, latest, time: latest.time, unread });
      } else if (floor > 0 && summary.conversation.type === 'group') {
        // QQ lists a group from the moment one joins it, before anything one may read is said.
        result.push({ summary, time: summary.joinTime, unread });
      }
      // Otherwise every message was recalled: nothing to show, and the entry is left out.
    }
    return result;
  }

  #markKeyRead(viewerId: number, key: string): void {
    const summary = this.ctx.store.messages.conversation(key);
    if (summary) this.ctx.store.messages.markRead(viewerId, key, summary.lastSeq);
  }
}

function describe(ref: ConversationRef): string {
  return ref.type === 'group' ? `the history of group ${ref.groupId}` : `the private chat with ${ref.userId}`;
}
