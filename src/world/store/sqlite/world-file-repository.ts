import type { WorldFileRepository } from '../store.js';
import type { SqliteDatabase } from './database.js';
import type { UnitJournal, WriteStatement } from './unit-journal.js';

/** The one-row table `world_file_applied` (migration 050). */
export class SqliteWorldFileRepository implements WorldFileRepository {
  readonly #last;
  readonly #record: WriteStatement;
  constructor(db: SqliteDatabase, journal: UnitJournal) {
    this.#last = db.prepare<[], { digest: string }>('SELECT digest FROM world_file_applied WHERE slot = 1');
    this.#record = journal.write(`INSERT INTO world_file_applied (slot, digest, applied_at) VALUES (1, ?, ?)
      ON CONFLICT (slot) DO UPDATE SET digest = excluded.digest, applied_at = excluded.applied_at`);
  }

  lastDigest(): string | undefined {
    return this.#last.get()?.digest;
  }

  recordDigest(digest: string, time: number): void {
    this.#record.run(digest, time);
  }
}
