import type { Counter } from 'prom-client';

/**
 * The counts of a hot Counter (one or more increments for every message), kept in a plain Map by
 * label values and handed to prom-client only when the counter is read (a scrape, `get()`), from
 * its `collect`. prom-client sorts and hashes the labels of every `inc`, and a label set's child
 * does it again on each call; across the send path's counters that was a few per cent of a
 * message's CPU. Totals only grow, as a Counter's do.
 */
export class Tally<Names extends readonly string[]> {
  readonly #counts = new Map<string, { readonly labels: Record<string, string>; value: number }>();

  constructor(private readonly labelNames: Names) {}

  /** One more for these label values, in the order of the label names. */
  add(...values: { [I in keyof Names]: string }): void {
    const key = values.length === 1 ? values[0]! : values.join('\u0000');
    const entry = this.#counts.get(key);
    if (entry) entry.value++;
    else this.#counts.set(key, { labels: Object.fromEntries(this.labelNames.map((name, index) => [name, values[index]!])), value: 1 });
  }

  /** Sets `counter` to the totals (call from its `collect`). */
  handTo(counter: Counter<string>): void {
    counter.reset();
    for (const { labels, value } of this.#counts.values()) counter.inc(labels, value);
  }
}
