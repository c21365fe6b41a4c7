import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryWorld, smallWorld } from '../helpers/world.js';

/**
 * A snapshot's sidecar (`<name>.json`) holds the clock and the random source beside its database
 * copy. One edited by hand or cut short must be refused before the world is touched: the tables
 * were replaced first and the restore failed after, leaving the snapshot's tables under this run's
 * clock and randomness, with no `world.restored` for what keeps state of its own.
 */
describe('restoring a snapshot whose sidecar is broken', () => {
  const broken: [string, (random: { seed: number; state: number[] }) => unknown][] = [
    ['no generator state', ({ seed }) => ({ seed })],
    ['a state of the wrong length', ({ seed }) => ({ seed, state: [1] })],
    ['a seed out of range', ({ state }) => ({ seed: -5, state })],
    ['a state that is not numbers', ({ seed }) => ({ seed, state: ['a', 'b', 'c', 'd'] })],
  ];
  for (const [label, breakRandom] of broken) {
    it(`refuses ${label} with a CONFLICT and changes nothing`, async () => {
      const { world, events } = await memoryWorld(smallWorld);
      await world.snapshots.save('x');
      const sidecar = join((world.snapshots as unknown as { deps: { dir: string } }).deps.dir, 'x.json');
      const meta = JSON.parse(readFileSync(sidecar, 'utf8'));
      writeFileSync(sidecar, JSON.stringify({ ...meta, random: breakRandom(meta.random) }));
      await world.groups.rename('world', 30001, 'After');
      const before = { seed: world.random.seed, state: world.random.state(), now: world.clock.nowMs() };
      events.length = 0;
      await expect(world.snapshots.restore('x')).rejects.toMatchObject({
        code: 'CONFLICT',
        message: expect.stringMatching(/^snapshot "x" cannot be restored: its x.json is damaged \(random\./),
      });
      expect(world.groups.require(30001).name).toBe('After');
      expect({ seed: world.random.seed, state: world.random.state(), now: world.clock.nowMs() }).toEqual(before);
      expect(events).toEqual([]);
    });
  }
});
