import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startCatnap } from '../helpers/catnap.js';
import { smallWorld } from '../helpers/world.js';
import { editInfo, toOldFormat } from '../world/snapshot-files.js';

/**
 * A snapshot's facts (clock, random source) cut short or edited by hand must not take the other
 * snapshots with it: the listing answered 500 for all of them. A snapshot keeps them in its copy;
 * one an earlier Catnap saved, in a sidecar (`<name>.json`) beside it.
 */
describe('a snapshot whose facts are damaged', () => {
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
    toOldFormat(join(env.dataDir, 'snapshots'), 'bad');
    const file = join(env.dataDir, 'snapshots', 'bad.json');
    writeFileSync(file, sidecar(readFileSync(file, 'utf8')));
    return { ...env, file };
  };

  it('in a sidecar that is not JSON is listed apart as damaged while the others list; restoring it is a CONFLICT; deleting it works', async () => {
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

  it('in a sidecar of JSON of the wrong shape is listed as damaged, naming the field, rather than failing the listing', async () => {
    const { admin } = await damage((text) => JSON.stringify({ ...JSON.parse(text), clock: 'noon' }));
    const listed = await admin('GET', '/api/world/snapshots');
    expect(listed.status).toBe(200);
    expect(listed.json.snapshots.map((snapshot: { name: string }) => snapshot.name).sort()).toEqual(['good', 'start']);
    expect(listed.json.damaged).toEqual([{ name: 'bad', problem: expect.stringMatching(/^bad\.json is damaged \(clock: /) }]);
    expect((await admin('POST', '/api/world/snapshots/bad/restore')).status).toBe(409);
  });

  it('in its copy is listed apart as damaged, naming the field; restoring it is a CONFLICT', async () => {
    const env = await startCatnap(smallWorld);
    stop = () => env.catnap.stop();
    expect((await env.admin('POST', '/api/world/snapshots', { name: 'bad' })).status).toBe(201);
    editInfo(join(env.dataDir, 'snapshots'), 'bad', (json) => JSON.stringify({ ...JSON.parse(json), clock: 'noon' }));
    const listed = await env.admin('GET', '/api/world/snapshots');
    expect(listed.status).toBe(200);
    expect(listed.json.snapshots.map((snapshot: { name: string }) => snapshot.name)).toEqual(['start']);
    expect(listed.json.damaged).toEqual([
      { name: 'bad', problem: expect.stringMatching(/^bad\.db holds damaged snapshot info \(clock: /) },
    ]);
    const restored = await env.admin('POST', '/api/world/snapshots/bad/restore');
    expect(restored.status).toBe(409);
    expect(restored.json.error.message).toMatch(/^snapshot "bad" cannot be restored: its bad\.db holds damaged snapshot info \(clock: /);
  });
});
