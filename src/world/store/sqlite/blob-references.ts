import Database from 'better-sqlite3';
import { blobColumns } from '../blob-columns.js';
import type { SqliteDatabase } from './database.js';

const blobIdPattern = /^[0-9a-f]{64}$/;
const embeddedIdPattern = /[0-9a-f]{64}/g;
const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * The query that reads an embedded column, narrowed to the rows containing `hint` when there is
 * one. The hint is a literal: a partial index on this very condition (migration 051 for the
 * messages) serves only a query that spells it the same way, never one with a parameter.
 */
export function embeddedColumnQuery(table: string, column: string, hint?: string): string {
  const read = `SELECT ${quote(column)} FROM ${quote(table)}`;
  return hint === undefined ? read : `${read} WHERE instr(${quote(column)}, '${hint.replaceAll("'", "''")}') > 0`;
}

/**
 * Adds to `into` every blob id the database names in the columns of `blobColumns`. A table or
 * column the database does not have (a snapshot taken before the migration that added it) names
 * nothing. Synchronous, so no unit of work commits in the middle of it.
 */
export function collectBlobReferences(db: SqliteDatabase, into: Set<string>): void {
  const columnsOf = new Map<string, Set<string>>();
  const present = (table: string, column: string): boolean => {
    let columns = columnsOf.get(table);
    if (!columns) {
      const rows = db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[];
      columnsOf.set(table, (columns = new Set(rows.map((row) => row.name))));
    }
    return columns.has(column);
  };
  for (const { table, column, kind, hint } of blobColumns) {
    if (!present(table, column)) continue;
    const values = db
      .prepare(kind === 'id' ? `SELECT DISTINCT ${quote(column)} FROM ${quote(table)}` : embeddedColumnQuery(table, column, hint))
      .pluck()
      .iterate();
    for (const value of values) {
      if (typeof value !== 'string') continue;
      if (kind === 'id') {
        if (blobIdPattern.test(value)) into.add(value);
      } else {
        for (const match of value.matchAll(embeddedIdPattern)) into.add(match[0]);
      }
    }
  }
}

/** The same for a database file (a snapshot), opened read-only for the length of the call. */
export function collectBlobReferencesOf(path: string, into: Set<string>): void {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    collectBlobReferences(db, into);
  } finally {
    db.close();
  }
}
