import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryWorld, smallWorld } from '../helpers/world.js';
import { snapshotDir, toOldFormat } from './snapshot-files.js';

const day = 86_400_000;

/**
 * Snapshots survive upgrades: one an earlier Catnap saved, its facts (clock, random source) in a
 * sidecar `<name>.json` beside its copy, lists and restores as before.
 */
describe('a snapshot an earlier Catnap saved as a copy and a sidecar', () => {
  it('lists and restores whole: its tables, its clock and its random state', async () => {
    const { world } = await memoryWorld(smallWorld);
    const saved = await world.snapshots.save('x');
    const random = world.random.state();
    const dir = snapshotDir(world);
    toOldFormat(dir, 'x');
    expect(existsSync(join(dir, 'x.json'))).toBe(true);

    await world.groups.rename('world', 30001, 'After');
    world.clock.advance(day);
    world.random.restore({ ...random, seed: (random.seed + 1) % 1000, seeded: true });
    const { snapshots, damaged } = await world.snapshots.list();
    expect(damaged).toEqual([]);
    expect(snapshots).toEqual([{ ...saved, sizeBytes: expect.any(Number) }]);

    await world.snapshots.restore('x');
    expect(world.groups.require(30001).name).toBe('Lounge');
    expect(world.clock.nowMs()).toBe(saved.clock.nowMs);
    expect(world.random.state()).toEqual(random);
  });

  it('saved again, becomes one file, the sidecar gone; deleted, leaves nothing', async () => {
    const { world } = await memoryWorld(smallWorld);
    await world.snapshots.save('x');
    const dir = snapshotDir(world);
    toOldFormat(dir, 'x');
    world.clock.advance(day);
    const again = await world.snapshots.save('x');
    expect(existsSync(join(dir, 'x.json'))).toBe(false);
    expect((await world.snapshots.get('x')).clock).toEqual(again.clock);

    toOldFormat(dir, 'x');
    await world.snapshots.delete('x');
    expect([existsSync(join(dir, 'x.db')), existsSync(join(dir, 'x.json'))]).toEqual([false, false]);
  });
});
