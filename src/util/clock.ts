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

/** A clock for tests: starts at a fixed instant and only moves when told to. */
export class ManualClock implements Clock {
  constructor(private current = Date.UTC(2026, 0, 1)) {}
  nowMs(): number {
    return this.current;
  }
  advance(ms: number): void {
    this.current += ms;
  }
}
