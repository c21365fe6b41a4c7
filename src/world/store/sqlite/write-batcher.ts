import type { SqliteDatabase } from './database.js';
import type { UnitJournal } from './unit-journal.js';

/** How one unit of a batch ended: its value, or what it threw. */
interface Outcome {
  readonly ok: boolean;
  readonly value: unknown;
}

interface Job {
  readonly work: () => unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit of units of work. Units queued during one turn of the event loop run in a single
 * SQLite transaction at the end of that turn (setImmediate), one after the other, each inside
 * its own savepoint: a unit that throws rolls back alone and the others still commit. Every
 * promise settles only after the commit, so an acknowledged change is on disk (in the WAL)
 * before anyone hears of it, and a unit's events (sent by the caller once its promise resolves)
 * never announce something that could still be rolled back.
 *
 * Units are synchronous closures, so one runs from its first check to its last write with
 * nothing in between: they are serial by construction, whatever arrives concurrently.
 *
 * Under load (many sends arriving together) this turns N commits into one, which is most of the
 * cost of a small write; an idle server pays only the wait for the current turn to end. The
 * savepoints go through `exec`, which allocates nothing: a prepared statement's `run` leaves
 * most of a kilobyte of garbage each time, and two per unit were a tenth of a send's.
 */
export class WriteBatcher {
  #pending: Job[] = [];
  #scheduled: NodeJS.Immediate | undefined;
  /**
   * One batch's transaction, made once: better-sqlite3 builds four wrapper functions and defines
   * their properties on every `db.transaction()` call, and one made at every flush was 1% of the
   * main thread under a send load.
   */
  readonly #runBatch: (jobs: readonly Job[], outcomes: Outcome[]) => void;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly journal: UnitJournal,
    /** Hears each commit and how long its transaction took (the checkpointer watches them). */
    private readonly onCommit: (durationMs: number) => void = () => undefined,
  ) {
    this.#runBatch = db.transaction((jobs: readonly Job[], outcomes: Outcome[]) => {
      for (const job of jobs) {
        this.db.exec('SAVEPOINT unit_of_work');
        this.journal.begin();
        try {
          const value = job.work();
          this.db.exec('RELEASE unit_of_work');
          this.journal.released();
          outcomes.push({ ok: true, value });
        } catch (error) {
          this.db.exec('ROLLBACK TO unit_of_work');
          this.db.exec('RELEASE unit_of_work');
          this.journal.rolledBack();
          outcomes.push({ ok: false, value: error });
        }
      }
    });
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
    const outcomes: Outcome[] = [];
    const started = performance.now();
    try {
      this.#runBatch(jobs, outcomes);
    } catch (error) {
      this.journal.batchFailed();
      for (const job of jobs) job.reject(error);
      return;
    }
    this.onCommit(performance.now() - started);
    jobs.forEach((job, index) => {
      const outcome = outcomes[index]!;
      if (outcome.ok) job.resolve(outcome.value);
      else job.reject(outcome.value);
    });
  }
}
