import Database from 'better-sqlite3';
import { migrations as allMigrations, type Migration } from '../migrations/index.js';

export type SqliteDatabase = Database.Database;

/**
 * Opens the world database and brings its schema up to date.
 *
 * WAL with synchronous=NORMAL: a committed transaction survives a crash of the process (kill -9),
 * because its pages are already in the WAL file; only a power loss or OS crash can lose the last
 * few commits. See the README's durability section.
 */
export function openDatabase(path: string, migrations: readonly Migration[] = allMigrations): SqliteDatabase {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // 32 MB of page cache (SQLite's default is 2 MB): a world file's hundreds of thousands of rows in one
  // unit otherwise spill pages mid-transaction and read them back. It only grows as it is used.
  db.pragma('cache_size = -32768');
  // No journal_size_limit: SQLite would cut the WAL file back inside the first commit after the WAL
  // starts again from its beginning, about 10 ms of the event loop each time (every 0.75 s at
  // 10,000 messages a second). The Checkpointer cuts the file back when that is worth a stall (after
  // one large unit) and once the world is quiet.
  migrate(db, migrations);
  return db;
}

export function migrate(db: SqliteDatabase, migrations: readonly Migration[]): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT`);
  const applied = new Set((db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((row) => row.version));
  const sorted = [...migrations].sort((a, b) => a.version - b.version);
  for (const migration of sorted) {
    if (applied.has(migration.version)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        migration.version,
        migration.name,
        Math.floor(Date.now() / 1000),
      );
    })();
  }
}
