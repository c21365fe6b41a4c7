import { describe, expect, it } from 'vitest';
import { onebotWorld } from '../helpers/onebot.js';
import { ConcurrentFuzz, fuzzWorldFile } from './concurrent-world.js';

describe('the world under concurrent clients', () => {
  it('keeps every rule when many clients fire conflicting actions at once', async () => {
    const ob = await onebotWorld(fuzzWorldFile);
    const fuzz = new ConcurrentFuzz({ world: ob.world, dispatcher: ob.dispatcher, advance: (ms) => ob.clock.advance(ms) }, 20261212);
    for (let wave = 0; wave < 300; wave++) {
      await fuzz.wave(24);
      if (wave % 100 === 99) expect(fuzz.check()).toEqual([]);
    }
    await ob.dispatcher.idle();
    expect(fuzz.check()).toEqual([]);
    // The run did reach the rules it is meant to test, not only refusals.
    expect(fuzz.retcodes.get(0)).toBeGreaterThan(fuzz.calls / 5);
    expect(fuzz.observed.acknowledged.size).toBeGreaterThan(100);
    expect(fuzz.retcodes.has(1200)).toBe(false);
  }, 60_000);
});
