import { randomInt, randomUUID } from 'node:crypto';
import { fail, WorldError } from '../errors.js';
import type { MediaService } from '../media/media-service.js';
import { roleRank } from '../model.js';
import { emit, now, type ServiceContext } from '../services/context.js';
import type { FriendService } from '../services/friend-service.js';
import type { GroupService } from '../services/group-service.js';
import type { StoredFile } from '../store/message-store.js';
import type { ContentDraft } from './draft.js';
import { DraftResolver } from './draft-resolver.js';
import type { Element } from './elements.js';
import type { ForwardBundle } from './forward.js';
import { audienceOf, recalledError, requireLive, requireVisible } from './message-access.js';
import type { MessageRecord } from './message.js';
import { resolveSendTarget, type ResolvedTarget, type SendTarget } from './send-target.js';

export interface MessageServiceDeps {
  readonly groups: GroupService;
  readonly friends: FriendService;
  readonly media: MediaService;
}

/**
 * Sending, reading and recalling messages with QQ's rules. Every stored message emits
 * `message.created` to the accounts that see it (the group's members, or both sides of a private
 * chat); a recall emits `message.recalled`.
 */
export class MessageService {
  readonly #resolver: DraftResolver;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly deps: MessageServiceDeps,
  ) {
    this.#resolver = new DraftResolver(ctx.store, deps.media);
  }

  /** Sends `content` from `senderId`; see `resolveSendTarget` for who may send where. */
  async send(senderId: number, target: SendTarget, content: ContentDraft): Promise<MessageRecord> {
    const resolved = await this.#target(senderId, target);
    const time = now(this.ctx);
    const { elements, files, forwards } = await this.#resolver.resolve(content, {
      senderId,
      conversation: resolved.conversation,
      senderRole: resolved.sender?.role,
      time,
    });
    return this.#store(senderId, resolved, elements, files, forwards, time);
  }

  /**
   * Sends a copy of an existing message (forward_*_single_msg). Replies are dropped, as they point
   * into the source conversation; file elements get new file ids of their own.
   */
  async forwardSingle(senderId: number, messageId: number, target: SendTarget): Promise<MessageRecord> {
    const source = await requireLive(this.ctx.store, senderId, messageId);
    const resolved = await this.#target(senderId, target);
    const time = now(this.ctx);
    const files: StoredFile[] = [];
    const elements: Element[] = [];
    for (const element of source.elements) {
      if (element.kind === 'reply') continue;
      if (element.kind === 'at' && resolved.conversation.type === 'private') continue;
      if (element.kind === 'file') {
        const file = await this.ctx.store.messages.file(element.fileId);
        const copy: StoredFile = { ...(file ?? element.media), fileId: randomUUID() };
        files.push(copy);
        elements.push({ ...element, fileId: copy.fileId });
        continue;
      }
      elements.push(element);
    }
    if (elements.length === 0) throw new WorldError('EMPTY_MESSAGE', `message ${messageId} has nothing that can be forwarded here`);
    return this.#store(senderId, resolved, elements, files, [], time);
  }

  /** A message `viewerId` may see and that is not recalled (MESSAGE_NOT_FOUND / MESSAGE_RECALLED). */
  get(viewerId: number, messageId: number): Promise<MessageRecord> {
    return requireLive(this.ctx.store, viewerId, messageId);
  }

  /** Any stored message, without visibility rules (the world and its admin). */
  find(messageId: number): Promise<MessageRecord | undefined> {
    return this.ctx.store.messages.get(messageId);
  }

  getMany(messageIds: readonly number[]): Promise<Map<number, MessageRecord>> {
    return this.ctx.store.messages.getMany(messageIds);
  }

  /**
   * Recalls a message. Anyone may recall their own messages, at any time. In a group the owner
   * may recall anyone's and an admin a plain member's (never an equal or higher rank); in a
   * private chat only the sender may.
   */
  async recall(actorId: number, messageId: number): Promise<MessageRecord> {
    const message = await requireVisible(this.ctx.store, actorId, messageId);
    if (message.recalled) throw recalledError(message);
    if (message.senderId !== actorId) await this.#requireMayRecall(actorId, message);
    const recalled = await this.ctx.store.messages.markRecalled(messageId, actorId, now(this.ctx));
    emit(this.ctx, {
      type: 'message.recalled',
      message: recalled,
      operatorId: actorId,
      audience: await audienceOf(this.ctx.store, recalled),
    });
    return recalled;
  }

  async #requireMayRecall(actorId: number, message: MessageRecord): Promise<void> {
    if (message.conversation.type === 'private') {
      throw new WorldError(
        'PERMISSION_DENIED',
        `account ${actorId} cannot recall message ${message.messageId}: in a private chat only its sender may`,
      );
    }
    const groupId = message.conversation.groupId;
    const self = await this.deps.groups.requireSelf(groupId, actorId);
    const sender = await this.ctx.store.members.get(groupId, message.senderId);
    // Someone who has left counts as a plain member.
    const senderRole = sender?.role ?? 'member';
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

  async #target(senderId: number, target: SendTarget): Promise<ResolvedTarget> {
    if (!(await this.ctx.store.accounts.get(senderId))) throw fail.userNotFound(senderId);
    return resolveSendTarget({ store: this.ctx.store, groups: this.deps.groups, friends: this.deps.friends }, senderId, target);
  }

  async #store(
    senderId: number,
    target: ResolvedTarget,
    elements: Element[],
    files: StoredFile[],
    forwards: ForwardBundle[],
    time: number,
  ): Promise<MessageRecord> {
    const reply = elements.find((element) => element.kind === 'reply');
    const message = await this.ctx.store.messages.insert(
      {
        conversation: target.conversation,
        time,
        senderId,
        targetId: target.targetId,
        tempGroupId: target.tempGroupId,
        elements,
        replyTo: reply?.kind === 'reply' ? reply.messageId : 0,
        random: randomInt(1, 2 ** 31),
      },
      { files, forwards },
    );
    emit(this.ctx, { type: 'message.created', message, audience: await audienceOf(this.ctx.store, message), time });
    return message;
  }
}
