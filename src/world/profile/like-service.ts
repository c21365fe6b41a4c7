import { fail, WorldError } from '../errors.js';
import type { AccountService } from '../services/account-service.js';
import { now, transaction, type ServiceContext } from '../services/context.js';
import type { LikeSummary } from './records.js';

/** Likes one ordinary QQ account may give one other account per day. */
export const dailyLikeLimit = 10;

/** QQ's day changes at midnight Beijing time (UTC+8). */
export function qqDay(unixSeconds: number): number {
  return Math.floor((unixSeconds + 8 * 3600) / 86400);
}

export interface LikeSide {
  readonly total: number;
  readonly today: number;
  readonly last: number;
  readonly users: readonly LikeSummary[];
}

/** Profile likes (名片赞): send_like gives them, get_profile_like lists them. */
export class LikeService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly accounts: AccountService,
  ) {}

  /** `operatorId` likes `targetId`'s profile `times` times, within QQ's daily limit. */
  send(operatorId: number, targetId: number, times: number): Promise<void> {
    return transaction(this.ctx, (tx) => {
      if (!Number.isInteger(times) || times < 1) throw fail.invalid(`times must be a positive integer, got ${times}`);
      this.accounts.require(operatorId);
      this.accounts.require(targetId);
      if (operatorId === targetId) throw new WorldError('PERMISSION_DENIED', `account ${operatorId} cannot like its own profile`);
      const time = now(this.ctx);
      const day = qqDay(time);
      const given = this.ctx.store.likes.givenOn(operatorId, targetId, day);
      if (given + times > dailyLikeLimit) {
        throw new WorldError(
          'LIMIT_REACHED',
          `account ${operatorId} has liked user ${targetId} ${given} time(s) today; QQ allows ${dailyLikeLimit} a day, so ${dailyLikeLimit - given} more`,
          { operatorId, targetId, given },
        );
      }
      this.ctx.store.likes.insert({ operatorId, targetId, times, day, time });
      tx.emit({ type: 'profile_like', operatorId, targetId, times, audience: [targetId] });
    });
  }

  /** Likes `userId` received (vote) and gave (favorite), newest liker first. */
  profile(userId: number, start: number, count: number): { received: LikeSide; given: LikeSide } {
    this.accounts.require(userId);
    const day = qqDay(now(this.ctx));
    const likes = this.ctx.store.likes;
    return {
      received: { ...likes.receivedTotals(userId, day), users: likes.received(userId, day, start, count) },
      given: { ...likes.givenTotals(userId, day), users: likes.given(userId, day, start, count) },
    };
  }
}
