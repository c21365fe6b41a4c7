import ms from 'ms';

/**
 * The world's sense of time. Everything time-dependent (message times, mute expiry, like counters)
 * reads this instead of Date.now(), so tests can move time forward without sleeping.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  nowMs(): number;
}

export const systemClock: Clock = { nowMs: () => Date.now() };

/** Seconds since the epoch, as QQ and OneBot express times. */
export function nowSeconds(clock: Clock): number {
  return Math.floor(clock.nowMs() / 1000);
}

/** What a snapshot keeps of the clock, and `GET /api/clock` shows. */
export interface ClockState {
  readonly nowMs: number;
  readonly frozen: boolean;
}

/** A jump of the clock (set or advance); real time passing is not a change. */
export interface ClockChange {
  readonly fromMs: number;
  readonly toMs: number;
}

/**
 * The one clock every time of the world comes from. It runs with real time (shifted by whatever
 * `set` and `advance` did) or stands still while frozen, and jumps only when told. Heartbeats,
 * reconnect backoff and rate limits deliberately stay on real time: they pace sockets, not the world.
 */
export class WorldClock implements Clock {
  #frozenAt: number | undefined;
  #offsetMs = 0;
  readonly #listeners = new Set<(change: ClockChange) => void>();

  constructor(
    private readonly source: () => number = Date.now,
    start: { readonly atMs?: number; readonly frozen?: boolean } = {},
  ) {
    // One read of real time: reading it twice could start a frozen clock a millisecond past atMs.
    const realMs = source();
    if (start.atMs !== undefined) this.#offsetMs = start.atMs - realMs;
    if (start.frozen) this.#frozenAt = realMs + this.#offsetMs;
  }

  nowMs(): number {
    return this.#frozenAt ?? this.source() + this.#offsetMs;
  }

  get frozen(): boolean {
    return this.#frozenAt !== undefined;
  }

  state(): ClockState {
    return { nowMs: this.nowMs(), frozen: this.frozen };
  }

  freeze(): void {
    this.#frozenAt ??= this.nowMs();
  }

  /** Lets time run again from where it stood. */
  unfreeze(): void {
    if (this.#frozenAt === undefined) return;
    this.#offsetMs = this.#frozenAt - this.source();
    this.#frozenAt = undefined;
  }

  /** Moves the clock to `atMs` (back or forward); listeners hear of the jump. */
  set(atMs: number): void {
    if (!Number.isSafeInteger(atMs) || atMs < 0) throw new RangeError(`not a time: ${atMs}`);
    const fromMs = this.nowMs();
    this.#place(atMs);
    for (const listener of this.#listeners) listener({ fromMs, toMs: atMs });
  }

  /** Moves the clock forward by `deltaMs`. */
  advance(deltaMs: number): void {
    if (!Number.isSafeInteger(deltaMs) || deltaMs < 0) throw new RangeError(`cannot advance by ${deltaMs} ms`);
    this.set(this.nowMs() + deltaMs);
  }

  /** Puts the clock back as a snapshot kept it, without announcing a jump (nothing expired). */
  restore(state: ClockState): void {
    this.#frozenAt = undefined;
    this.#place(state.nowMs);
    if (state.frozen) this.#frozenAt = state.nowMs;
  }

  /** Hears every `set` and `advance`; returns the unsubscribe. */
  onChange(listener: (change: ClockChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #place(atMs: number): void {
    if (this.#frozenAt !== undefined) this.#frozenAt = atMs;
    else this.#offsetMs = atMs - this.source();
  }
}

/** A clock for tests: starts at a fixed instant and only moves when told to. */
export class ManualClock extends WorldClock {
  constructor(start = Date.UTC(2026, 0, 1)) {
    super(Date.now, { atMs: start, frozen: true });
  }
}

/**
 * A duration as people write it: milliseconds as a number, or a string such as "90s", "10m",
 * "1h", "1d", "500ms" or "2 days" (the `ms` library's forms). Undefined when it is none of these.
 */
export function parseDuration(value: number | string): number | undefined {
  // `ms` answers undefined (or NaN) for text it does not read; its type only admits known forms.
  const parsed = typeof value === 'number' ? value : (ms(value.trim() as ms.StringValue) as number | undefined);
  return typeof parsed === 'number' && Number.isSafeInteger(parsed) && parsed >= 0 ? parsed : undefined;
}

/**
 * An instant as people write it: unix seconds (a number or a string of digits) or ISO 8601 with
 * a date ("2026-01-01T00:00:00+08:00"). Milliseconds since the epoch, or undefined.
 */
export function parseInstant(value: number | string): number | undefined {
  if (typeof value === 'number' || /^\d+$/.test(value.trim())) {
    const seconds = Number(value);
    return Number.isSafeInteger(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
  }
  if (!/^\d{4}-\d{2}-\d{2}/.test(value.trim())) return undefined;
  const atMs = Date.parse(value);
  return Number.isNaN(atMs) || atMs < 0 ? undefined : atMs;
}
