import { fail, WorldError } from '../errors.js';
import type { EssenceEntry } from '../group-content-model.js';
import { requireLive } from '../messages/message-access.js';
import { conversationKey, type MessageRecord } from '../messages/message.js';
import { now, transaction, type ServiceContext } from './context.js';
import type { GroupService } from './group-service.js';

/** Which message a delete names: its id, or NapCat's group + seq + random triple. */
export type EssenceRef = { readonly messageId: number } | { readonly groupId: number; readonly seq: number; readonly random?: number };

/**
 * Essence messages (QQ's 精华消息): the owner and admins pin group messages as essence, and every
 * member reads the list. Each change emits `essence.changed` to the group's members.
 */
export class EssenceService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly groups: GroupService,
  ) {}

  set(actorId: number, messageId: number): Promise<EssenceEntry> {
    return transaction(this.ctx, (tx) => {
      const message = requireLive(this.ctx.store, actorId, messageId);
      const groupId = groupOf(message);
      this.groups.requireAdmin(groupId, actorId, 'set essence messages');
      if (this.ctx.store.essence.get(groupId, messageId)) {
        throw new WorldError('ALREADY_EXISTS', `message ${messageId} is already an essence message of group ${groupId}`, {
          groupId,
          messageId,
        });
      }
      const entry: EssenceEntry = { groupId, messageId, senderId: message.senderId, operatorId: actorId, time: now(this.ctx) };
      this.ctx.store.essence.insert(entry);
      tx.emit({ type: 'essence.changed', groupId, message, operatorId: actorId, added: true, audience: this.groups.memberIds(groupId) });
      return entry;
    });
  }

  remove(actorId: number, ref: EssenceRef): Promise<void> {
    return transaction(this.ctx, (tx) => {
      const message = this.find(actorId, ref);
      const groupId = groupOf(message);
      this.groups.requireAdmin(groupId, actorId, 'remove essence messages');
      if (!this.ctx.store.essence.remove(groupId, message.messageId)) {
        throw new WorldError('CONFLICT', `message ${message.messageId} is not an essence message of group ${groupId}`, {
          groupId,
          messageId: message.messageId,
        });
      }
      tx.emit({ type: 'essence.changed', groupId, message, operatorId: actorId, added: false, audience: this.groups.memberIds(groupId) });
    });
  }

  /** A group's essence messages, newest first, with their messages (recalled ones stay listed, as in QQ). */
  list(actorId: number, groupId: number): { entry: EssenceEntry; message: MessageRecord }[] {
    this.groups.requireSelf(groupId, actorId);
    const entries = this.ctx.store.essence.list(groupId);
    const messages = this.ctx.store.messages.getMany(entries.map((entry) => entry.messageId));
    return entries.flatMap((entry) => {
      const message = messages.get(entry.messageId);
      return message ? [{ entry, message }] : [];
    });
  }

  private find(actorId: number, ref: EssenceRef): MessageRecord {
    if ('messageId' in ref) {
      const message = this.ctx.store.messages.get(ref.messageId);
      if (!message || message.conversation.type !== 'group' || !this.groups.findMember(message.conversation.groupId, actorId)) {
        throw fail.messageNotFound(ref.messageId);
      }
      return message;
    }
    this.groups.requireSelf(ref.groupId, actorId);
    const message = this.ctx.store.messages.getBySeq(conversationKey({ type: 'group', groupId: ref.groupId }), ref.seq);
    if (!message || (ref.random !== undefined && message.random !== ref.random)) {
      throw new WorldError(
        'MESSAGE_NOT_FOUND',
        `group ${ref.groupId} has no message with seq ${ref.seq}${ref.random !== undefined ? ` and random ${ref.random}` : ''}`,
      );
    }
    return message;
  }
}

function groupOf(message: MessageRecord): number {
  if (message.conversation.type !== 'group') {
    throw fail.invalid(`message ${message.messageId} is a private message; only group messages can be essence`);
  }
  return message.conversation.groupId;
}
