import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteWorldStore } from '../../src/world/store/sqlite/sqlite-store.js';
import { onebotWorld } from './onebot.js';
import { smallWorld } from './world.js';

/**
 * An `onebotWorld` over a database file, and `reopen()`: closes it and opens the same file again
 * (a restart), so a test can check that what it did persists.
 */
export async function fileOnebotWorld() {
  const path = join(mkdtempSync(join(tmpdir(), 'catnap-reopen-')), 'catnap.db');
  const first = await onebotWorld(smallWorld, new SqliteWorldStore(path));
  return {
    ob: first,
    async reopen() {
      first.events.stop();
      await first.world.close();
      return onebotWorld(undefined, new SqliteWorldStore(path));
    },
  };
}
