import Database from 'better-sqlite3';
import { WorldError } from '../../errors.js';
import { migrations } from '../migrations/index.js';
import { migrate, type SqliteDatabase } from './database.js';

/**
 * Whole-world copies for snapshots. A copy is a complete SQLite database file made by
 * `VACUUM INTO` (consistent, compact, readable by any SQLite tool); `replaceFrom` puts such a
 * copy's rows back into the live database in one transaction, so the connection, its prepared
 * statements and everyone holding them carry on. This is the one writer of every table at once:
 * the store clears every repository cache right after it (see `SqliteWorldStore.restoreCopy`).
 */
export function copyInto(db: SqliteDatabase, path: string): void {
  db.prepare('VACUUM INTO ?').run(path);
}

/** Every migration a database (file) has applied. */
function appliedVersions(db: SqliteDatabase, schema = 'main'): Set<number> {
  return new Set(db.prepare(`SELECT version FROM "${schema}".schema_migrations`).pluck().all() as number[]);
}

/**
 * Brings a copy saved by an earlier Catnap to the live database's schema, in place, by the same
 * migrations the live database went through when that Catnap was upgraded (snapshots survive
 * restarts, and so upgrades). Comparing the highest version is not enough: versions are taken per
 * area, so a migration with a lower number can ship after a higher one (024 after 060), and a
 * copy from between them has the same highest version and lacks a column. A copy with a migration
 * the live database does not know comes from a later Catnap and cannot be put back.
 */
function upgradeCopy(db: SqliteDatabase, path: string): void {
  const ours = appliedVersions(db);
  const copy = new Database(path, { fileMustExist: true });
  try {
    const unknown = [...appliedVersions(copy)].filter((version) => !ours.has(version));
    if (unknown.length > 0) {
      throw new WorldError(
        'CONFLICT',
        `the snapshot was saved by a later Catnap (schema migrations ${unknown.sort((a, b) => a - b).join(', ')}, which this one does not have)`,
      );
    }
    migrate(
      copy,
      migrations.filter((migration) => ours.has(migration.version)),
    );
  } finally {
    copy.close();
  }
}

/** The tables whose rows make the world (SQLite's own and the migration ledger excepted). */
function worldTables(db: SqliteDatabase): string[] {
  const rows = db
    .prepare(
      "SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name <> 'schema_migrations'",
    )
    .all() as { name: string }[];
  return rows.map((row) => row.name);
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Replaces every row of the live database with the copy's, AUTOINCREMENT counters included (so
 * ids handed out afterwards continue from the copy's state). A copy saved at an earlier schema is
 * upgraded first (`upgradeCopy`). Foreign keys are off while the tables are emptied and refilled
 * (the copy is itself a consistent world) and checked again afterwards.
 */
export function replaceFrom(db: SqliteDatabase, path: string): void {
  upgradeCopy(db, path);
  db.prepare('ATTACH DATABASE ? AS snapshot').run(path);
  try {
    const ours = appliedVersions(db);
    const theirs = appliedVersions(db, 'snapshot');
    if (ours.size !== theirs.size || [...ours].some((version) => !theirs.has(version))) {
      throw new Error('the snapshot is not at the schema of the world, even after upgrading it');
    }
    db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        for (const table of worldTables(db)) {
          const columns = (db.prepare(`PRAGMA main.table_info(${quote(table)})`).all() as { name: string }[])
            .map((c) => quote(c.name))
            .join(', ');
          const target = `main.${quote(table)}`;
          db.prepare(`DELETE FROM ${target}`).run();
          db.prepare(`INSERT INTO ${target} (${columns}) SELECT ${columns} FROM snapshot.${quote(table)}`).run();
        }
        const hasSequences = db.prepare("SELECT 1 FROM snapshot.sqlite_master WHERE name = 'sqlite_sequence'").get();
        const sequences = 'main.sqlite_sequence';
        db.prepare(`DELETE FROM ${sequences}`).run();
        if (hasSequences) db.prepare(`INSERT INTO ${sequences} (name, seq) SELECT name, seq FROM snapshot.sqlite_sequence`).run();
        const broken = db.pragma('main.foreign_key_check') as unknown[];
        if (broken.length > 0) throw new Error(`the snapshot breaks ${broken.length} foreign keys`);
      })();
    } finally {
      db.pragma('foreign_keys = ON');
    }
  } finally {
    db.prepare('DETACH DATABASE snapshot').run();
  }
}
