import { fail, WorldError } from '../errors.js';
import { emit, now, type ServiceContext } from '../services/context.js';
import type { GroupService } from '../services/group-service.js';
import type { PeerPin } from '../store/extras-store.js';
import type { ConversationSummary } from '../store/message-store.js';
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
}

export interface RecentContact {
  readonly summary: ConversationSummary;
  /** The newest message that is not recalled. */
  readonly latest: MessageRecord;
  readonly unread: number;
}

/**
 * Reading conversations: history pages, read marks, unread counts and recent contacts.
 *
 * History pages are deterministic and follow NapCat: messages come oldest first; without an
 * anchor they are the newest `count`; with an anchor they are the `count` messages ending at it
 * (or, with `newer`, starting at it), the anchor included. Recalled messages are left out.
 */
export class ConversationService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly groups: GroupService,
  ) {}

  /** The conversation `viewerId` means, after checking it may read it. */
  async open(viewerId: number, ref: ConversationRef): Promise<Conversation> {
    if (ref.type === 'group') {
      await this.groups.requireSelf(ref.groupId, viewerId);
      return { type: 'group', groupId: ref.groupId };
    }
    if (!(await this.ctx.store.accounts.get(ref.userId))) throw fail.userNotFound(ref.userId);
    return privateConversation(viewerId, ref.userId);
  }

  async history(viewerId: number, ref: ConversationRef, options: HistoryOptions): Promise<MessageRecord[]> {
    const conversation = await this.open(viewerId, ref);
    const key = conversationKey(conversation);
    if (options.anchor === undefined) return this.ctx.store.messages.history(key, { from: 'newest', limit: options.count });
    const anchor = await this.ctx.store.messages.get(options.anchor);
    if (!anchor || conversationKey(anchor.conversation) !== key) {
      throw new WorldError('MESSAGE_NOT_FOUND', `message ${options.anchor} is not in ${describe(ref)}`, { messageId: options.anchor });
    }
    return options.newer
      ? this.ctx.store.messages.history(key, { minSeq: anchor.seq, from: 'oldest', limit: options.count })
      : this.ctx.store.messages.history(key, { maxSeq: anchor.seq, from: 'newest', limit: options.count });
  }

  /**
   * The message with `seq` in a conversation `viewerId` may read, recalled or not (Milky names
   * messages by conversation and seq). MESSAGE_NOT_FOUND when the conversation has no such seq.
   */
  async messageAt(viewerId: number, ref: ConversationRef, seq: number): Promise<MessageRecord> {
    const conversation = await this.open(viewerId, ref);
    const message = await this.ctx.store.messages.getBySeq(conversationKey(conversation), seq);
    if (!message) throw new WorldError('MESSAGE_NOT_FOUND', `${describe(ref)} has no message with seq ${seq}`, { seq });
    return message;
  }

  /** Up to `count` messages (not recalled) with a seq at most `maxSeq` (absent: the newest), oldest first. */
  async historyBySeq(viewerId: number, ref: ConversationRef, options: { maxSeq?: number; count: number }): Promise<MessageRecord[]> {
    const key = conversationKey(await this.open(viewerId, ref));
    return this.ctx.store.messages.history(key, {
      ...(options.maxSeq !== undefined && { maxSeq: options.maxSeq }),
      from: 'newest',
      limit: options.count,
    });
  }

  /** Marks a conversation read up to the message with `seq` (never moving the mark back). */
  async markReadUpTo(viewerId: number, ref: ConversationRef, seq: number): Promise<void> {
    const message = await this.messageAt(viewerId, ref, seq);
    await this.ctx.store.messages.markRead(viewerId, conversationKey(message.conversation), message.seq);
  }

  /** The chats the account keeps pinned at the top of its list, most recently pinned first. */
  pins(viewerId: number): Promise<PeerPin[]> {
    return this.ctx.store.extras.pins.list(viewerId);
  }

  /**
   * Pins (or unpins) a chat: a group the account is in, or the private chat with any account.
   * Emits `conversation.pinned` to the account when something changed.
   */
  async setPinned(viewerId: number, ref: ConversationRef, pinned: boolean): Promise<void> {
    await this.open(viewerId, ref);
    const pin: PeerPin = {
      kind: ref.type,
      peerId: ref.type === 'group' ? ref.groupId : ref.userId,
      pinnedAt: now(this.ctx),
    };
    if (!(await this.ctx.store.extras.pins.set(viewerId, pin, pinned))) return;
    emit(this.ctx, { type: 'conversation.pinned', ownerId: viewerId, kind: pin.kind, peerId: pin.peerId, pinned, audience: [viewerId] });
  }

  /** Marks a conversation read up to its newest message. Returns the conversation. */
  async markRead(viewerId: number, ref: ConversationRef): Promise<Conversation> {
    const conversation = await this.open(viewerId, ref);
    await this.#markKeyRead(viewerId, conversationKey(conversation));
    return conversation;
  }

  /** Marks read the conversation a visible message belongs to. */
  async markReadByMessage(viewerId: number, messageId: number): Promise<Conversation> {
    const message = await requireVisible(this.ctx.store, viewerId, messageId);
    await this.#markKeyRead(viewerId, conversationKey(message.conversation));
    return message.conversation;
  }

  /** Marks every conversation of `viewerId` read. */
  async markAllRead(viewerId: number): Promise<void> {
    const groupIds = (await this.groups.listFor(viewerId)).map((group) => group.groupId);
    for (const summary of await this.ctx.store.messages.conversationsOf(viewerId, groupIds, Number.MAX_SAFE_INTEGER)) {
      await this.ctx.store.messages.markRead(viewerId, summary.key, summary.lastSeq);
    }
  }

  unreadCount(viewerId: number, conversation: Conversation): Promise<number> {
    return this.ctx.store.messages.unreadCount(viewerId, conversationKey(conversation));
  }

  /** The account's conversations, most recently active first, each with its newest message. */
  async recentContacts(viewerId: number, count: number): Promise<RecentContact[]> {
    const groupIds = (await this.groups.listFor(viewerId)).map((group) => group.groupId);
    const result: RecentContact[] = [];
    for (const summary of await this.ctx.store.messages.conversationsOf(viewerId, groupIds, count)) {
      const latest = await this.ctx.store.messages.latest(summary.key);
      if (!latest) continue;
      result.push({ summary, latest, unread: await this.ctx.store.messages.unreadCount(viewerId, summary.key) });
    }
    return result;
  }

  async #markKeyRead(viewerId: number, key: string): Promise<void> {
    const summary = await this.ctx.store.messages.conversation(key);
    if (summary) await this.ctx.store.messages.markRead(viewerId, key, summary.lastSeq);
  }
}

function describe(ref: ConversationRef): string {
  return ref.type === 'group' ? `the history of group ${ref.groupId}` : `the private chat with ${ref.userId}`;
}
