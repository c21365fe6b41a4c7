/**
 * A stack of clean-up functions. Everything that starts (a socket, a timer, a listener) registers
 * its disposer here; `dispose()` runs them in reverse order, once, and never throws past a single
 * failing disposer so that one bad resource cannot keep the others open.
 */
export type Disposer = () => void | Promise<void>;

export class Disposables {
  #stack: Disposer[] = [];
  #disposed = false;

  /** Registers a disposer and returns it, so callers can also run it early via `release`. */
  add(disposer: Disposer): Disposer {
    if (this.#disposed) {
      // A resource started after stop() would leak; release it at once instead.
      void Promise.resolve()
        .then(disposer)
        .catch(() => undefined);
      return disposer;
    }
    this.#stack.push(disposer);
    return disposer;
  }

  /** Runs one disposer now and forgets it. */
  async release(disposer: Disposer): Promise<void> {
    const index = this.#stack.lastIndexOf(disposer);
    if (index >= 0) this.#stack.splice(index, 1);
    await disposer();
  }

  get disposed(): boolean {
    return this.#disposed;
  }

  /** Idempotent: the second call resolves immediately. Returns the errors disposers threw. */
  async dispose(): Promise<unknown[]> {
    if (this.#disposed) return [];
    this.#disposed = true;
    const errors: unknown[] = [];
    while (this.#stack.length > 0) {
      const disposer = this.#stack.pop()!;
      try {
        await disposer();
      } catch (error) {
        errors.push(error);
      }
    }
    return errors;
  }
}
