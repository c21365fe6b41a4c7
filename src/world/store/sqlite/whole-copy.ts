import type { SqliteDatabase } from './database.js';

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

/** The schema version a database (file) is at: its highest applied migration. */
export function schemaVersion(db: SqliteDatabase, schema = 'main'): number {
  const row = db.prepare(`SELECT max(version) AS version FROM "${schema}".schema_migrations`).get() as { version: number | null };
  return row.version ?? 0;
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
 * ids handed out afterwards continue from the copy's state). The copy must be at the same schema
 * version. Foreign keys are off while the tables are emptied and refilled (the copy is itself a
 * consistent world) and checked again afterwards.
 */
export function replaceFrom(db: SqliteDatabase, path: string): void {
  db.prepare('ATTACH DATABASE ? AS snapshot').run(path);
  try {
    const ours = schemaVersion(db);
    const theirs = schemaVersion(db, 'snapshot');
    if (ours !== theirs) throw new Error(`the snapshot's schema is version ${theirs}, the world's ${ours}`);
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
