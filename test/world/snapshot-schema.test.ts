import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WorldError } from '../../src/world/errors.js';
import { migrate } from '../../src/world/store/sqlite/database.js';
import { migrations } from '../../src/world/store/migrations/index.js';
import { memoryWorld } from '../helpers/world.js';

/** A snapshot as an earlier (or later) Catnap saved it: a database migrated by `list`, holding one account. */
function copyAt(list: readonly { version: number; name: string; sql: string }[]): string {
  const path = join(mkdtempSync(join(tmpdir(), 'catnap-old-snapshot-')), 'old.db');
  const db = new Database(path);
  migrate(db, list);
  db.prepare("INSERT INTO accounts (user_id, nickname, reg_time, created_at) VALUES (20001, 'Saved', 1, 1)").run();
  db.close();
  return path;
}

/** A world with an account the snapshot does not have. */
async function liveStore() {
  const { world } = await memoryWorld();
  await world.accounts.create({ userId: 20002, nickname: 'Later' });
  return world.store;
}

describe('restoring a snapshot an earlier Catnap saved', () => {
  it('upgrades it first, even when it lacks a migration numbered below its highest (024 shipped after 060)', async () => {
    const store = await liveStore();
    const path = copyAt(migrations.filter((migration) => migration.version !== 24));
    store.restoreCopy(path);
    expect(store.accounts.list().map((account) => account.nickname)).toEqual(['Saved']);
    await store.close();
  });

  it('upgrades one from before the latest migration', async () => {
    const store = await liveStore();
    const latest = Math.max(...migrations.map((migration) => migration.version));
    store.restoreCopy(copyAt(migrations.filter((migration) => migration.version !== latest)));
    expect(store.accounts.list().map((account) => account.nickname)).toEqual(['Saved']);
    expect(store.faults.list()).toEqual([]);
    await store.close();
  });

  it('refuses one a later Catnap saved, with a CONFLICT naming what it lacks, and keeps the world', async () => {
    const store = await liveStore();
    const later = { version: 999, name: 'from the future', sql: 'CREATE TABLE future (id INTEGER PRIMARY KEY)' };
    const error = (() => {
      try {
        store.restoreCopy(copyAt([...migrations, later]));
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toBeInstanceOf(WorldError);
    expect(error).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('migrations 999') });
    expect(store.accounts.list().map((account) => account.nickname)).toEqual(['Later']);
    await store.close();
  });
});
