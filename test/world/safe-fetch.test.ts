import { mkdtemp, readdir } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorldError } from '../../src/world/errors.js';
import { defaultSourceLimits, MediaService } from '../../src/world/media/media-service.js';
import { isPublicAddress, openDownload, type FetchPolicy } from '../../src/world/media/safe-fetch.js';

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => 'ok',
    (error: WorldError) => `${error.code}: ${error.message}`,
  );

/** Two servers: the "public" one a bot may name (127.0.0.1) and the "internal" one it must not (127.0.0.2). */
let publicServer: Server;
let internalServer: Server;
let publicBase = '';
let internalBase = '';
let internalHits = 0;
let lastHeaders: IncomingHttpHeaders = {};
beforeAll(async () => {
  internalServer = createServer((_request, response) => {
    internalHits += 1;
    response.end('admin secrets');
  });
  await new Promise<void>((resolve) => internalServer.listen(0, '127.0.0.2', resolve));
  internalBase = `http://127.0.0.2:${(internalServer.address() as { port: number }).port}`;
  publicServer = createServer((request, response) => {
    lastHeaders = request.headers;
    if (request.url === '/to-internal') return response.writeHead(302, { location: `${internalBase}/api/world/accounts` }).end();
    if (request.url === '/to-file') return response.writeHead(302, { location: 'file:///etc/passwd' }).end();
    if (request.url === '/loop') return response.writeHead(302, { location: '/loop' }).end();
    if (request.url === '/to-self') return response.writeHead(307, { location: '/big' }).end();
    if (request.url === '/to-plain') return response.writeHead(301, { location: '/plain' }).end();
    if (request.url === '/to-localhost')
      return response.writeHead(302, { location: `http://localhost:${new URL(publicBase).port}/plain` }).end();
    if (request.url === '/big') {
      // 4 MiB in chunks, no Content-Length: stored as it streams.
      response.writeHead(200, { 'content-type': 'application/octet-stream' });
      for (let i = 0; i < 64; i++) response.write(Buffer.alloc(64 * 1024, i));
      return response.end();
    }
    response.end('ok');
  });
  await new Promise<void>((resolve) => publicServer.listen(0, '127.0.0.1', resolve));
  publicBase = `http://127.0.0.1:${(publicServer.address() as { port: number }).port}`;
});
afterAll(() => {
  for (const server of [publicServer, internalServer]) {
    server.closeAllConnections();
    server.close();
  }
});

/** 127.0.0.1 plays a public address; everything else is as the default policy says. */
const policy: FetchPolicy = {
  timeoutMs: 5000,
  maxBytes: 8 * 1024 * 1024,
  allowAddress: (address) => address === '127.0.0.1' || isPublicAddress(address),
};
const fetchText = async (url: string, headers: Record<string, string> = {}, with_: FetchPolicy = policy) => {
  const { stream, close } = await openDownload(url, with_, headers);
  let text = '';
  for await (const chunk of stream) text += Buffer.from(chunk).toString();
  await close();
  return text;
};

describe('outbound media downloads', () => {
  it('classifies loopback, private, link-local, CGNAT, metadata and their IPv6 forms as not public', () => {
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.100.100.200',
      '0.0.0.0',
      '::1',
      '::',
      'fe80::1',
      'fd00:ec2::254',
      '::ffff:127.0.0.1',
      '::ffff:169.254.169.254',
      '224.0.0.1',
    ]) {
      expect(isPublicAddress(address), address).toBe(false);
    }
    for (const address of ['1.1.1.1', '93.184.216.34', '2606:4700:4700::1111', '::ffff:8.8.8.8'])
      expect(isPublicAddress(address), address).toBe(true);
  });

  it('refuses private addresses by default, before connecting, with one text for every refusal (finding 3)', async () => {
    const media = new MediaService(await mkdtemp(join(tmpdir(), 'catnap-ssrf-')), defaultSourceLimits);
    const texts = new Set<string>();
    for (const url of [
      `${internalBase}/secret`,
      `http://localhost:${new URL(internalBase).port}/secret`,
      'http://[::1]:1/secret',
      'http://[::ffff:127.0.0.2]:1/',
      'http://169.254.169.254/latest/meta-data/',
      'http://0.0.0.0:1/',
      'http://10.0.0.1:22/',
    ]) {
      const answer = await failure(media.ingest(url, 0));
      expect(answer).toMatch(
        /^MEDIA_UNREADABLE: cannot download .*: the host cannot be reached or is not allowed .*media\.allowPrivateNetworks/,
      );
      texts.add(answer.replace(/"[^"]*"/, 'URL'));
    }
    // A port with nothing behind it answers exactly like a refused address: no port scans.
    const open = new MediaService(await mkdtemp(join(tmpdir(), 'catnap-ssrf-')), { ...defaultSourceLimits, allowPrivateNetworks: true });
    texts.add((await failure(open.ingest('http://127.0.0.1:1/closed', 0))).replace(/"[^"]*"/, 'URL'));
    expect([...texts]).toHaveLength(1);
    expect(internalHits).toBe(0);
    // With the setting, private addresses are fetched.
    expect((await open.ingest(`${internalBase}/x`, 0)).size).toBe('admin secrets'.length);
    internalHits = 0;
  });

  it('checks every redirect hop again, and never follows one to another scheme', async () => {
    expect(await failure(fetchText(`${publicBase}/to-internal`))).toMatch(/^MEDIA_UNREADABLE: cannot download .*to-internal.*not allowed/);
    expect(internalHits).toBe(0);
    expect(await failure(fetchText(`${publicBase}/to-file`))).toMatch(/not allowed/);
    expect(await failure(fetchText(`${publicBase}/loop`))).toMatch(/redirected more than 5 times/);
    expect((await fetchText(`${publicBase}/to-self`)).length).toBe(4 * 1024 * 1024);
  });

  it('drops credentials on a redirect to another origin, keeps them on the same one', async () => {
    const any: FetchPolicy = { ...policy, allowAddress: () => true };
    const headers = { authorization: 'Bearer mine', 'x-other': 'kept' };
    expect(await fetchText(`${publicBase}/to-plain`, headers, any)).toBe('ok');
    expect(lastHeaders).toMatchObject(headers);
    expect(await fetchText(`${publicBase}/to-localhost`, headers, any)).toBe('ok');
    expect(lastHeaders.authorization).toBeUndefined();
    expect(lastHeaders['x-other']).toBe('kept');
  });

  it('streams a download into the blob store within the size limit', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'catnap-ssrf-'));
    const media = new MediaService(dir, { ...defaultSourceLimits, allowPrivateNetworks: true, maxBytes: 8 * 1024 * 1024 });
    const ref = await media.ingest(`${publicBase}/big`, 0);
    expect(ref.size).toBe(4 * 1024 * 1024);
    expect((await media.blobs.read(ref.blobId))[64 * 1024 * 63]).toBe(63);
    const small = new MediaService(dir, { ...defaultSourceLimits, allowPrivateNetworks: true, maxBytes: 1024 * 1024 });
    expect(await failure(small.ingest(`${publicBase}/big`, 0))).toMatch(/^MEDIA_TOO_LARGE/);
    // The partial download is gone.
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});
