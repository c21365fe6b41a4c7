/**
 * Subscribers grouped by a key (an account's uin): the event hubs of both protocols hand each
 * account's events to that account's subscribers only, and skip accounts nobody listens for.
 */
export class KeyedSinks<T> {
  readonly #sinks = new Map<number, Set<(value: T) => void>>();

  /** Adds a subscriber for `key`; returns the unsubscriber. */
  add(key: number, sink: (value: T) => void): () => void {
    let sinks = this.#sinks.get(key);
    if (!sinks) {
      sinks = new Set();
      this.#sinks.set(key, sinks);
    }
    sinks.add(sink);
    return () => {
      sinks.delete(sink);
      if (sinks.size === 0) this.#sinks.delete(key);
    };
  }

  has(key: number): boolean {
    return this.#sinks.has(key);
  }

  /** The subscribers of `key` (none when nobody listens). */
  of(key: number): Iterable<(value: T) => void> {
    return this.#sinks.get(key) ?? [];
  }

  /**
   * The keys of `audience` that have subscribers, in the audience's order. A group message's
   * audience is every member (up to 3,000) while a handful of bots listen, so the short list of
   * subscribed keys is checked against the audience rather than the audience against it.
   */
  among(audience: readonly number[]): readonly number[] {
    if (this.#sinks.size * 8 >= audience.length) return audience.filter((key) => this.#sinks.has(key));
    const found: number[] = [];
    for (const key of this.#sinks.keys()) if (audience.includes(key)) found.push(key);
    return found.length > 1 ? found.sort((a, b) => audience.indexOf(a) - audience.indexOf(b)) : found;
  }

  /** How many keys have subscribers. */
  get size(): number {
    return this.#sinks.size;
  }
}
