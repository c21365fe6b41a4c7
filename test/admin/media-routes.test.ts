import { utimesSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smallWorld } from '../helpers/world.js';
import { startCatnap } from '../helpers/catnap.js';

let env: Awaited<ReturnType<typeof startCatnap>>;
beforeAll(async () => {
  env = await startCatnap(smallWorld);
});
afterAll(async () => env.catnap.stop());

describe('media upload', () => {
  it('stores raw bytes and answers a blob id served at a public URL', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    const response = await fetch(`${env.catnap.webuiUrl}/api/media?name=dot.png`, {
      method: 'POST',
      headers: { authorization: 'Bearer admin-token', 'content-type': 'image/png' },
      body: png,
    });
    expect(response.status).toBe(201);
    const body: any = await response.json();
    expect(body).toMatchObject({ name: 'dot.png', size: png.length, mime: 'image/png' });
    expect(body.file).toMatch(/^[0-9a-f]{64}$/);
    const served = await fetch(body.url);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await served.arrayBuffer()).equals(png)).toBe(true);
    expect(await env.catnap.world.media.lookup(body.file, 20001)).toMatchObject({ blobId: body.file, size: png.length });
  });

  it('needs the token and a body', async () => {
    expect((await fetch(`${env.catnap.webuiUrl}/api/media`, { method: 'POST', body: 'x' })).status).toBe(401);
    const empty = await fetch(`${env.catnap.webuiUrl}/api/media`, { method: 'POST', headers: { authorization: 'Bearer admin-token' } });
    expect(empty.status).toBe(400);
    const badName = await fetch(`${env.catnap.webuiUrl}/api/media?name=../x`, {
      method: 'POST',
      headers: { authorization: 'Bearer admin-token' },
      body: 'x',
    });
    expect(badName.status).toBe(400);
  });
});

describe('media sweep', () => {
  it('deletes the blobs nothing refers to that are past the grace period, and keeps a fresh upload', async () => {
    const { blobs } = env.catnap.world.media;
    const orphan = await blobs.put(Buffer.from('left behind by a send that failed'));
    const longAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    utimesSync(blobs.pathOf(orphan.blobId), longAgo, longAgo);
    const upload: any = await (
      await fetch(`${env.catnap.webuiUrl}/api/media?name=later.txt`, {
        method: 'POST',
        headers: { authorization: 'Bearer admin-token' },
        body: 'to send later',
      })
    ).json();

    expect((await fetch(`${env.catnap.webuiUrl}/api/media/sweep`, { method: 'POST' })).status).toBe(401);
    const swept = await fetch(`${env.catnap.webuiUrl}/api/media/sweep`, {
      method: 'POST',
      headers: { authorization: 'Bearer admin-token' },
    });
    expect(swept.status).toBe(200);
    expect(await swept.json()).toMatchObject({ removed: 1, freed_bytes: orphan.size, young: expect.any(Number) });
    expect(await blobs.has(orphan.blobId)).toBe(false);
    expect(await blobs.has(upload.blob_id)).toBe(true);
  });
});
