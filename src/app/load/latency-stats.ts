/** Percentiles of a set of latencies (ms), as every part of the report states them. */
export interface LatencySummary {
  readonly count: number;
  readonly mean: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
}

/** A histogram: `edges[i]` to `edges[i + 1]` ms holds `counts[i]` samples; the last bucket is open. */
export interface Histogram {
  readonly edges: readonly number[];
  readonly counts: readonly number[];
}

/** A growing list of samples in a typed array: a run at 10,000 messages a second keeps 600,000 of them a minute. */
export class Samples {
  #values = new Float64Array(1024);
  #length = 0;

  add(value: number): void {
    if (this.#length === this.#values.length) {
      const bigger = new Float64Array(this.#values.length * 2);
      bigger.set(this.#values);
      this.#values = bigger;
    }
    this.#values[this.#length++] = value;
  }

  get count(): number {
    return this.#length;
  }

  /** The samples in ascending order (a copy). */
  sorted(): Float64Array {
    return this.#values.slice(0, this.#length).sort();
  }
}

export function summarize(sorted: Float64Array): LatencySummary | null {
  if (sorted.length === 0) return null;
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
  let sum = 0;
  for (const value of sorted) sum += value;
  return {
    count: sorted.length,
    mean: round(sum / sorted.length),
    p50: round(at(0.5)),
    p90: round(at(0.9)),
    p99: round(at(0.99)),
    max: round(sorted[sorted.length - 1]!),
  };
}

/**
 * Buckets on a logarithmic scale (0.1 ms to 10 s, steps of 1, 2, 5): latencies of a healthy run sit
 * well under a millisecond and those of a struggling bot at seconds, and both must be readable.
 */
export function histogram(sorted: Float64Array): Histogram {
  const edges = [0];
  for (let exponent = -1; exponent <= 4; exponent++) for (const step of [1, 2, 5]) edges.push(round(step * 10 ** exponent, 4));
  const counts = new Array<number>(edges.length).fill(0);
  let bucket = 0;
  for (const value of sorted) {
    while (bucket + 1 < edges.length && value >= edges[bucket + 1]!) bucket++;
    counts[bucket]!++;
  }
  return { edges, counts };
}

export function round(value: number, digits = 3): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
