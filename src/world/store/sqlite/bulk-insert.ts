import type { SqliteDatabase } from './database.js';
import type { UnitJournal, WriteStatement } from './unit-journal.js';

/** Rows per multi-row statement: 100 rows of 18 columns stay far below SQLite's 32,766 parameters. */
const rowsPerStatement = 100;

/**
 * From how many rows, and what share of the table, a bulk insert drops the table's plain
 * indexes and builds them again afterwards. Measured on the 100,000-account world file: filling
 * `members_by_user` and `friendships_by_friend` row by row (keys in random order) costs about
 * 5 µs a row, building them from the finished table about 0.7 µs per row of the table.
 */
const deferIndexesFrom = { rows: 5000, shareOfTable: 1 / 4 };

/**
 * An `INSERT` of many rows at once (a world file's 100,000 accounts, 200,000 members): one
 * prepared statement of `rowsPerStatement` rows runs over the bulk, the remainder row by row, and
 * the values go into one reused parameter array rather than an array or object per row. Both
 * statements come from `journal.write`, so they refuse to run outside a unit of work.
 *
 * A big enough bulk also drops the table's plain (non-unique) indexes first and creates them
 * again from their own SQL afterwards, inside the same unit: they enforce nothing, so nothing
 * can be refused differently, and a unit that rolls back puts them back as they were.
 */
export class BulkInsert<T> {
  readonly #many: WriteStatement;
  readonly #one: WriteStatement;
  readonly #width: number;
  readonly #table: string;
  readonly #count;
  readonly #indexes;

  /**
   * `table` and `columns` are what the statement fills (its owner, the table's repository, names
   * them), and `values` pushes one row's values in the order of `columns`. `keyOrder` compares two
   * rows by the table's primary key: rows that are not in that order are written sorted, since
   * B-tree inserts at random places cost several times more than appends (members of a
   * 3,000-member group come in the file's order).
   */
  constructor(
    private readonly db: SqliteDatabase,
    private readonly journal: UnitJournal,
    table: string,
    columns: readonly string[],
    private readonly values: (row: T, out: unknown[]) => void,
    private readonly keyOrder?: (a: T, b: T) => number,
  ) {
    this.#width = columns.length;
    this.#table = table;
    const head = `INSERT INTO ${table} (${columns.join(', ')})`;
    const tuple = `(${columns.map(() => '?').join(', ')})`;
    this.#many = journal.write(`${head} VALUES ${Array.from({ length: rowsPerStatement }, () => tuple).join(', ')}`);
    this.#one = journal.write(`${head} VALUES ${tuple}`);
    this.#count = db.prepare<[], { count: number }>(`SELECT count(*) AS count FROM ${table}`);
    // Autoindexes (primary keys, UNIQUE columns) have no SQL; unique and partial ones state rules.
    this.#indexes = db.prepare<[string], { name: string; sql: string }>(
      `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL
        AND sql NOT LIKE 'CREATE UNIQUE%' AND sql NOT LIKE '% WHERE %'`,
    );
  }

  run(unordered: readonly T[]): void {
    if (unordered.length === 0) return;
    if (!this.journal.active) throw new Error(`a world write ran outside a unit of work (store.transaction): ${this.#table}`);
    const rows = this.#inKeyOrder(unordered);
    const deferred = this.#deferIndexes(rows.length);
    const params: unknown[] = [];
    let index = 0;
    for (; index + rowsPerStatement <= rows.length; index += rowsPerStatement) {
      params.length = 0;
      for (let i = index; i < index + rowsPerStatement; i++) this.values(rows[i]!, params);
      // An array binds as the positional parameters: no spread of 1,000 arguments.
      this.#many.run(params);
    }
    for (; index < rows.length; index++) {
      params.length = 0;
      this.values(rows[index]!, params);
      if (params.length !== this.#width) throw new Error(`a bulk insert row gave ${params.length} values for ${this.#width} columns`);
      this.#one.run(params);
    }
    for (const { sql } of deferred) this.db.exec(sql);
  }

  #inKeyOrder(rows: readonly T[]): readonly T[] {
    const order = this.keyOrder;
    if (!order || rows.length < 2) return rows;
    for (let i = 1; i < rows.length; i++) {
      if (order(rows[i - 1]!, rows[i]!) > 0) return [...rows].sort(order);
    }
    return rows;
  }

  /** Drops the plain indexes when rebuilding them costs less than filling them row by row; returns them. */
  #deferIndexes(rows: number): { name: string; sql: string }[] {
    if (rows < deferIndexesFrom.rows) return [];
    if (rows < this.#count.get()!.count * deferIndexesFrom.shareOfTable) return [];
    const indexes = this.#indexes.all(this.#table);
    for (const { name } of indexes) this.db.exec(`DROP INDEX "${name.replaceAll('"', '""')}"`);
    return indexes;
  }
}
