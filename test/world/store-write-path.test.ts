import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqliteWorldStore } from '../../src/world/store/sqlite/sqlite-store.js';
import { UnitJournal } from '../../src/world/store/sqlite/unit-journal.js';
import { WriteBatcher } from '../../src/world/store/sqlite/write-batcher.js';
import { openDatabase } from '../../src/world/store/sqlite/database.js';
import { tempDir } from '../helpers/spawn.js';
import { memoryWorld, smallWorld } from '../helpers/world.js';

describe('group commit', () => {
  it('commits work queued in one turn together; a failing piece rolls back alone', async () => {
    const db = openDatabase(':memory:', []);
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)');
    const batcher = new WriteBatcher(db, new UnitJournal(db));
    const insert = db.prepare('INSERT INTO t (id, v) VALUES (?, ?)');
    const results = await Promise.allSettled([
      batcher.run(() => insert.run(1, 'a').changes),
      batcher.run(() => {
        insert.run(2, 'b');
        insert.run(1, 'duplicate'); // fails: the whole piece (including id 2) rolls back
      }),
      batcher.run(() => insert.run(3, 'c').changes),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(db.prepare('SELECT id, v FROM t ORDER BY id').all()).toEqual([
      { id: 1, v: 'a' },
      { id: 3, v: 'c' },
    ]);
  });

  it('settles only after the commit', async () => {
    const db = openDatabase(':memory:', []);
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY)');
    const batcher = new WriteBatcher(db, new UnitJournal(db));
    let committed = false;
    const pending = batcher
      .run(() => db.prepare('INSERT INTO t VALUES (1)').run())
      .then(() => {
        committed = !db.inTransaction && (db.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n === 1;
      });
    expect(db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 0 });
    await pending;
    expect(committed).toBe(true);
  });
});

describe('repository caches', () => {
  it('never serve a stale account, group or member after a change through any path', async () => {
    const { world } = await memoryWorld(smallWorld);
    expect((await world.accounts.require(20001)).nickname).toBe('Alice');
    await world.accounts.update(20001, { nickname: 'Alicia' });
    expect((await world.accounts.require(20001)).nickname).toBe('Alicia');
    expect((await world.groups.require(30001)).name).toBe('Lounge');
    await world.groups.rename('world', 30001, 'Salon');
    expect((await world.groups.require(30001)).name).toBe('Salon');
    expect((await world.groups.requireMember(30001, 20002)).role).toBe('member');
    await world.groups.setAdmin('world', 30001, 20002, true);
    expect((await world.groups.requireMember(30001, 20002)).role).toBe('admin');
    await world.groups.transferOwner(30001, 20002);
    expect((await world.groups.requireMember(30001, 20002)).role).toBe('owner');
    expect((await world.groups.requireMember(30001, 20001)).role).toBe('member');
    expect(await world.groups.memberIds(30001)).toContain(20003);
    await world.groups.kick('world', 30001, 20003);
    expect(await world.groups.memberIds(30001)).not.toContain(20003);
    expect(await world.groups.findMember(30001, 20003)).toBeUndefined();
    await world.groups.dismiss('world', 30001);
    expect(await world.groups.find(30001)).toBeUndefined();
    expect(await world.groups.findMember(30001, 20001)).toBeUndefined();
  });
});

describe('WAL checkpoints', () => {
  it('run in the background and leave an empty WAL after a clean close', async () => {
    const dir = await tempDir();
    const path = join(dir, 'catnap.db');
    const store = new SqliteWorldStore(path);
    store.startMaintenance();
    store.db.exec('CREATE TABLE filler (x BLOB)');
    const insert = store.db.prepare('INSERT INTO filler VALUES (randomblob(4000))');
    for (let i = 0; i < 500; i++) insert.run();
    expect(statSync(`${path}-wal`).size).toBeGreaterThan(1_000_000);
    await store.close();
    expect(statSync(`${path}-wal`, { throwIfNoEntry: false })?.size ?? 0).toBe(0);
    const reopened = new SqliteWorldStore(path);
    expect(reopened.db.prepare('SELECT count(*) AS n FROM filler').get()).toEqual({ n: 500 });
    await reopened.close();
  });

  it('start a thread only while commits come often, and leave SQLite to checkpoint once the WAL is quiet', async () => {
    const dir = await tempDir();
    const store = new SqliteWorldStore(join(dir, 'catnap.db'));
    store.startMaintenance(undefined, { intervalMs: 20, idleMs: 300 });
    const autoCheckpoint = () => store.db.pragma('wal_autocheckpoint', { simple: true });
    await store.transaction(() => store.db.exec('CREATE TABLE filler (x BLOB)'));
    const insert = store.db.prepare('INSERT INTO filler VALUES (randomblob(4000))');
    const commit = () => store.transaction(() => insert.run());
    // A few commits a second: no thread, and SQLite's own automatic checkpoints stay on.
    for (let i = 0; i < 5; i++) await commit();
    expect(store.checkpointing).toBe(false);
    expect(autoCheckpoint()).toBe(1000);
    // A busy second starts the thread, which takes the checkpoints over.
    for (let i = 0; i < 30; i++) await commit();
    expect(store.checkpointing).toBe(true);
    expect(autoCheckpoint()).toBe(0);
    // Once the WAL has stayed unchanged for idleMs, the thread leaves, with everything checkpointed.
    const deadline = Date.now() + 10_000;
    while (store.checkpointing && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(store.checkpointing).toBe(false);
    expect(autoCheckpoint()).toBe(1000);
    const [wal] = store.db.pragma('wal_checkpoint(PASSIVE)') as { log: number; checkpointed: number }[];
    expect(wal!.checkpointed).toBe(wal!.log);
    // The next busy second starts a new one.
    for (let i = 0; i < 30; i++) await commit();
    expect(store.checkpointing).toBe(true);
    await store.close();
    expect(store.checkpointing).toBe(false);
  });
});
