import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryWorld, smallWorld } from '../helpers/world.js';
import { editInfo, snapshotDir, toOldFormat } from './snapshot-files.js';

type Random = { seed: number; state: number[] };

/** Where a snapshot's facts are kept (the clock, the random source), and how a test breaks their random source there. */
const keepers: { label: string; problem: string; breakIt: (dir: string, breakRandom: (random: Random) => unknown) => void }[] = [
  {
    label: 'in its copy',
    problem: String.raw`x\.db holds damaged snapshot info \(random\.`,
    breakIt: (dir, breakRandom) =>
      editInfo(dir, 'x', (json) => JSON.stringify({ ...JSON.parse(json), random: breakRandom(JSON.parse(json).random) })),
  },
  {
    label: 'in the sidecar an earlier Catnap wrote',
    problem: String.raw`x\.json is damaged \(random\.`,
    breakIt: (dir, breakRandom) => {
      toOldFormat(dir, 'x');
      const sidecar = join(dir, 'x.json');
      const meta = JSON.parse(readFileSync(sidecar, 'utf8'));
      writeFileSync(sidecar, JSON.stringify({ ...meta, random: breakRandom(meta.random) }));
    },
  },
];

/**
 * A snapshot's facts (the clock and the random source), edited by hand or cut short, must be
 * refused before the world is touched: the tables were replaced first and the restore failed
 * after, leaving the snapshot's tables under this run's clock and randomness, with no
 * `world.restored` for what keeps state of its own.
 */
describe('restoring a snapshot whose facts are broken', () => {
  const broken: [string, (random: Random) => unknown][] = [
    ['no generator state', ({ seed }) => ({ seed })],
    ['a state of the wrong length', ({ seed }) => ({ seed, state: [1] })],
    ['a seed out of range', ({ state }) => ({ seed: -5, state })],
    ['a state that is not numbers', ({ seed }) => ({ seed, state: ['a', 'b', 'c', 'd'] })],
  ];
  for (const keeper of keepers) {
    for (const [label, breakRandom] of broken) {
      it(`kept ${keeper.label}, refuses ${label} with a CONFLICT and changes nothing`, async () => {
        const { world, events } = await memoryWorld(smallWorld);
        await world.snapshots.save('x');
        keeper.breakIt(snapshotDir(world), breakRandom);
        await world.groups.rename('world', 30001, 'After');
        const before = { seed: world.random.seed, state: world.random.state(), now: world.clock.nowMs() };
        events.length = 0;
        await expect(world.snapshots.restore('x')).rejects.toMatchObject({
          code: 'CONFLICT',
          message: expect.stringMatching(new RegExp(`^snapshot "x" cannot be restored: its ${keeper.problem}`)),
        });
        expect(world.groups.require(30001).name).toBe('After');
        expect({ seed: world.random.seed, state: world.random.state(), now: world.clock.nowMs() }).toEqual(before);
        expect(events).toEqual([]);
        expect((await world.snapshots.list()).damaged).toEqual([{ name: 'x', problem: expect.stringMatching(/\(random\./) }]);
      });
    }
  }

  it('refuses a copy that is no database at all, listing it as damaged, and changes nothing', async () => {
    const { world } = await memoryWorld(smallWorld);
    await world.snapshots.save('x');
    writeFileSync(join(snapshotDir(world), 'x.db'), 'not a database, though long enough to have a header of one');
    await world.groups.rename('world', 30001, 'After');
    await expect(world.snapshots.restore('x')).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/^snapshot "x" cannot be restored: its x\.db cannot be read: /),
    });
    expect(world.groups.require(30001).name).toBe('After');
    expect((await world.snapshots.list()).damaged).toEqual([{ name: 'x', problem: expect.stringMatching(/^x\.db cannot be read: /) }]);
  });
});
