/**
 * A FIFO queue of calls for one account, for `_async` and `_rate_limited` actions. Jobs run one
 * at a time; with an interval, each job starts at least `intervalMs` after the previous one
 * started (OneBot's rate_limit_interval). The queue is bounded: `push` returns false when full.
 */
export class ActionQueue {
  #jobs: (() => Promise<void>)[] = [];
  #running = false;
  #timer: NodeJS.Timeout | undefined;
  #lastStart = 0;
  #closed = false;
  #idleWaiters: (() => void)[] = [];

  constructor(
    private readonly intervalMs: number,
    private readonly limit: number,
  ) {}

  get size(): number {
    return this.#jobs.length + (this.#running ? 1 : 0);
  }

  push(job: () => Promise<void>): boolean {
    if (this.#closed || this.#jobs.length >= this.limit) return false;
    this.#jobs.push(job);
    this.#pump();
    return true;
  }

  /** Resolves when every queued job has finished (tests, clean shutdown). */
  idle(): Promise<void> {
    if (this.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  /** Drops waiting jobs and stops the timer; a running job finishes on its own. */
  close(): void {
    this.#closed = true;
    this.#jobs = [];
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#notifyIdle();
  }

  #pump(): void {
    if (this.#running || this.#timer || this.#jobs.length === 0) return;
    const wait = this.#lastStart + this.intervalMs - Date.now();
    if (this.intervalMs > 0 && wait > 0) {
      this.#timer = setTimeout(() => {
        this.#timer = undefined;
        this.#pump();
      }, wait);
      return;
    }
    const job = this.#jobs.shift()!;
    this.#running = true;
    this.#lastStart = Date.now();
    void job()
      .catch(() => undefined)
      .finally(() => {
        this.#running = false;
        if (this.#jobs.length === 0) this.#notifyIdle();
        else this.#pump();
      });
  }

  #notifyIdle(): void {
    if (this.size !== 0) return;
    const waiters = this.#idleWaiters;
    this.#idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
