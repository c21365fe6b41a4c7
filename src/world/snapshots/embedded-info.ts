import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';

/**
 * A snapshot's own facts (its clock, its random source, when it was taken) kept inside its
 * database copy, in a table of one row, rather than in a second file beside it. The copy is
 * written in full, this table included, before one rename puts it in place, so a snapshot is
 * replaced whole or not at all: with a sidecar, a crash between the two renames paired the new
 * copy with the old clock and random state, and a restore brought that pair back without a word.
 *
 * The restore leaves the table behind: it refills the tables the live world has, and the live
 * world has no such table.
 */
const table = 'catnap_snapshot';

/**
 * What a copy holds of its snapshot's facts: their JSON, none (a copy an earlier Catnap saved,
 * whose facts are in its sidecar), why it cannot be read, or no copy at all (deleted meanwhile).
 */
export type EmbeddedInfo =
  | { readonly kind: 'info'; readonly json: string }
  | { readonly kind: 'none' }
  | { readonly kind: 'unreadable'; readonly reason: string }
  | { readonly kind: 'missing' };

/** Writes `json` into the copy at `path` (not yet in place): one synchronous transaction, complete or absent. */
export function embedInfo(path: string, json: string): void {
  const db = new Database(path, { fileMustExist: true });
  try {
    db.transaction(() => {
      db.prepare(`CREATE TABLE ${table} (info TEXT NOT NULL)`).run();
      db.prepare(`INSERT INTO ${table} (info) VALUES (?)`).run(json);
    })();
  } finally {
    db.close();
  }
}

/** Reads the facts the copy at `path` holds; a file that is no SQLite database, or a table not of one row, is unreadable. */
export function readEmbeddedInfo(path: string): EmbeddedInfo {
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    const found = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table);
    if (!found) return { kind: 'none' };
    const rows = db.prepare(`SELECT info FROM ${table}`).pluck().all();
    if (rows.length !== 1 || typeof rows[0] !== 'string') {
      return { kind: 'unreadable', reason: `its ${table} table holds ${rows.length} rows, not the one of text a save writes` };
    }
    return { kind: 'info', json: rows[0] };
  } catch (error) {
    // A listing is not queued behind deletes: the copy may have gone since it was listed.
    if (!existsSync(path)) return { kind: 'missing' };
    // A file cut short or not a database at all fails on its first read (SQLITE_NOTADB, SQLITE_CORRUPT).
    return { kind: 'unreadable', reason: (error as Error).message };
  } finally {
    db?.close();
  }
}
