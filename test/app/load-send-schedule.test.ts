import { describe, expect, it } from 'vitest';
import { LoadOptionError, parseWarmUp } from '../../src/app/load/load-options.js';
import { messagesDueBy } from '../../src/app/load/send-schedule.js';

describe('when a load run sends', () => {
  it('sends at a steady rate through the warm-up and the duration, and nothing after', () => {
    const steady = { rate: 100, ramp: false, warmUpMs: 2000, durationMs: 10_000 };
    expect([0, 500, 2000, 7000, 12_000, 20_000].map((ms) => messagesDueBy(steady, ms))).toEqual([0, 50, 200, 700, 1200, 1200]);
    expect(messagesDueBy({ ...steady, warmUpMs: 0 }, 10_000)).toBe(1000);
  });

  it('warms up at the rate a ramp starts at, then climbs to the full rate over the duration', () => {
    const ramp = { rate: 100, ramp: true, warmUpMs: 2000, durationMs: 10_000 };
    // A tenth of the rate during the warm-up.
    expect(messagesDueBy(ramp, 2000)).toBe(20);
    // Then 10/s climbing to 100/s: an average of 55/s over the ten seconds.
    expect(messagesDueBy(ramp, 12_000)).toBe(20 + 550);
    // The rate just after the warm-up is the one it ended at, and the last second's is near the full rate.
    expect(messagesDueBy(ramp, 3000) - messagesDueBy(ramp, 2000)).toBe(14); // 10/s + a tenth of the climb
    expect(messagesDueBy(ramp, 12_000) - messagesDueBy(ramp, 11_000)).toBe(96); // 95.5/s on average, in whole messages
    expect(messagesDueBy({ ...ramp, warmUpMs: 0 }, 10_000)).toBe(550);
  });

  it('reads a warm-up as a duration, or 0 for none', () => {
    expect([parseWarmUp('5s'), parseWarmUp('500ms'), parseWarmUp('1m')]).toEqual([5000, 500, 60_000]);
    expect([parseWarmUp('0'), parseWarmUp('0s'), parseWarmUp(' 0.0ms ')]).toEqual([0, 0, 0]);
    for (const wrong of ['-1s', 'soon', '', '0x']) expect(() => parseWarmUp(wrong)).toThrow(LoadOptionError);
  });
});
