import { fail, WorldError } from '../errors.js';
import type { MediaService } from '../media/media-service.js';
import { checkSendLimits } from '../limits/send-limits.js';
import { roleRank } from '../model.js';
import { now, transaction, type ServiceContext, type Tx } from '../services/context.js';
import type { FriendService } from '../services/friend-service.js';
import type { GroupService } from '../services/group-service.js';
import type { StoredFile } from '../store/message-store.js';
import type { ContentDraft } from './draft.js';
import { DraftResolver, type PreparedMedia } from './draft-resolver.js';
import type { Element } from './elements.js';
import type { ForwardBundle } from './forward.js';
import { canSee, deliveryAudienceOf, recalledError, requireLive, requireVisible } from './message-access.js';
import type { MessageRecord } from './message.js';
import { resolveSendTarget, type ResolvedTarget, type SendTarget } from './send-target.js';

export interface MessageServiceDeps {
  readonly groups: GroupService;
  readonly friends: FriendService;
  readonly media: MediaService;
}

const noMedia: PreparedMedia = new Map();

/**
 * Sending, reading and recalling messages with QQ's rules. Every stored message emits
 * `message.created` to the accounts that see it (the group's members, or both sides of a private
 * chat); a recall emits `message.recalled`.
 *
 * A send is one unit of work: who may send where, the draft's checks (replies, @all allowance,
 * forwards), QQ's configured limits (`checkSendLimits`), the message with its seq and the sender's last_sent_time are decided and written
 * together. Media is read and stored before it (DraftResolver.prepare).
 */
