import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { SqliteDatabase } from './database.js';

const require = createRequire(import.meta.url);

/** The checkpoint thread: its own connection, PASSIVE checkpoints on a timer, stop on request. */
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma('busy_timeout = 2000');
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (error) { parentPort.postMessage({ error: String(error) }); }
}, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort.postMessage('stopped');
});
`;

/**
 * Moves WAL checkpoints off the event loop. SQLite's automatic checkpoint runs inside the commit
 * that crosses its threshold, stalling that write, and every event queued behind it, for
 * milliseconds several times a second under load. Here a worker thread with its own connection
 * checkpoints (PASSIVE: it never blocks writers or readers), and the main connection's automatic
 * checkpoints are turned off while the thread runs. Stopping runs a final TRUNCATE checkpoint on
 * the main connection so a clean shutdown leaves an empty WAL.
 */
export class Checkpointer {
  #worker: Worker | undefined;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly onError: (message: string) => void = () => undefined,
  ) {}

  /** Starts the thread (file databases only); returns the disposer. */
  start(intervalMs = 250): () => Promise<void> {
    if (!this.#worker && !this.db.memory) {
      this.#worker = new Worker(workerSource, {
        eval: true,
        workerData: { driver: require.resolve('better-sqlite3'), path: this.db.name, intervalMs },
      });
      this.#worker.unref();
      this.#worker.on('message', (message: unknown) => {
        if (typeof message === 'object' && message && 'error' in message) this.onError(String((message as { error: unknown }).error));
      });
      this.#worker.on('error', (error) => this.onError(error.message));
      this.db.pragma('wal_autocheckpoint = 0');
    }
    return () => this.stop();
  }

  async stop(): Promise<void> {
    const worker = this.#worker;
    this.#worker = undefined;
    if (worker) {
      const stopped = new Promise<void>((resolve) => {
        worker.once('message', () => resolve());
        worker.once('exit', () => resolve());
      });
      worker.postMessage('stop');
      await Promise.race([stopped, new Promise((resolve) => setTimeout(resolve, 2000))]);
      await worker.terminate();
    }
    if (this.db.open) {
      this.db.pragma('wal_autocheckpoint = 1000');
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    }
  }
}
