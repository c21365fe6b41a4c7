import { readdirSync } from 'node:fs';
import type * as fsPromises from 'node:fs/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { memoryWorld, smallWorld } from '../helpers/world.js';

/** Every sidecar write fails as on a full disk while `full.on` is set; everything else writes as usual. */
const full = vi.hoisted(() => ({ on: false }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof fsPromises>();
  const writeFile: typeof actual.writeFile = async (path, ...rest) => {
    if (full.on && String(path).includes('.json'))
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    return actual.writeFile(path, ...rest);
  };
  return { ...actual, writeFile, default: { ...actual, writeFile } };
});

afterEach(() => {
  full.on = false;
});

/**
 * A snapshot is its database copy and its sidecar (the clock and the random source) together. A
 * save whose sidecar could not be written (a full disk) put the new copy in place first, so the
 * snapshot paired the new tables with the old clock and random state.
 */
describe('saving a snapshot when its sidecar cannot be written', () => {
  it('fails and leaves the snapshot it would have replaced whole, with no temp file behind', async () => {
    const { world } = await memoryWorld(smallWorld);
    const saved = await world.snapshots.save('x');
    const dir = (world.snapshots as unknown as { deps: { dir: string } }).deps.dir;
    const files = readdirSync(dir).sort();

    await world.groups.rename('world', 30001, 'After');
    world.clock.advance(3_600_000);
    full.on = true;
    await expect(world.snapshots.save('x')).rejects.toThrow(/ENOSPC/);
    full.on = false;
    expect(readdirSync(dir).sort()).toEqual(files);

    await world.snapshots.restore('x');
    expect(world.groups.require(30001).name).toBe('Lounge');
    expect(world.clock.nowMs()).toBe(saved.clock.nowMs);
  });
});
