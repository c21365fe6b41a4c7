import { WorldError } from '../errors.js';
import { now, transaction, type ServiceContext } from '../services/context.js';
import type { ReactionCount, ReactionUser } from '../store/message-store.js';
import { deliveryAudienceOf, requireLive, requireVisible } from './message-access.js';

/** QQ's emoji kinds: 1 = a QQ system face (short ids), 2 = a Unicode emoji (its code point). */
export function emojiTypeOf(emojiId: string): number {
  return emojiId.length > 3 ? 2 : 1;
}

/**
 * Emoji reactions ("表情回应") on messages. Each account adds an emoji to a message at most once;
 * every change emits `message.reaction` with the counts after it.
 */
export class ReactionService {
  constructor(private readonly ctx: ServiceContext) {}

  /** Adds (`add`) or removes `actorId`'s reaction; resolves whether anything changed. */
  set(actorId: number, messageId: number, emojiId: string, add: boolean): Promise<boolean> {
    return transaction(this.ctx, (tx) => {
      if (!/^\d{1,10}$/.test(emojiId)) {
        throw new WorldError('INVALID_ARGUMENT', `emoji id ${JSON.stringify(emojiId)} is not a QQ face id or an emoji code point`);
      }
      const message = requireLive(this.ctx.store, actorId, messageId);
      const emojiType = emojiTypeOf(emojiId);
      const changed = add
        ? this.ctx.store.reactions.add(messageId, emojiId, emojiType, actorId, now(this.ctx))
        : this.ctx.store.reactions.remove(messageId, emojiId, actorId);
      if (!changed) return false;
      const likes = this.ctx.store.reactions.counts(messageId).map(({ emojiId: id, count }) => ({ emojiId: id, count }));
      tx.emit({
        type: 'message.reaction',
        message,
        userId: actorId,
        emojiId,
        emojiType,
        isAdd: add,
        likes,
        audience: deliveryAudienceOf(this.ctx.store, message),
      });
      return true;
    });
  }

  /** Every emoji on a message `viewerId` can see, with counts. */
  counts(viewerId: number, messageId: number): ReactionCount[] {
    requireVisible(this.ctx.store, viewerId, messageId);
    return this.ctx.store.reactions.counts(messageId);
  }

  /** Who reacted with `emojiId`, in the order they did, one page at a time. */
  users(viewerId: number, messageId: number, emojiId: string, offset: number, limit: number): ReactionUser[] {
    requireLive(this.ctx.store, viewerId, messageId);
    return this.ctx.store.reactions.users(messageId, emojiId, offset, limit);
  }
}
