import { readFileSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listSnapshots } from '../../src/app/mcp/tools/bench-tools.js';
import type { McpToolContext } from '../../src/app/mcp/mcp-tool.js';
import { startWorld } from '../../src/app/testing/index.js';
import { tempDir } from '../helpers/spawn.js';

/** A snapshot whose sidecar is damaged is listed apart by the admin API; each client must show it too. */
describe('listing snapshots with a damaged one', () => {
  it('world.snapshots() answers the good ones and, under damaged, the one whose sidecar cannot be read', async () => {
    const dataDir = await tempDir();
    try {
      await using world = await startWorld({ dataDir });
      await world.snapshot('good');
      await world.snapshot('bad');
      const sidecar = join(dataDir, 'snapshots', 'bad.json');
      writeFileSync(sidecar, readFileSync(sidecar, 'utf8').slice(0, 20));
      const listing = await world.snapshots();
      expect(listing.snapshots.map((snapshot) => snapshot.name).sort()).toEqual(['good', 'start']);
      expect(listing.damaged).toEqual([{ name: 'bad', problem: expect.stringMatching(/^bad\.json is not JSON: /) }]);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 30_000);

  it('the MCP tool list_snapshots lists the damaged ones after the good ones, each saying it is damaged and why', async () => {
    const good = { name: 'start', world_time: 1, taken_at: 2, size_bytes: 3, clock: { now_ms: 1000, frozen: false }, seed: 4 };
    const catnap = { get: async () => ({ snapshots: [good], damaged: [{ name: 'bad', problem: 'bad.json is not JSON: cut' }] }) };
    const listed = await listSnapshots.run({}, { catnap } as unknown as McpToolContext);
    expect(listed).toEqual([good, { name: 'bad', damaged: true, problem: 'bad.json is not JSON: cut' }]);
  });
});
