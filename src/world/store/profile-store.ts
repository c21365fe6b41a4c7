import type { LikeSummary, ProfileLike } from '../profile/records.js';

export interface LikeTotals {
  readonly total: number;
  readonly today: number;
  readonly last: number;
}

/** Profile likes (名片赞). Writes run inside a unit of work. */
export interface LikeRepository {
  insert(like: Omit<ProfileLike, 'likeId'>): ProfileLike;
  /** Likes `operatorId` gave `targetId` on `day`. */
  givenOn(operatorId: number, targetId: number, day: number): number;
  /** Who liked `targetId`, newest first, with totals per liker. */
  received(targetId: number, day: number, start: number, count: number): LikeSummary[];
  /** Whom `operatorId` liked, newest first, with totals per target. */
  given(operatorId: number, day: number, start: number, count: number): LikeSummary[];
  /** Totals of likes received: all time, on `day`, and the latest like's time. */
  receivedTotals(targetId: number, day: number): LikeTotals;
  givenTotals(operatorId: number, day: number): LikeTotals;
}
