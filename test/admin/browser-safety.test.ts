import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAdminServer } from '../../src/admin/admin-server.js';
import { Transcript } from '../../src/onebot/transcript/transcript.js';
import { silentLogger } from '../../src/util/logger.js';
import { onebotWorld } from '../helpers/onebot.js';
import { tempDir } from '../helpers/spawn.js';

/**
 * What a browser may make of the admin server's answers: the console's origin holds the web UI
 * token, so nothing served there may be taken for a page that runs script.
 */
let app: FastifyInstance;
beforeAll(async () => {
  const webUiDir = await tempDir();
  await mkdir(join(webUiDir, 'assets'));
  await writeFile(join(webUiDir, 'index.html'), '<!doctype html><title>console</title>');
  await writeFile(join(webUiDir, 'assets', 'app.js'), 'console.log(1)');
  const { world, dispatcher } = await onebotWorld();
  app = await buildAdminServer(
    { world, dispatcher, actions: dispatcher.table, logger: silentLogger, hooks: {}, transcript: new Transcript(world.clock) },
    { token: 'secret', bodyLimit: 1_000_000, version: 'test', webUiDir },
  );
});
afterAll(async () => app.close());

const auth = { authorization: 'Bearer secret' };

const upload = async (name: string, body: string | Buffer) =>
  (await app.inject({ method: 'POST', url: `/api/media?name=${encodeURIComponent(name)}`, headers: auth, payload: body })).json();

describe('the admin server in a browser', () => {
  it('forbids sniffing on every answer: API JSON, errors, media, the console page and its assets', async () => {
    const text = await upload('note.txt', '<html><script>alert(1)</script>');
    const requests: [url: string, headers: Record<string, string>, status: number][] = [
      ['/api/world/accounts', auth, 200],
      ['/api/world/accounts', {}, 401],
      ['/api/<b>nowhere</b>', {}, 404],
      [`/media/${text.blob_id}`, {}, 200],
      [`/media/${'0'.repeat(64)}`, {}, 404],
      ['/', { accept: 'text/html' }, 200],
      ['/assets/app.js', {}, 200],
      ['/openapi.json', {}, 200],
    ];
    for (const [url, headers, status] of requests) {
      const answer = await app.inject({ method: 'GET', url, headers });
      expect(answer.statusCode, url).toBe(status);
      expect(answer.headers['x-content-type-options'], url).toBe('nosniff');
    }
  });

  it('serves an SVG as the type its upload answered, sandboxed so its script cannot run in the console origin', async () => {
    const svg = await upload('cat.svg', '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.domain)</script></svg>');
    expect(svg.mime).toBe('image/svg+xml');
    const served = await app.inject({ method: 'GET', url: new URL(svg.url).pathname + new URL(svg.url).search });
    expect(served.headers['content-type']).toBe('image/svg+xml');
    expect(served.headers['content-security-policy']).toMatch(/default-src 'none'.*; sandbox$/);
    // Anyone may ask for any blob under an .svg name: the bytes are then just as sandboxed.
    const text = await upload('note.txt', '<svg onload="alert(1)"/>');
    const renamed = await app.inject({ method: 'GET', url: `/media/${text.blob_id}?name=x.svg` });
    expect(renamed.headers['content-type']).toBe('image/svg+xml');
    expect(renamed.headers['content-security-policy']).toContain('sandbox');
    // Text and unknown bytes are sandboxed too; pictures, sound and video are left as they are.
    expect((await app.inject({ method: 'GET', url: `/media/${text.blob_id}` })).headers['content-security-policy']).toContain('sandbox');
    const png = await upload('dot.png', Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'));
    const picture = await app.inject({ method: 'GET', url: `/media/${png.blob_id}?name=dot.svg` });
    expect(picture.headers['content-type']).toBe('image/png');
    expect(picture.headers['content-security-policy']).toBeUndefined();
  });
});
