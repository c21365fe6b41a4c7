import { statSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/util/clock.js';
import { SqliteWorldStore } from '../../src/world/store/sqlite/sqlite-store.js';
import { applyWorldFile } from '../../src/world/world-file.js';
import { World } from '../../src/world/world.js';
import { smallWorld } from '../helpers/world.js';

const dayOne = Date.UTC(2026, 0, 1);
const dayTwo = Date.UTC(2026, 0, 2);

describe('a snapshot restored while it is being saved again', () => {
  it('brings back one save whole: its tables with its own clock, never the copy of one save with the clock of the other', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'catnap-snapshot-race-'));
    const clock = new ManualClock(dayOne);
    const world = new World({ store: new SqliteWorldStore(':memory:'), clock, snapshotDir: dir });
    await applyWorldFile(world, smallWorld);
    const copy = join(dir, 'base.db');
    for (let round = 0; round < 5; round++) {
      clock.set(dayOne);
      await world.snapshots.save('base');
      clock.set(dayTwo);
      const later = 50000 + round;
      await world.accounts.create({ userId: later, nickname: 'Later' });

      const saved = statSync(copy).ino;
      const saving = world.snapshots.save('base');
      // The restore is asked for the moment the new copy is in place, before the save has finished.
      while (statSync(copy).ino === saved) await new Promise((resolve) => setImmediate(resolve));
      await Promise.all([saving, world.snapshots.restore('base')]);

      // Asked after the save, the restore brings back what that save kept: the later account, on day two.
      expect({ round, later: world.accounts.find(later) !== undefined, clock: world.clock.nowMs() }).toEqual({
        round,
        later: true,
        clock: dayTwo,
      });
    }
    await world.close();
  });
});
