import type * as fsPromises from 'node:fs/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { memoryWorld, smallWorld } from '../helpers/world.js';
import { snapshotDir, toOldFormat } from './snapshot-files.js';

/**
 * The process killed right after a save of a snapshot put its database copy in place: from then
 * on nothing reaches the disk (every rename, write and removal fails) until `crash.dead` is
 * cleared, as for the Catnap started again on the same folder.
 */
const crash = vi.hoisted(() => ({ armed: false, dead: false }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof fsPromises>();
  const killed = () => {
    throw Object.assign(new Error('the process was killed'), { code: 'EKILLED' });
  };
  const rename: typeof actual.rename = async (from, to) => {
    if (crash.dead) killed();
    await actual.rename(from, to);
    if (crash.armed && String(to).endsWith('.db')) crash.dead = true;
  };
  const rm: typeof actual.rm = async (...args) => {
    if (crash.dead) killed();
    return actual.rm(...args);
  };
  const writeFile: typeof actual.writeFile = async (...args) => {
    if (crash.dead) killed();
    return actual.writeFile(...args);
  };
  const killable = { rename, rm, writeFile };
  return { ...actual, ...killable, default: { ...actual, ...killable } };
});

afterEach(() => {
  crash.armed = false;
  crash.dead = false;
});

const day = 86_400_000;

/**
 * A snapshot was its database copy and a sidecar (`<name>.json`: the clock, the random source),
 * each renamed into place in turn. A crash between the two renames paired the new copy with the
 * old sidecar, and a restore brought back the new tables under the old clock and random state,
 * without a word. A snapshot must come back whole, or be refused.
 */
describe('a snapshot whose save was killed right after its copy was put in place', () => {
  for (const replaced of ['saved by this Catnap', 'saved by an earlier Catnap (copy and sidecar)']) {
    it(`replacing one ${replaced}, restores as one save kept it: its tables with its own clock and random state`, async () => {
      const { world } = await memoryWorld(smallWorld);
      const dir = snapshotDir(world);
      await world.snapshots.save('x');
      if (replaced.includes('earlier')) toOldFormat(dir, 'x');

      await world.accounts.create({ userId: 50001, nickname: 'Later' });
      world.clock.advance(day);
      const second = { later: true, now: world.clock.nowMs(), random: world.random.state() };
      crash.armed = true;
      await world.snapshots.save('x').catch(() => undefined);
      expect(crash.dead).toBe(true);
      crash.armed = false;
      crash.dead = false;

      world.clock.advance(day);
      await world.snapshots.restore('x');
      const restored = { later: world.accounts.find(50001) !== undefined, now: world.clock.nowMs(), random: world.random.state() };
      // The copy's rename is the one step that replaces a snapshot: once it is done, the new save is whole.
      expect(restored).toEqual(second);
    });
  }
});
