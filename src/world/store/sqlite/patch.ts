import type { UnitJournal, WriteStatement } from './unit-journal.js';

/**
 * Builds and caches `UPDATE ... SET` statements for partial updates. `columns` maps each patchable
 * camelCase field to its column and a converter to the stored value; a field missing from the
 * map is a programming error and throws.
 */
export type ColumnMap<T> = { [K in keyof T]?: [column: string, toDb?: (value: T[K]) => unknown] };

export class PatchUpdater<T extends object> {
  #cache = new Map<string, WriteStatement>();
  constructor(
    private readonly journal: UnitJournal,
    private readonly table: string,
    private readonly where: string,
    private readonly columns: ColumnMap<T>,
  ) {}

  /** Runs the update; returns the number of changed rows. */
  run(patch: Partial<T>, keys: readonly unknown[]): number {
    const fields = (Object.keys(patch) as (keyof T & string)[]).filter((field) => patch[field] !== undefined);
    if (fields.length === 0) return 0;
    const cacheKey = fields.join(',');
    let statement = this.#cache.get(cacheKey);
    if (!statement) {
      const sets = fields.map((field) => {
        const entry = this.columns[field];
        if (!entry) throw new Error(`${this.table}: field ${field} cannot be updated`);
        return `${entry[0]} = ?`;
      });
      statement = this.journal.write(`UPDATE ${this.table} SET ${sets.join(', ')} WHERE ${this.where}`);
      this.#cache.set(cacheKey, statement);
    }
    const values = fields.map((field) => {
      const [, toDb] = this.columns[field]!;
      const value = patch[field] as T[typeof field];
      return toDb ? toDb(value) : value;
    });
    return statement.run(...values, ...keys).changes;
  }
}

export const bool = (value: boolean | undefined): number => (value ? 1 : 0);
