import type { SqliteDatabase } from './database.js';

/** A prepared write statement that refuses to run outside a unit of work. */
export interface WriteStatement {
  run(...params: unknown[]): { changes: number; lastInsertRowid: number | bigint };
}

/**
 * What the SQLite store knows about the unit of work running now, so that two things hold by
 * construction rather than by care:
 *
 * - Every write happens inside a unit: write statements are made by `write()` and throw when run
 *   outside one (a write outside would commit on its own, between other units' checks).
 * - Read-through caches never keep what was not committed: a repository reports each key it
 *   changes, and the key is dropped again if the unit rolls back (a read after the write may
 *   have cached the uncommitted value); if a whole batch fails to commit, every cache is cleared.
 *
 * The WriteBatcher drives it: `begin` before a unit runs, then `released` or `rolledBack`, and
 * `batchFailed` when a commit fails.
 */
export class UnitJournal {
  #active = false;
  #undo: (() => void)[] = [];
  readonly #resets: (() => void)[] = [];

  constructor(private readonly db: SqliteDatabase) {}

  /** Whether a unit of work is running now. */
  get active(): boolean {
    return this.#active;
  }

  /** Prepares a write statement; running it outside a unit of work is a programming error. */
  write(sql: string): WriteStatement {
    const statement = this.db.prepare(sql);
    return {
      run: (...params: unknown[]) => {
        if (!this.#active) throw new Error(`a world write ran outside a unit of work (store.transaction): ${sql.slice(0, 60)}`);
        return statement.run(...params);
      },
    };
  }

  /** Runs `forget` if the current unit rolls back. */
  onRollback(forget: () => void): void {
    this.#undo.push(forget);
  }

  /** Registers how to clear a cache when a batch fails to commit (or a restore replaced every table: `forgetAll`). */
  onBatchFailed(reset: () => void): void {
    this.#resets.push(reset);
  }

  begin(): void {
    this.#active = true;
    this.#undo = [];
  }

  released(): void {
    this.#active = false;
    this.#undo = [];
  }

  rolledBack(): void {
    this.#active = false;
    for (const forget of this.#undo) forget();
    this.#undo = [];
  }

  batchFailed(): void {
    this.#active = false;
    this.#undo = [];
    this.forgetAll();
  }

  /** Clears every cache (after a batch fails, or after a snapshot replaced every table). */
  forgetAll(): void {
    for (const reset of this.#resets) reset();
  }
}

/**
 * A read-through cache owned by one repository (the only code that writes its table). Reads
 * `remember` what the database returned; writes call `changed` (or `replace`) for every key they
 * touch, which keeps the cache equal to the committed state whatever the unit's outcome.
 */
export class UnitCache<K, V> {
  readonly #values = new Map<K, V>();

  /** `limit`: past it, the entries put in first are let go (forgetting is always safe: a miss reads the table). */
  constructor(
    private readonly journal: UnitJournal,
    private readonly limit = Number.POSITIVE_INFINITY,
  ) {
    journal.onBatchFailed(() => this.#values.clear());
  }

  get(key: K): V | undefined {
    return this.#values.get(key);
  }

  remember(key: K, value: V): V {
    this.#set(key, value);
    return value;
  }

  /** The unit changed what `key` maps to: forget it now, and again if the unit rolls back. */
  changed(key: K): void {
    this.#values.delete(key);
    this.journal.onRollback(() => this.#values.delete(key));
  }

  /** `replace` for many keys, with one rollback entry rather than one per key. */
  replaceMany(entries: Iterable<readonly [K, V]>): void {
    const keys: K[] = [];
    for (const [key, value] of entries) {
      this.#set(key, value);
      keys.push(key);
    }
    this.journal.onRollback(() => keys.forEach((key) => this.#values.delete(key)));
  }

  /** The unit wrote `value` for `key` (write-through); forgotten if the unit rolls back. */
  replace(key: K, value: V): void {
    this.#set(key, value);
    this.journal.onRollback(() => this.#values.delete(key));
  }

  #set(key: K, value: V): void {
    this.#values.set(key, value);
    if (this.#values.size > this.limit) this.#values.delete(this.#values.keys().next().value as K);
  }
}

/**
 * A UnitCache keyed by a pair of numbers (a group and a member, say), held as a map of maps: a
 * key built as a string (`${group}/${user}`) was a new string to hash on every lookup, and a
 * send looks up its sender's member record several times.
 */
export class UnitPairCache<V> {
  readonly #values = new Map<number, Map<number, V>>();

  constructor(private readonly journal: UnitJournal) {
    journal.onBatchFailed(() => this.#values.clear());
  }

  get(first: number, second: number): V | undefined {
    return this.#values.get(first)?.get(second);
  }

  remember(first: number, second: number, value: V): V {
    this.#inner(first).set(second, value);
    return value;
  }

  /** The unit changed what the pair maps to: forget it now, and again if the unit rolls back. */
  changed(first: number, second: number): void {
    this.#forget(first, second);
    this.journal.onRollback(() => this.#forget(first, second));
  }

  /** The unit wrote `value` for the pair (write-through); forgotten if the unit rolls back. */
  replace(first: number, second: number, value: V): void {
    this.#inner(first).set(second, value);
    this.journal.onRollback(() => this.#forget(first, second));
  }

  #inner(first: number): Map<number, V> {
    let inner = this.#values.get(first);
    if (!inner) this.#values.set(first, (inner = new Map()));
    return inner;
  }

  #forget(first: number, second: number): void {
    const inner = this.#values.get(first);
    if (inner?.delete(second) && inner.size === 0) this.#values.delete(first);
  }
}
