import { mkdir, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostPolicy, hostRefusal } from '../../src/admin/host-guard.js';
import { startCatnap } from '../helpers/catnap.js';
import { tempDir } from '../helpers/spawn.js';
import { smallWorld } from '../helpers/world.js';

/** One request with a Host header of our choosing (fetch will not send one); a WebSocket upgrade with `upgrade`. */
function send(url: string, host: string, options: { upgrade?: boolean } = {}): Promise<{ status: number; body: string }> {
  const upgrade = options.upgrade
    ? { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==' }
    : {};
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { headers: { host, ...upgrade } }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode!, body }));
    });
    outgoing.on('upgrade', (_response, socket) => {
      socket.destroy();
      resolve({ status: 101, body: '' });
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

describe('the Host rule of the web UI port', () => {
  const loopback = hostPolicy([], true);

  it('answers loopback names at any port, as a browser writes them', () => {
    for (const host of [
      'localhost:6099',
      'LOCALHOST',
      'app.localhost:80',
      '127.0.0.1:6099',
      '127.1.2.3',
      '127.1',
      '[::1]:6099',
      '[::ffff:127.0.0.1]',
    ])
      expect(hostRefusal(loopback, host), host).toBeUndefined();
    // A client that sends no Host at all (HTTP/1.0) is no browser.
    expect(hostRefusal(loopback, undefined)).toBeUndefined();
  });

  it('refuses every other name, and what is not a host at all', () => {
    for (const host of [
      'evil.example:6099',
      'evil.example',
      '127.0.0.1.nip.io',
      'localhost.evil.example',
      '10.0.0.2:6099',
      '[::2]',
      '',
      'a b',
      'x@127.0.0.1',
      '127.0.0.1/x',
    ])
      expect(hostRefusal(loopback, host), host).toMatch(/webui\.allowedHosts/);
  });

  it('answers the names webui.allowedHosts lists besides, whatever the web UI listens on; "*" answers any', () => {
    const listed = hostPolicy(['Catnap.LAN', '192.168.1.5', '::2'], false);
    for (const host of ['catnap.lan:6099', '192.168.1.5', '[::2]:80', 'localhost:6099'])
      expect(hostRefusal(listed, host), host).toBeUndefined();
    expect(hostRefusal(listed, 'evil.example')).toBeDefined();
    expect(hostRefusal(hostPolicy(['*'], true), 'evil.example')).toBeUndefined();
    // Beyond loopback with nothing listed, the names it is reached by are not Catnap's to guess.
    expect(hostPolicy([], false)).toBeUndefined();
  });
});

describe('a web UI on loopback reached through a rebound name', () => {
  let env: Awaited<ReturnType<typeof startCatnap>>;
  let listed: Awaited<ReturnType<typeof startCatnap>>;
  beforeAll(async () => {
    env = await startCatnap(smallWorld);
    const dataDir = await tempDir();
    await mkdir(join(dataDir, 'config'), { recursive: true });
    await writeFile(join(dataDir, 'config', 'catnap.json'), JSON.stringify({ webui: { allowedHosts: ['catnap.test'] } }));
    listed = await startCatnap(smallWorld, { dataDir });
  });
  afterAll(async () => {
    await env?.catnap.stop();
    await listed?.catnap.stop();
  });

  it('refuses every route 403 HOST_NOT_ALLOWED, those without a token included, and the live socket', async () => {
    const base = env.catnap.webuiUrl;
    const port = new URL(base).port;
    for (const path of ['/', '/openapi.json', '/healthz', `/media/${'0'.repeat(64)}`, '/api/world/accounts']) {
      const refused = await send(`${base}${path}`, `evil.example:${port}`);
      expect(refused.status, path).toBe(403);
      expect(JSON.parse(refused.body).error).toMatchObject({ code: 'HOST_NOT_ALLOWED', message: expect.stringContaining('evil.example') });
    }
    expect((await send(`${base}/api/live?token=admin-token`, `evil.example:${port}`, { upgrade: true })).status).toBe(403);
    expect((await send(`${base}/openapi.json`, `localhost:${port}`)).status).toBe(200);
    expect((await send(`${base}/api/live?token=admin-token`, `localhost:${port}`, { upgrade: true })).status).toBe(101);
  });

  it('answers a name webui.allowedHosts lists', async () => {
    const base = listed.catnap.webuiUrl;
    expect((await send(`${base}/openapi.json`, 'catnap.test:443')).status).toBe(200);
    expect((await send(`${base}/openapi.json`, 'evil.example')).status).toBe(403);
  });
});
