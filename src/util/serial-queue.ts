/**
 * Runs tasks one after another, in the order they were handed in: for work on one shared thing (a
 * file, an account's adapters, a native engine) that must not interleave across awaits. A task's
 * failure is its caller's to hear; the tasks after it run all the same.
 */
export class SerialQueue {
  #tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#tail.then(task);
    this.#tail = run.catch(() => undefined);
    return run;
  }

  /** Settles (never rejects) once every task handed in so far has settled. */
  async idle(): Promise<void> {
    await this.#tail;
  }
}

/** A `SerialQueue` per key (one account's config file, say); a key's queue is let go once it is idle. */
export class KeyedSerialQueue<K> {
  readonly #queues = new Map<K, { readonly queue: SerialQueue; pending: number }>();

  run<T>(key: K, task: () => Promise<T>): Promise<T> {
    let entry = this.#queues.get(key);
    if (!entry) this.#queues.set(key, (entry = { queue: new SerialQueue(), pending: 0 }));
    const held = entry;
    held.pending++;
    const run = held.queue.run(task);
    const release = () => {
      if (--held.pending === 0 && this.#queues.get(key) === held) this.#queues.delete(key);
    };
    run.then(release, release);
    return run;
  }

  /** How many keys have tasks pending now (tests). */
  get busyKeys(): number {
    return this.#queues.size;
  }
}
