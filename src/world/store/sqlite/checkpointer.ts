import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { SqliteDatabase } from './database.js';

const require = createRequire(import.meta.url);

/**
 * The checkpoint thread: its own connection, PASSIVE checkpoints on a timer, and an exit of its
 * own once the WAL has held nothing new for `idleMs` (it posts 'idle' first), or on request.
 * Once it has asked the writer to finish a long WAL ('restart') it checkpoints no more until the
 * writer has committed once after that ('resume'). The writer copies the tail itself, and SQLite
 * starts the WAL again only in a commit that began with the whole WAL copied; a checkpoint of this
 * thread's running then held the checkpoint lock, so the writer's came back busy and the WAL went
 * on growing. On a loaded machine a third of the requests failed that way.
 */
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma('busy_timeout = 2000');
let lastLog = -1;
let quietSince = Date.now();
let waitingSince = 0;
const finish = (message) => {
  clearInterval(timer);
  db.close();
  parentPort.postMessage(message);
  parentPort.close();
};
const checkpoint = () => db.pragma('wal_checkpoint(PASSIVE)')[0];
const timer = setInterval(() => {
  // A writer that stays quiet after 'restart' never resumes this thread; it goes on by itself.
  if (waitingSince !== 0 && Date.now() - waitingSince < workerData.resumeAfterMs) return;
  waitingSince = 0;
  try {
    let result = checkpoint();
    const settled = result.log === result.checkpointed && result.log === lastLog;
    lastLog = result.log;
    if (!settled) quietSince = Date.now();
    else if (Date.now() - quietSince >= workerData.idleMs) return finish('idle');
    if (result.log < workerData.restartFrames) return;
    // The WAL is long: catch up with the frames that came in during each pass until few are
    // left (each pass is shorter than the one before), then ask the writer to copy that tail.
    for (let pass = 0; pass < 8; pass++) {
      const before = result.log;
      result = checkpoint();
      if (result.log - before <= workerData.tailFrames) break;
    }
    parentPort.postMessage('restart');
    waitingSince = Date.now();
  } catch (error) {
    parentPort.postMessage({ error: String(error) });
  }
}, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message === 'stop') finish('stopped');
  else if (message === 'resume') waitingSince = 0;
});
`;

/** The header SQLite writes before each page in the WAL. */
const walFrameHeaderBytes = 24;

/** How long the WAL file of the database at `path` is now (0 when there is none). */
function walBytes(path: string): number {
  return statSync(`${path}-wal`, { throwIfNoEntry: false })?.size ?? 0;
}

/** How long the thread waits for the writer's next commit after asking it to finish a long WAL. */
const resumeAfterMs = 1000;

/** SQLite's own automatic checkpoint threshold (pages), restored when checkpoints stop. */
const sqliteAutoCheckpointPages = 1000;

export interface CheckpointTiming {
  /** How often the thread checkpoints. */
  readonly intervalMs: number;
  /** How long the WAL must stay unchanged before the thread leaves. */
  readonly idleMs: number;
  /** Commits within one second that make the world busy enough for the thread (20). */
  readonly busyCommits?: number;
  /** A commit this slow wrote a lot (a world file's apply, say): the thread takes it over (50 ms). */
  readonly largeCommitMs?: number;
  /** Commits since the thread last ran after which it runs again however slowly they came (200). */
  readonly quietCommits?: number;
  /** A WAL this long (frames) is started again from its beginning (16,384: 64 MiB of 4 KiB pages). */
  readonly restartFrames?: number;
  /** How few frames the thread leaves uncopied before it asks the writer to finish (256). */
  readonly tailFrames?: number;
}

/**
 * Keeps WAL checkpoints off the event loop. SQLite's automatic checkpoint runs inside the commit
 * that crosses its threshold, stalling that write, and every event queued behind it, for
 * milliseconds several times a second under load. So the main connection never checkpoints on
 * its own; a worker thread with its own connection does (PASSIVE: it never blocks writers or
 * readers).
 *
 * The thread runs only while there is something to checkpoint: it starts at a busy second
 * (`busyCommits`), after a large commit, or after `quietCommits` commits however slowly they
 * came (which bounds the WAL of a quiet world), and leaves once the WAL has stayed unchanged for
 * `idleMs` (and Catnap then truncates the WAL file). A thread is a V8 isolate of its own, about
 * 12 MB of resident memory that a quiet Catnap no longer pays. Stopping runs a final TRUNCATE
 * checkpoint on the main connection so a clean shutdown leaves an empty WAL.
 */
export class Checkpointer {
  #worker: Worker | undefined;
  #timing: Required<CheckpointTiming> | undefined;
  #windowStart = 0;
  #commitsInWindow = 0;
  #commitsSinceThread = 0;
  /** How long the WAL file usually grows before it starts again: `restartFrames` frames, in bytes. */
  #usualWalBytes = 0;
  /** The journal_size_limit to put back once the WAL's next new start has cut its file back (see `#finishCheckpoint`). */
  #limitAfterCut: number | undefined;
  /** The thread asked for a new start of the WAL and waits for the next commit, which makes it. */
  #restartPending = false;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly onError: (message: string) => void = () => undefined,
    /** The SQLite driver the thread loads (a module path; tests give one that fails). */
    private readonly driver = require.resolve('better-sqlite3'),
  ) {}

  /** Whether the thread is running now. */
  get running(): boolean {
    return this.#worker !== undefined;
  }

  /** Takes checkpoints over from SQLite (file databases only); returns the disposer. */
  start(timing: CheckpointTiming = { intervalMs: 250, idleMs: 30_000 }): () => Promise<void> {
    if (!this.db.memory) {
      this.#timing = { busyCommits: 20, largeCommitMs: 50, quietCommits: 200, restartFrames: 16_384, tailFrames: 256, ...timing };
      this.db.pragma('wal_autocheckpoint = 0');
      const pageBytes = Number(this.db.pragma('page_size', { simple: true }));
      this.#usualWalBytes = this.#timing.restartFrames * (pageBytes + walFrameHeaderBytes);
    }
    return () => this.stop();
  }

  /** Hears every commit of the main connection and how long it took; starts the thread when it is time. */
  committed(durationMs: number): void {
    if (this.#limitAfterCut !== undefined) {
      // That commit started the WAL again (the whole WAL had just been copied), and SQLite cut the
      // file back as it did. Had a reader kept it from starting again, the next new start tries.
      this.db.pragma(`journal_size_limit = ${this.#limitAfterCut}`);
      this.#limitAfterCut = undefined;
    }
    if (this.#restartPending) {
      this.#restartPending = false;
      this.#worker?.postMessage('resume');
    }
    const timing = this.#timing;
    if (!timing || this.#worker) return;
    const now = performance.now();
    if (now - this.#windowStart >= 1000) {
      this.#windowStart = now;
      this.#commitsInWindow = 0;
    }
    this.#commitsInWindow++;
    this.#commitsSinceThread++;
    if (
      this.#commitsInWindow >= timing.busyCommits ||
      durationMs >= timing.largeCommitMs ||
      this.#commitsSinceThread >= timing.quietCommits
    ) {
      this.#spawn(timing);
    }
  }

  #spawn(timing: CheckpointTiming): void {
    const worker = new Worker(workerSource, {
      eval: true,
      workerData: { driver: this.driver, path: this.db.name, resumeAfterMs, ...timing },
    });
    this.#worker = worker;
    this.#commitsSinceThread = 0;
    worker.unref();
    worker.on('message', (message: unknown) => {
      if (message === 'restart') {
        this.#restartPending = true;
        this.#finishCheckpoint();
      } else if (message === 'idle') this.#truncate();
      else if (typeof message === 'object' && message && 'error' in message) this.onError(String((message as { error: unknown }).error));
    });
    let failed = false;
    worker.on('error', (error) => {
      failed = true;
      this.onError(`${error.message}; SQLite checkpoints inside commits from now on`);
    });
    worker.on('exit', () => {
      if (this.#worker !== worker) return;
      this.#worker = undefined;
      // A thread that died would die again at every busy commit: hand checkpoints back to SQLite for good.
      if (failed && this.#timing) {
        this.#timing = undefined;
        if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${sqliteAutoCheckpointPages}`);
      }
    });
  }

  /**
   * Copies the few frames the thread left, on the writer's own connection between two commits,
   * so that the whole WAL is in the database file when the next commit begins: only then does
   * SQLite write the WAL from its beginning again. Under a steady stream of commits the thread's
   * checkpoints never catch up on their own (frames arrive while each one runs), and the WAL
   * grew without end, by 40 MB a second at 2,000 messages a second. It costs the event loop a
   * short copy and the syncs of a complete checkpoint once per `restartFrames`.
   */
  #finishCheckpoint(): void {
    if (!this.#checkpointHere('PASSIVE')) return;
    // A file that one large unit grew to several times the usual length is cut back by the commit
    // that starts the WAL again (which costs that commit about 10 ms, once); one of the usual
    // length is left as it is, so that steady load never pays for it (see `#truncate`).
    const usual = this.#usualWalBytes;
    try {
      if (usual > 0 && this.#limitAfterCut === undefined && walBytes(this.db.name) > 2 * usual) {
        this.#limitAfterCut = Number(this.db.pragma('journal_size_limit', { simple: true }));
        this.db.pragma(`journal_size_limit = ${usual}`);
      }
    } catch (error) {
      this.onError(`cannot measure the WAL file to cut it back: ${(error as Error).message}`);
    }
  }

  /**
   * Cuts the WAL file back to nothing once the thread has left a quiet world. Under load the file
   * keeps its usual length (a little over `restartFrames`): cutting it back each time the WAL
   * starts again would cost the first commit after each new start about 10 ms. Here the thread
   * has copied every frame already, so the checkpoint only truncates.
   */
  #truncate(): void {
    this.#checkpointHere('TRUNCATE');
  }

  /** A checkpoint on the writer's own connection, between two commits; whether it ran. */
  #checkpointHere(mode: 'PASSIVE' | 'TRUNCATE'): boolean {
    if (!this.db.open || this.db.inTransaction) return false;
    try {
      this.db.pragma(`wal_checkpoint(${mode})`);
      return true;
    } catch (error) {
      this.onError(`a checkpoint failed: ${(error as Error).message}`);
      return false;
    }
  }

  async stop(): Promise<void> {
    this.#timing = undefined;
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
      this.db.pragma(`wal_autocheckpoint = ${sqliteAutoCheckpointPages}`);
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    }
  }
}
