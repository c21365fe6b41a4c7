import type { FriendCategory, Friendship } from '../../model.js';
import type { FriendRepository } from '../store.js';
import type { SqliteDatabase } from './database.js';

interface CategoryRow {
  owner_id: number;
  category_id: number;
  name: string;
  sort_id: number;
}
interface FriendshipRow {
  owner_id: number;
  friend_id: number;
  remark: string;
  category_id: number;
  since: number;
}

const toCategory = (row: CategoryRow): FriendCategory => ({
  ownerId: row.owner_id,
  categoryId: row.category_id,
  name: row.name,
  sortId: row.sort_id,
});
const toFriendship = (row: FriendshipRow): Friendship => ({
  ownerId: row.owner_id,
  friendId: row.friend_id,
  remark: row.remark,
  categoryId: row.category_id,
  since: row.since,
});

export class SqliteFriendRepository implements FriendRepository {
  readonly #get;
  readonly #put;
  constructor(private readonly db: SqliteDatabase) {
    this.#get = db.prepare<[number, number], FriendshipRow>('SELECT * FROM friendships WHERE owner_id = ? AND friend_id = ?');
    this.#put = db.prepare(`INSERT INTO friendships (owner_id, friend_id, remark, category_id, since)
      VALUES (@ownerId, @friendId, @remark, @categoryId, @since)
      ON CONFLICT (owner_id, friend_id) DO UPDATE SET remark = excluded.remark, category_id = excluded.category_id`);
  }

  async categories(ownerId: number): Promise<FriendCategory[]> {
    return this.db
      .prepare<[number], CategoryRow>('SELECT * FROM friend_categories WHERE owner_id = ? ORDER BY sort_id, category_id')
      .all(ownerId)
      .map(toCategory);
  }

  async upsertCategory(category: FriendCategory): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO friend_categories (owner_id, category_id, name, sort_id) VALUES (?, ?, ?, ?)
        ON CONFLICT (owner_id, category_id) DO UPDATE SET name = excluded.name, sort_id = excluded.sort_id`,
      )
      .run(category.ownerId, category.categoryId, category.name, category.sortId);
  }

  async deleteCategory(ownerId: number, categoryId: number): Promise<void> {
    this.db.transaction(() => {
      // Friends in a deleted category fall back to the default one (id 0), as in QQ.
      this.db.prepare('UPDATE friendships SET category_id = 0 WHERE owner_id = ? AND category_id = ?').run(ownerId, categoryId);
      this.db.prepare('DELETE FROM friend_categories WHERE owner_id = ? AND category_id = ?').run(ownerId, categoryId);
    })();
  }

  async get(ownerId: number, friendId: number): Promise<Friendship | undefined> {
    const row = this.#get.get(ownerId, friendId);
    return row && toFriendship(row);
  }

  async list(ownerId: number): Promise<Friendship[]> {
    return this.db
      .prepare<[number], FriendshipRow>('SELECT * FROM friendships WHERE owner_id = ? ORDER BY friend_id')
      .all(ownerId)
      .map(toFriendship);
  }

  async listFollowers(userId: number): Promise<Friendship[]> {
    return this.db
      .prepare<[number], FriendshipRow>('SELECT * FROM friendships WHERE friend_id = ? ORDER BY owner_id')
      .all(userId)
      .map(toFriendship);
  }

  async put(friendship: Friendship): Promise<void> {
    this.#put.run(friendship);
  }

  async putPair(a: Friendship, b: Friendship): Promise<void> {
    this.db.transaction(() => {
      this.#put.run(a);
      this.#put.run(b);
    })();
  }

  async remove(ownerId: number, friendId: number): Promise<boolean> {
    return this.db.prepare('DELETE FROM friendships WHERE owner_id = ? AND friend_id = ?').run(ownerId, friendId).changes > 0;
  }
}
