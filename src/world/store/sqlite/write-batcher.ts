import type { SqliteDatabase } from './database.js';

interface Job {
  readonly work: () => unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit for hot writes. Work queued during one turn of the event loop runs in a single
 * SQLite transaction at the end of that turn (setImmediate), each piece inside its own savepoint,
 * so one failing piece rolls back alone and the others still commit. Every promise settles only
 * after the commit: an acknowledged write is on disk (in the WAL) before anyone hears of it.
 *
 * Under load (many sends arriving together) this turns N commits into one, which is most of the
 * cost of a small write; an idle server pays only the wait for the current turn to end.
 */
export class WriteBatcher {
  #pending: Job[] = [];
  #scheduled: NodeJS.Immediate | undefined;
  readonly #savepoint;
  readonly #release;
  readonly #rollbackTo;
  readonly #rollbackListeners: (() => void)[] = [];

  constructor(private readonly db: SqliteDatabase) {
    this.#savepoint = db.prepare('SAVEPOINT batched_write');
    this.#release = db.prepare('RELEASE batched_write');
    this.#rollbackTo = db.prepare('ROLLBACK TO batched_write');
  }

  /** Called when a whole batch failed to commit, so callers can drop state derived from it. */
  onRollback(listener: () => void): void {
    this.#rollbackListeners.push(listener);
  }

  run<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#pending.push({ work, resolve: resolve as (value: unknown) => void, reject });
      this.#scheduled ??= setImmediate(() => this.flush());
    });
  }

  /** Commits everything queued now (before closing the database, say). */
  flush(): void {
    if (this.#scheduled) clearImmediate(this.#scheduled);
    this.#scheduled = undefined;
    const jobs = this.#pending;
    this.#pending = [];
    if (jobs.length === 0) return;
    const outcomes: { ok: boolean; value: unknown }[] = [];
    try {
      this.db.transaction(() => {
        for (const job of jobs) {
          this.#savepoint.run();
          try {
            outcomes.push({ ok: true, value: job.work() });
          } catch (error) {
            this.#rollbackTo.run();
            outcomes.push({ ok: false, value: error });
          }
          this.#release.run();
        }
      })();
    } catch (error) {
      for (const listener of this.#rollbackListeners) listener();
      for (const job of jobs) job.reject(error);
      return;
    }
    jobs.forEach((job, index) => {
      const outcome = outcomes[index]!;
      if (outcome.ok) job.resolve(outcome.value);
      else job.reject(outcome.value);
    });
  }
}