export class MessageService {
  readonly #resolver: DraftResolver;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly deps: MessageServiceDeps,
  ) {
    this.#resolver = new DraftResolver(ctx.store, deps.media, ctx.random, ctx.limits);
  }

  /** Sends `content` from `senderId`; see `resolveSendTarget` for who may send where. */
  async send(senderId: number, target: SendTarget, content: ContentDraft): Promise<MessageRecord> {
    let media = noMedia;
    if (DraftResolver.hasMedia(content)) {
      // Checked before reading media too, so an account that may not send here cannot make the world fetch anything.
      this.#target(senderId, target);
      media = await this.#resolver.prepare(content, senderId);
    }
    return transaction(this.ctx, (tx) => {
      const resolved = this.#target(senderId, target);
      const time = now(this.ctx);
      const scope = { senderId, conversation: resolved.conversation, senderRole: resolved.sender?.role, time };
      const { elements, files, forwards } = this.#resolver.resolve(content, scope, media);
      checkSendLimits(this.ctx.store, this.ctx.limits, { senderId, conversation: resolved.conversation, elements, time });
      return this.#store(tx, senderId, resolved, elements, files, forwards, time);
    });
  }

  /**
   * Sends a copy of an existing message (forward_*_single_msg). Replies are dropped, as they point
   * into the source conversation; file elements get new file ids of their own.
   */
  forwardSingle(senderId: number, messageId: number, target: SendTarget): Promise<MessageRecord> {
    return transaction(this.ctx, (tx) => {
      const source = requireLive(this.ctx.store, senderId, messageId);
      const resolved = this.#target(senderId, target);
      const files: StoredFile[] = [];
      const elements: Element[] = [];
      for (const element of source.elements) {
        if (element.kind === 'reply') continue;
        if (element.kind === 'at' && resolved.conversation.type === 'private') continue;
        if (element.kind === 'file') {
          const file = this.ctx.store.messages.file(element.fileId);
          const copy: StoredFile = { ...(file ?? element.media), fileId: this.ctx.random.uuid() };
          files.push(copy);
          elements.push({ ...element, fileId: copy.fileId });
          continue;
        }
        elements.push(element);
      }
      if (elements.length === 0) throw new WorldError('EMPTY_MESSAGE', `message ${messageId} has nothing that can be forwarded here`);
      const time = now(this.ctx);
      checkSendLimits(this.ctx.store, this.ctx.limits, { senderId, conversation: resolved.conversation, elements, time });
      return this.#store(tx, senderId, resolved, elements, files, [], time);
    });
  }

  /**
   * Posts elements the world has already made (a group file's card, a private file) inside the
   * caller's unit of work, with the same rules of who may send where as `send`.
   */
  postIn(tx: Tx, senderId: number, target: SendTarget, elements: Element[], files: StoredFile[]): MessageRecord {
    return this.#store(tx, senderId, this.#target(senderId, target), elements, files, [], now(this.ctx));
  }

  /** A message `viewerId` may see and that is not recalled (MESSAGE_NOT_FOUND / MESSAGE_RECALLED). */
  get(viewerId: number, messageId: number): MessageRecord {
    return requireLive(this.ctx.store, viewerId, messageId);
  }

  /**
   * A message `viewerId` may see, recalled or not; undefined when it does not exist or is not
   * the viewer's to see (what a quote shows of the message it quotes, say).
   */
  findVisible(viewerId: number, messageId: number): MessageRecord | undefined {
    const message = this.ctx.store.messages.get(messageId);
    return message && canSee(this.ctx.store, viewerId, message) ? message : undefined;
  }

  /** Any stored message, without visibility rules (the world and its admin). */
  find(messageId: number): MessageRecord | undefined {
    return this.ctx.store.messages.get(messageId);
  }

  getMany(messageIds: readonly number[]): Map<number, MessageRecord> {
    return this.ctx.store.messages.getMany(messageIds);
  }

  /**
   * Recalls a message. Anyone may recall their own messages, at any time. In a group the owner
   * may recall anyone's and an admin a plain member's (never an equal or higher rank); in a
   * private chat only the sender may.
   */
  recall(actorId: number, messageId: number): Promise<MessageRecord> {
    return transaction(this.ctx, (tx) => {
      const message = requireVisible(this.ctx.store, actorId, messageId);
      if (message.recalled) throw recalledError(message);
      if (message.senderId !== actorId) this.#requireMayRecall(actorId, message);
      const recalled = this.ctx.store.messages.markRecalled(messageId, actorId, now(this.ctx));
      tx.emit({ type: 'message.recalled', message: recalled, operatorId: actorId, audience: deliveryAudienceOf(this.ctx.store, recalled) });
      return recalled;
    });
  }

  #requireMayRecall(actorId: number, message: MessageRecord): void {
    if (message.conversation.type === 'private') {
      throw new WorldError(
        'PERMISSION_DENIED',
        `account ${actorId} cannot recall message ${message.messageId}: in a private chat only its sender may`,
      );
    }
    const groupId = message.conversation.groupId;
    const self = this.deps.groups.requireSelf(groupId, actorId);
    // Someone who has left counts as a plain member.
    const senderRole = this.ctx.store.members.get(groupId, message.senderId)?.role ?? 'member';
    if (self.role === 'member') {
      throw new WorldError(
        'PERMISSION_DENIED',
        `account ${actorId} is a plain member of group ${groupId} and can recall only its own messages`,
      );
    }
    if (roleRank[self.role] <= roleRank[senderRole]) {
      throw new WorldError(
        'RANK_TOO_LOW',
        `account ${actorId} (${self.role}) cannot recall message ${message.messageId} of user ${message.senderId} (${senderRole}) in group ${groupId}`,
      );
    }
  }

  /**
   * Throws what a send from `senderId` to `target` would be refused with (not a member, muted, not
   * friends, ...). For what QQ sends as a message, such as a group file upload, before its slow part.
   */
  requireMaySend(senderId: number, target: SendTarget): void {
    this.#target(senderId, target);
  }

  #target(senderId: number, target: SendTarget): ResolvedTarget {
    if (!this.ctx.store.accounts.get(senderId)) throw fail.userNotFound(senderId);
    return resolveSendTarget({ store: this.ctx.store, groups: this.deps.groups, friends: this.deps.friends }, senderId, target);
  }

  #store(
    tx: Tx,
    senderId: number,
    target: ResolvedTarget,
    elements: Element[],
    files: StoredFile[],
    forwards: ForwardBundle[],
    time: number,
  ): MessageRecord {
    const reply = elements.find((element) => element.kind === 'reply');
    const message = this.ctx.store.messages.insert(
      {
        conversation: target.conversation,
        time,
        senderId,
        targetId: target.targetId,
        tempGroupId: target.tempGroupId,
        elements,
        replyTo: reply?.kind === 'reply' ? reply.messageId : 0,
        random: this.ctx.random.int(1, 2 ** 31 - 1),
      },
      { files, forwards },
    );
    if (message.conversation.type === 'group') this.ctx.store.members.recordSent(message.conversation.groupId, senderId, time, message.seq);
    tx.emit({ type: 'message.created', message, audience: deliveryAudienceOf(this.ctx.store, message), time });
    return message;
  }
}
