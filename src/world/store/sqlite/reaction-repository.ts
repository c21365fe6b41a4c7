import type { ReactionCount, ReactionRepository, ReactionUser } from '../message-store.js';
import type { SqliteDatabase } from './database.js';
import type { UnitJournal } from './unit-journal.js';

/** Emoji reactions: one row per (message, emoji, user); rowid order is the order they came in. */
export class SqliteReactionRepository implements ReactionRepository {
  readonly #add;
  readonly #remove;
  readonly #counts;
  readonly #users;
  constructor(db: SqliteDatabase, journal: UnitJournal) {
    this.#add = journal.write('INSERT OR IGNORE INTO reactions (message_id, emoji_id, emoji_type, user_id, time) VALUES (?, ?, ?, ?, ?)');
    this.#remove = journal.write('DELETE FROM reactions WHERE message_id = ? AND emoji_id = ? AND user_id = ?');
    this.#counts = db.prepare<[number], { emoji_id: string; emoji_type: number; n: number }>(
      `SELECT emoji_id, min(emoji_type) AS emoji_type, count(*) AS n, min(rowid) AS first
       FROM reactions WHERE message_id = ? GROUP BY emoji_id ORDER BY first`,
    );
    this.#users = db.prepare<[number, string, number, number], { user_id: number; time: number }>(
      'SELECT user_id, time FROM reactions WHERE message_id = ? AND emoji_id = ? ORDER BY rowid LIMIT ? OFFSET ?',
    );
  }

  add(messageId: number, emojiId: string, emojiType: number, userId: number, time: number): boolean {
    return this.#add.run(messageId, emojiId, emojiType, userId, time).changes > 0;
  }

  remove(messageId: number, emojiId: string, userId: number): boolean {
    return this.#remove.run(messageId, emojiId, userId).changes > 0;
  }

  counts(messageId: number): ReactionCount[] {
    return this.#counts.all(messageId).map((row) => ({ emojiId: row.emoji_id, emojiType: row.emoji_type, count: row.n }));
  }

  users(messageId: number, emojiId: string, offset: number, limit: number): ReactionUser[] {
    return this.#users.all(messageId, emojiId, limit, offset).map((row) => ({ userId: row.user_id, time: row.time }));
  }
}
