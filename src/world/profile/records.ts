/** One send_like call: `operatorId` liked `targetId`'s profile `times` times. */
export interface ProfileLike {
  readonly likeId: number;
  readonly operatorId: number;
  readonly targetId: number;
  readonly times: number;
  /** QQ's day (Beijing time) as days since the epoch. */
  readonly day: number;
  /** Unix seconds. */
  readonly time: number;
}

/** Likes between one pair of accounts, summed (a row of QQ's "who liked me" list). */
export interface LikeSummary {
  readonly userId: number;
  /** All-time likes. */
  readonly count: number;
  /** Likes on the day asked about. */
  readonly todayCount: number;
  /** Unix seconds of the latest like. */
  readonly latestTime: number;
}
