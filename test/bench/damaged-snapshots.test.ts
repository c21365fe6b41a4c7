import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startCatnap } from '../helpers/catnap.js';
import { smallWorld } from '../helpers/world.js';

/**
 * A snapshot's sidecar (`<name>.json`) cut short (a full disk, a crash) or edited by hand must
 * not take the other snapshots with it: the listing answered 500 for all of them.
 */
describe('a snapshot whose sidecar is damaged', () => {
  let stop: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await stop?.();
    stop = undefined;
  });

  const damage = async (sidecar: (text: string) => string) => {
    const env = await startCatnap(smallWorld);
    stop = () => env.catnap.stop();
    expect((await env.admin('POST', '/api/world/snapshots', { name: 'good' })).status).toBe(201);
    expect((await env.admin('POST', '/api/world/snapshots', { name: 'bad' })).status).toBe(201);
    const file = join(env.dataDir, 'snapshots', 'bad.json');
    writeFileSync(file, sidecar(readFileSync(file, 'utf8')));
    return { ...env, file };
  };

  it('that is not JSON is listed apart as damaged while the others list; restoring it is a CONFLICT; deleting it works', async () => {
    const { admin, dataDir } = await damage((text) => text.slice(0, 20));
    const listed = await admin('GET', '/api/world/snapshots');
    expect(listed.status).toBe(200);
    expect(listed.json.snapshots.map((snapshot: { name: string }) => snapshot.name).sort()).toEqual(['good', 'start']);
    expect(listed.json.damaged).toEqual([{ name: 'bad', problem: expect.stringMatching(/^bad\.json is not JSON: /) }]);

    const restored = await admin('POST', '/api/world/snapshots/bad/restore');
    expect(restored.status).toBe(409);
    expect(restored.json.error.message).toMatch(/^snapshot "bad" cannot be restored: its bad\.json is not JSON: /);

    expect((await admin('DELETE', '/api/world/snapshots/bad')).status).toBe(200);
    expect(existsSync(join(dataDir, 'snapshots', 'bad.json'))).toBe(false);
    expect(existsSync(join(dataDir, 'snapshots', 'bad.db'))).toBe(false);
    expect((await admin('GET', '/api/world/snapshots')).json.damaged).toEqual([]);
  });

  it('that is JSON of the wrong shape is listed as damaged, naming the field, rather than failing the listing', async () => {
    const { admin } = await damage((text) => JSON.stringify({ ...JSON.parse(text), clock: 'noon' }));
    const listed = await admin('GET', '/api/world/snapshots');
    expect(listed.status).toBe(200);
    expect(listed.json.snapshots.map((snapshot: { name: string }) => snapshot.name).sort()).toEqual(['good', 'start']);
    expect(listed.json.damaged).toEqual([{ name: 'bad', problem: expect.stringMatching(/^bad\.json is damaged \(clock: /) }]);
    expect((await admin('POST', '/api/world/snapshots/bad/restore')).status).toBe(409);
  });
});
