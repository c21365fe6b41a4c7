import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { blobColumns } from '../../src/world/store/blob-columns.js';
import { embeddedColumnQuery } from '../../src/world/store/sqlite/blob-references.js';
import { migrate } from '../../src/world/store/sqlite/database.js';
import { copyInto, replaceFrom } from '../../src/world/store/sqlite/whole-copy.js';
import { migrations, type Migration } from '../../src/world/store/migrations/index.js';

/** Every `table.column` of a database migrated by `list`. */
function columnsAfter(list: readonly Migration[]): string[] {
  const db = new Database(':memory:');
  migrate(db, list);
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")
    .pluck()
    .all() as string[];
  const columns = tables.flatMap((table) =>
    (db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(table) as string[]).map((column) => `${table}.${column}`),
  );
  db.close();
  return columns;
}

/** Columns whose name says they hold a blob (or an avatar, which is one) that `blobColumns` does not list. */
function unknownBlobColumns(list: readonly Migration[]): string[] {
  const known = new Set(blobColumns.map(({ table, column }) => `${table}.${column}`));
  return columnsAfter(list).filter((name) => /blob|avatar/i.test(name.split('.')[1]!) && !known.has(name));
}

describe('the columns that name blobs', () => {
  it('are all in blobColumns, which the blob sweep keeps', () => {
    expect(unknownBlobColumns(migrations)).toEqual([]);
  });

  it('fail the check when a migration adds a blob column blobColumns does not know', () => {
    const added: Migration = {
      version: 999,
      name: 'stickers',
      sql: 'CREATE TABLE stickers (id INTEGER PRIMARY KEY, blob_id TEXT NOT NULL) STRICT',
    };
    expect(unknownBlobColumns([...migrations, added])).toEqual(['stickers.blob_id']);
  });

  it('name only columns the schema has', () => {
    const columns = new Set(columnsAfter(migrations));
    expect(blobColumns.filter(({ table, column }) => !columns.has(`${table}.${column}`))).toEqual([]);
  });

  it('find the messages that carry media through an index, not by reading every message', () => {
    const db = new Database(':memory:');
    migrate(db, migrations);
    const elements = blobColumns.find(({ table, column }) => table === 'messages' && column === 'elements')!;
    const query = embeddedColumnQuery(elements.table, elements.column, elements.hint);
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${query}`).all() as { detail: string }[]).map((step) => step.detail);
    expect(plan).toEqual(['SCAN messages USING INDEX messages_with_media']);
    // The index holds exactly the messages whose elements carry a MediaRef.
    const insert = db.prepare("INSERT INTO messages (conv, seq, time, sender_id, elements, random) VALUES ('g:1', ?, 1, 2, ?, 3)");
    insert.run(1, JSON.stringify([{ type: 'text', text: 'no media' }]));
    insert.run(2, JSON.stringify([{ type: 'image', ref: { blobId: 'a'.repeat(64), name: 'a.png', size: 1, mime: 'image/png' } }]));
    expect(db.prepare(query).pluck().all()).toHaveLength(1);
    expect(
      db.prepare('SELECT count(*) FROM messages INDEXED BY messages_with_media WHERE instr(elements, \'"blobId"\') > 0').pluck().get(),
    ).toBe(1);
    db.close();
  });

  it('give a world from before the media index that index, and still restore its snapshots', () => {
    const dir = mkdtempSync(join(tmpdir(), 'catnap-media-index-'));
    const before = migrations.filter((migration) => migration.version !== 51);
    const db = new Database(join(dir, 'world.db'));
    migrate(db, before);
    db.prepare("INSERT INTO messages (conv, seq, time, sender_id, elements, random) VALUES ('g:1', 1, 1, 2, '[]', 3)").run();
    const snapshot = join(dir, 'before.db');
    copyInto(db, snapshot);
    // The next start migrates: the index arrives, and a snapshot saved before it restores.
    migrate(db, migrations);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'messages_with_media'").pluck().get()).toBe(1);
    db.prepare('DELETE FROM messages').run();
    replaceFrom(db, snapshot);
    expect(db.prepare('SELECT count(*) FROM messages').pluck().get()).toBe(1);
    db.close();
  });
});
