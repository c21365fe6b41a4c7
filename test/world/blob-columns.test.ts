import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { blobColumns } from '../../src/world/store/blob-columns.js';
import { migrate } from '../../src/world/store/sqlite/database.js';
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
});
