import type { FriendCategory, Friendship } from '../../model.js';
import type { FriendRepository } from '../store.js';
import type { SqliteDatabase } from './database.js';
import { BulkInsert } from './bulk-insert.js';
import type { UnitJournal, WriteStatement } from './unit-journal.js';

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
  readonly #list;
  readonly #followers;
  readonly #categories;
  readonly #put: WriteStatement;
  readonly #insertMany: BulkInsert<Friendship>;
  readonly #insertCategories: BulkInsert<FriendCategory>;
  readonly #remove: WriteStatement;
  readonly #upsertCategory: WriteStatement;
  readonly #resetCategory: WriteStatement;
  readonly #deleteCategory: WriteStatement;
  constructor(db: SqliteDatabase, journal: UnitJournal) {
    this.#get = db.prepare<[number, number], FriendshipRow>('SELECT * FROM friendships WHERE owner_id = ? AND friend_id = ?');
    this.#list = db.prepare<[number], FriendshipRow>('SELECT * FROM friendships WHERE owner_id = ? ORDER BY friend_id');
    this.#followers = db.prepare<[number], FriendshipRow>('SELECT * FROM friendships WHERE friend_id = ? ORDER BY owner_id');
    this.#categories = db.prepare<[number], CategoryRow>(
      'SELECT * FROM friend_categories WHERE owner_id = ? ORDER BY sort_id, category_id',
    );
    this.#put = journal.write(`INSERT INTO friendships (owner_id, friend_id, remark, category_id, since)
      VALUES (@ownerId, @friendId, @remark, @categoryId, @since)
      ON CONFLICT (owner_id, friend_id) DO UPDATE SET remark = excluded.remark, category_id = excluded.category_id`);
    this.#insertMany = new BulkInsert<Friendship>(
      db,
      journal,
      'friendships',
      ['owner_id', 'friend_id', 'remark', 'category_id', 'since'],
      (f, out) => out.push(f.ownerId, f.friendId, f.remark, f.categoryId, f.since),
      (a, b) => a.ownerId - b.ownerId || a.friendId - b.friendId,
    );
    this.#insertCategories = new BulkInsert<FriendCategory>(
      db,
      journal,
      'friend_categories',
      ['owner_id', 'category_id', 'name', 'sort_id'],
      (c, out) => out.push(c.ownerId, c.categoryId, c.name, c.sortId),
      (a, b) => a.ownerId - b.ownerId || a.categoryId - b.categoryId,
    );
    this.#remove = journal.write('DELETE FROM friendships WHERE owner_id = ? AND friend_id = ?');
    this.#upsertCategory = journal.write(`INSERT INTO friend_categories (owner_id, category_id, name, sort_id) VALUES (?, ?, ?, ?)
      ON CONFLICT (owner_id, category_id) DO UPDATE SET name = excluded.name, sort_id = excluded.sort_id`);
    this.#resetCategory = journal.write('UPDATE friendships SET category_id = 0 WHERE owner_id = ? AND category_id = ?');
    this.#deleteCategory = journal.write('DELETE FROM friend_categories WHERE owner_id = ? AND category_id = ?');
  }

  categories(ownerId: number): FriendCategory[] {
    return this.#categories.all(ownerId).map(toCategory);
  }

  upsertCategory(category: FriendCategory): void {
    this.#upsertCategory.run(category.ownerId, category.categoryId, category.name, category.sortId);
  }

  insertCategories(categories: readonly FriendCategory[]): void {
    if (categories.length === 0) return;
    this.#insertCategories.run(categories);
  }

  deleteCategory(ownerId: number, categoryId: number): void {
    // Friends in a deleted category fall back to the default one (id 0), as in QQ.
    this.#resetCategory.run(ownerId, categoryId);
    this.#deleteCategory.run(ownerId, categoryId);
  }

  get(ownerId: number, friendId: number): Friendship | undefined {
    const row = this.#get.get(ownerId, friendId);
    return row && toFriendship(row);
  }

  list(ownerId: number): Friendship[] {
    return this.#list.all(ownerId).map(toFriendship);
  }

  listFollowers(userId: number): Friendship[] {
    return this.#followers.all(userId).map(toFriendship);
  }

  put(friendship: Friendship): void {
    this.#put.run({ ...friendship });
  }

  insertMany(friendships: readonly Friendship[]): void {
    if (friendships.length === 0) return;
    this.#insertMany.run(friendships);
  }

  remove(ownerId: number, friendId: number): boolean {
    return this.#remove.run(ownerId, friendId).changes > 0;
  }
}
