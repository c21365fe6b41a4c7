import { readdirSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type * as embedded from '../../src/world/snapshots/embedded-info.js';
import { memoryWorld, smallWorld } from '../helpers/world.js';
import { snapshotDir } from './snapshot-files.js';

/** Writing a snapshot's facts into its copy fails as on a full disk while `full.on` is set. */
const full = vi.hoisted(() => ({ on: false }));
vi.mock('../../src/world/snapshots/embedded-info.js', async (importOriginal) => {
  const actual = await importOriginal<typeof embedded>();
  const embedInfo: typeof actual.embedInfo = (path, json) => {
    if (full.on) throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    actual.embedInfo(path, json);
  };
  return { ...actual, embedInfo };
});

afterEach(() => {
  full.on = false;
});

/**
 * A snapshot is its database copy and its facts (the clock and the random source) together. A
 * save whose facts could not be written (a full disk) must not put its copy in place: the
 * snapshot would pair the new tables with no clock and random state, or the old ones.
 */
describe('saving a snapshot when its facts cannot be written', () => {
  it('fails and leaves the snapshot it would have replaced whole, with no temp file behind', async () => {
    const { world } = await memoryWorld(smallWorld);
    const saved = await world.snapshots.save('x');
    const dir = snapshotDir(world);
    const files = readdirSync(dir).sort();

    await world.groups.rename('world', 30001, 'After');
    world.clock.advance(3_600_000);
    full.on = true;
    await expect(world.snapshots.save('x')).rejects.toThrow(/disk is full/);
    full.on = false;
    expect(readdirSync(dir).sort()).toEqual(files);

    await world.snapshots.restore('x');
    expect(world.groups.require(30001).name).toBe('Lounge');
    expect(world.clock.nowMs()).toBe(saved.clock.nowMs);
  });
});
