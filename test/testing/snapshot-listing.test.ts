import { writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listSnapshots } from '../../src/app/mcp/tools/bench-tools.js';
import type { McpToolContext } from '../../src/app/mcp/mcp-tool.js';
import { startWorld } from '../../src/app/testing/index.js';
import { tempDir } from '../helpers/spawn.js';

/** A damaged snapshot is listed apart by the admin API; each client must show it too. */
describe('listing snapshots with a damaged one', () => {
  it('world.snapshots() answers the good ones and, under damaged, the one that cannot be read', async () => {
    const dataDir = await tempDir();
    try {
      await using world = await startWorld({ dataDir });
      await world.snapshot('good');
      await world.snapshot('bad');
      // A copy that is no SQLite database any more: its clock and random source cannot be read.
      writeFileSync(join(dataDir, 'snapshots', 'bad.db'), 'cut short');
      const listing = await world.snapshots();
      expect(listing.snapshots.map((snapshot) => snapshot.name).sort()).toEqual(['good', 'start']);
      expect(listing.damaged).toEqual([{ name: 'bad', problem: expect.stringMatching(/^bad\.db cannot be read: /) }]);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 30_000);

  it('the MCP tool list_snapshots lists the damaged ones after the good ones, each saying it is damaged and why', async () => {
    const good = { name: 'start', world_time: 1, taken_at: 2, size_bytes: 3, clock: { now_ms: 1000, frozen: false }, seed: 4 };
    const catnap = {
      get: async () => ({ snapshots: [good], damaged: [{ name: 'bad', problem: 'bad.db cannot be read: file is not a database' }] }),
    };
    const listed = await listSnapshots.run({}, { catnap } as unknown as McpToolContext);
    expect(listed).toEqual([good, { name: 'bad', damaged: true, problem: 'bad.db cannot be read: file is not a database' }]);
  });
});
