import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqliteWorldStore } from '../../src/world/store/sqlite/sqlite-store.js';
import { UnitJournal } from '../../src/world/store/sqlite/unit-journal.js';
import { WriteBatcher } from '../../src/world/store/sqlite/write-batcher.js';
import { Checkpointer } from '../../src/world/store/sqlite/checkpointer.js';
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

/** Polls `done` every 20 ms for up to 10 s. */
async function until(done: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!done() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
}

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

  it('start a thread when the world gets busy, and let it go once the WAL is quiet', async () => {
    const dir = await tempDir();
    const path = join(dir, 'catnap.db');
    const store = new SqliteWorldStore(path);
    // Only the rate of commits may start the thread here: on a loaded disk one of these small
    // commits can take over the default 50 ms of a large one (the next test covers that trigger).
    store.startMaintenance(undefined, { intervalMs: 20, idleMs: 300, largeCommitMs: 60_000 });
    // The main connection never checkpoints inside a commit, thread or no thread.
    const autoCheckpoint = () => store.db.pragma('wal_autocheckpoint', { simple: true });
    expect(autoCheckpoint()).toBe(0);
    await store.transaction(() => store.db.exec('CREATE TABLE filler (x BLOB)'));
    const insert = store.db.prepare('INSERT INTO filler VALUES (randomblob(4000))');
    const commit = () => store.transaction(() => insert.run());
    // A few commits a second: no thread.
    for (let i = 0; i < 5; i++) await commit();
    expect(store.checkpointing).toBe(false);
    // A busy second starts it.
    for (let i = 0; i < 30; i++) await commit();
    expect(store.checkpointing).toBe(true);
    expect(statSync(`${path}-wal`).size).toBeGreaterThan(30 * 4000);
    // Once the WAL has stayed unchanged for idleMs, the thread leaves, with everything checkpointed,
    // and the WAL file is cut back to nothing.
    await until(() => !store.checkpointing);
    expect(statSync(`${path}-wal`).size).toBe(0);
    expect(autoCheckpoint()).toBe(0);
    const [wal] = store.db.pragma('wal_checkpoint(PASSIVE)') as { log: number; checkpointed: number }[];
    expect(wal!.checkpointed).toBe(wal!.log);
    // The next busy second starts a new one.
    for (let i = 0; i < 30; i++) await commit();
    expect(store.checkpointing).toBe(true);
    await store.close();
    expect(store.checkpointing).toBe(false);
  });

  it('start a thread after a large commit, and after enough quiet ones', async () => {
    const dir = await tempDir();
    const large = new SqliteWorldStore(join(dir, 'large.db'));
    large.startMaintenance(undefined, { intervalMs: 20, idleMs: 300, largeCommitMs: 30 });
    await large.transaction(() => large.db.exec('CREATE TABLE filler (x BLOB)'));
    expect(large.checkpointing).toBe(false);
    await large.transaction(() =>
      large.db.exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
           INSERT INTO filler SELECT randomblob(4000) FROM n`),
    );
    expect(large.checkpointing).toBe(true);
    await large.close();

    const quiet = new SqliteWorldStore(join(dir, 'quiet.db'));
    quiet.startMaintenance(undefined, { intervalMs: 20, idleMs: 300, busyCommits: 1000, quietCommits: 10, largeCommitMs: 60_000 });
    await quiet.transaction(() => quiet.db.exec('CREATE TABLE filler (x BLOB)'));
    for (let i = 0; i < 8; i++) await quiet.transaction(() => quiet.db.exec('INSERT INTO filler VALUES (randomblob(100))'));
    expect(quiet.checkpointing).toBe(false);
    await quiet.transaction(() => quiet.db.exec('INSERT INTO filler VALUES (randomblob(100))'));
    expect(quiet.checkpointing).toBe(true);
    await quiet.close();
  });

  it('start the WAL again from its beginning under a steady stream of commits', async () => {
    const dir = await tempDir();
    const path = join(dir, 'catnap.db');
    const store = new SqliteWorldStore(path);
    store.startMaintenance(undefined, { intervalMs: 10, idleMs: 5000, busyCommits: 1, restartFrames: 200, tailFrames: 20 });
    // A WAL that starts again is cut back to 100 kB (24 frames), which makes each new start visible in its size.
    store.db.pragma('journal_size_limit = 100000');
    await store.transaction(() => store.db.exec('CREATE TABLE filler (x BLOB)'));
    const insert = store.db.prepare('INSERT INTO filler VALUES (randomblob(4000))');
    // Commits one after the other with no pause: the thread's checkpoints never find the WAL
    // idle, so only the writer finishing one lets SQLite write the WAL from its start again.
    // Without a new start the file keeps every frame and never shrinks; with one every 200 frames
    // or so, it is cut back each time. How many commits pass between two new starts depends on
    // how fast this machine syncs a file (a busy disk in CI stretched one gap to 20 MB), so the
    // test counts new starts rather than bounding the size: five of them within 40,000 commits.
    const walSize = () => statSync(`${path}-wal`).size;
    let commits = 0;
    let cutBack = 0;
    for (let last = walSize(); cutBack < 5 && commits < 40_000; commits++) {
      await store.transaction(() => insert.run());
      const size = walSize();
      if (size < last) cutBack++;
      last = size;
    }
    expect(cutBack).toBe(5);
    expect(store.checkpointing).toBe(true);
    expect(store.db.prepare('SELECT count(*) AS n FROM filler').get()).toEqual({ n: commits });
    await store.close();
  });

  it('cut a WAL file that one large unit grew back to the usual length, under a steady stream of commits', async () => {
    const dir = await tempDir();
    const path = join(dir, 'catnap.db');
    const store = new SqliteWorldStore(path);
    // 200 frames of 4 KiB pages are the usual length here: about 0.8 MB.
    store.startMaintenance(undefined, { intervalMs: 10, idleMs: 60_000, busyCommits: 1, restartFrames: 200, tailFrames: 20 });
    await store.transaction(() => store.db.exec('CREATE TABLE filler (x BLOB)'));
    await store.transaction(() =>
      store.db.exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)
           INSERT INTO filler SELECT randomblob(4000) FROM n`),
    );
    const walSize = () => statSync(`${path}-wal`).size;
    expect(walSize()).toBeGreaterThan(12_000_000);
    // The thread never leaves (the world is never quiet for a minute), so only a new start of the
    // WAL can cut the file back.
    const insert = store.db.prepare('INSERT INTO filler VALUES (randomblob(4000))');
    let commits = 0;
    while (walSize() > 2_000_000 && commits < 20_000) {
      await store.transaction(() => insert.run());
      commits++;
    }
    expect(walSize()).toBeLessThanOrEqual(2_000_000);
    expect(store.checkpointing).toBe(true);
    // What is cut back is only the file: every row is there.
    expect(store.db.prepare('SELECT count(*) AS n FROM filler').get()).toEqual({ n: 3000 + commits });
    // Later new starts leave the file at its usual length again.
    expect(store.db.pragma('journal_size_limit', { simple: true })).toBe(-1);
    await store.close();
  });

  it('hand checkpoints back to SQLite for good when the thread dies', async () => {
    const dir = await tempDir();
    const db = openDatabase(join(dir, 'catnap.db'));
    const errors: string[] = [];
    const checkpointer = new Checkpointer(db, (message) => errors.push(message), join(dir, 'no-such-driver.js'));
    checkpointer.start({ intervalMs: 20, idleMs: 300, largeCommitMs: 0 });
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    checkpointer.committed(1);
    expect(checkpointer.running).toBe(true);
    await until(() => !checkpointer.running);
    expect(errors.join()).toMatch(/no-such-driver[\s\S]*SQLite checkpoints inside commits from now on/);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    // No second thread, however busy the world gets.
    for (let i = 0; i < 50; i++) checkpointer.committed(100);
    expect(checkpointer.running).toBe(false);
    await checkpointer.stop();
    db.close();
  });
});
