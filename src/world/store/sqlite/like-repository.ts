import type { LikeSummary, ProfileLike } from '../../profile/records.js';
import type { LikeRepository, LikeTotals } from '../profile-store.js';
import type { SqliteDatabase } from './database.js';
import type { UnitJournal, WriteStatement } from './unit-journal.js';

interface SummaryRow {
  user_id: number;
  count: number;
  today_count: number;
  latest_time: number;
}

const toSummary = (row: SummaryRow): LikeSummary => ({
  userId: row.user_id,
  count: row.count,
  todayCount: row.today_count,
  latestTime: row.latest_time,
});

export class SqliteLikeRepository implements LikeRepository {
  readonly #insert: WriteStatement;
  readonly #givenOn;
  readonly #received;
  readonly #given;
  readonly #receivedTotals;
  readonly #givenTotals;

  constructor(db: SqliteDatabase, journal: UnitJournal) {
    this.#insert = journal.write('INSERT INTO profile_likes (operator_id, target_id, times, day, time) VALUES (?, ?, ?, ?, ?)');
    this.#givenOn = db.prepare<[number, number, number], { n: number }>(
      'SELECT COALESCE(SUM(times), 0) AS n FROM profile_likes WHERE operator_id = ? AND target_id = ? AND day = ?',
    );
    const summary = (self: string, other: string) =>
      db.prepare<[number, number, number, number], SummaryRow>(
        `SELECT ${other} AS user_id, SUM(times) AS count, SUM(CASE WHEN day = ? THEN times ELSE 0 END) AS today_count,
           MAX(time) AS latest_time
         FROM profile_likes WHERE ${self} = ? GROUP BY ${other}
         ORDER BY latest_time DESC, MAX(like_id) DESC LIMIT ? OFFSET ?`,
      );
    this.#received = summary('target_id', 'operator_id');
    this.#given = summary('operator_id', 'target_id');
    const totals = (self: string) =>
      db.prepare<[number, number], { total: number; today: number; last: number }>(
        `SELECT COALESCE(SUM(times), 0) AS total, COALESCE(SUM(CASE WHEN day = ? THEN times ELSE 0 END), 0) AS today,
           COALESCE(MAX(time), 0) AS last FROM profile_likes WHERE ${self} = ?`,
      );
    this.#receivedTotals = totals('target_id');
    this.#givenTotals = totals('operator_id');
  }

  insert(like: Omit<ProfileLike, 'likeId'>): ProfileLike {
    const result = this.#insert.run(like.operatorId, like.targetId, like.times, like.day, like.time);
    return { likeId: Number(result.lastInsertRowid), ...like };
  }

  givenOn(operatorId: number, targetId: number, day: number): number {
    return this.#givenOn.get(operatorId, targetId, day)!.n;
  }

  received(targetId: number, day: number, start: number, count: number): LikeSummary[] {
    return this.#received.all(day, targetId, count, start).map(toSummary);
  }

  given(operatorId: number, day: number, start: number, count: number): LikeSummary[] {
    return this.#given.all(day, operatorId, count, start).map(toSummary);
  }

  receivedTotals(targetId: number, day: number): LikeTotals {
    return this.#receivedTotals.get(day, targetId)!;
  }

  givenTotals(operatorId: number, day: number): LikeTotals {
    return this.#givenTotals.get(day, operatorId)!;
  }
}
