import { describe, expect, it } from 'vitest';
import type { Friendship } from '../../src/world/model.js';
import { SqliteWorldStore } from '../../src/world/store/sqlite/sqlite-store.js';
import { memoryWorld } from '../helpers/world.js';

/** Enough rows for a bulk insert to drop the table's plain indexes and build them again. */
const people = 6000;

async function bigWorld() {
  const store = new SqliteWorldStore(':memory:');
  const { world } = await memoryWorld(undefined, store);
  await world.transaction((tx) =>
    world.accounts.createManyIn(
      tx,
      Array.from({ length: people }, (_, i) => ({ userId: 100_000 + i, nickname: `P${i}` })),
    ),
  );
  const rows: Friendship[] = Array.from({ length: people - 1 }, (_, i) => ({
    ownerId: 100_000 + i,
    friendId: 100_001 + i,
    remark: '',
    categoryId: 0,
    since: 1,
  }));
  const plainIndexes = () =>
    store.db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'friendships' AND sql IS NOT NULL").all();
  return { world, store, rows, plainIndexes };
}

describe('bulk inserts', () => {
  it('write every row and leave the indexes as the migrations made them', async () => {
    const { world, store, rows, plainIndexes } = await bigWorld();
    const before = plainIndexes();
    expect(before).toContainEqual(expect.objectContaining({ name: 'friendships_by_friend' }));
    await world.transaction(() => store.friends.insertMany(rows));
    expect(plainIndexes()).toEqual(before);
    expect(store.friends.listFollowers(100_001).map((f) => f.ownerId)).toEqual([100_000]);
    expect(store.db.prepare('SELECT count(*) AS n FROM friendships').get()).toEqual({ n: people - 1 });
    expect(store.db.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
  });

  it('roll back with their unit, indexes included', async () => {
    const { world, store, rows, plainIndexes } = await bigWorld();
    const before = plainIndexes();
    await expect(
      world.transaction(() => {
        store.friends.insertMany(rows);
        throw new Error('refused after the insert');
      }),
    ).rejects.toThrow('refused after the insert');
    expect(plainIndexes()).toEqual(before);
    expect(store.db.prepare('SELECT count(*) AS n FROM friendships').get()).toEqual({ n: 0 });
  });

  it("write rows given out of key order, leaving the caller's list as it was", async () => {
    const { world, store, rows } = await bigWorld();
    const reversed = [...rows].reverse();
    await world.transaction(() => store.friends.insertMany(reversed));
    expect(reversed[0]!.ownerId).toBe(rows.at(-1)!.ownerId);
    expect(store.friends.list(100_000)).toEqual([rows[0]]);
    expect(store.db.prepare('SELECT count(*) AS n FROM friendships').get()).toEqual({ n: people - 1 });
  });

  it('find which accounts exist alike whether they read every key or pass the list to SQLite', async () => {
    const { store } = await bigWorld();
    const empty = new SqliteWorldStore(':memory:').accounts;
    expect(empty.existing([100_000, 5])).toEqual(new Set());
    expect(empty.existing(Array.from({ length: 2000 }, (_, i) => 100_000 + i))).toEqual(new Set());
    // A few numbers of many accounts: the list goes to SQLite.
    expect(store.accounts.existing([5, 100_001, 100_002, 100_002])).toEqual(new Set([100_001, 100_002]));
    // About as many numbers as accounts: every key is read.
    const asked = Array.from({ length: people }, (_, i) => 100_003 + i);
    expect(store.accounts.existing(asked)).toEqual(new Set(asked.slice(0, people - 3)));
  });

  it('refuse to run outside a unit of work', async () => {
    const { store, rows } = await bigWorld();
    expect(() => store.friends.insertMany(rows)).toThrow(/outside a unit of work/);
  });
});
