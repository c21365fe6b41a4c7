import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { parseMilkyConfig } from '../../src/network/milky/milky-config.js';
import { milkyWorld } from '../helpers/milky.js';
import { transportWorld } from '../helpers/transports.js';

/**
 * A web page at another origin must not drive a bot: the default world's adapters have no
 * token, and browsers let any page send requests to 127.0.0.1. (Finding 4 of the security review.)
 */
const page = { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'cors' };

async function world(browser?: { allowedOrigins: string[] }) {
  const tw = await transportWorld(undefined, browser ? { browser } : {});
  await tw.apply(10001, {
    httpServers: [
      { name: 'open', enable: true, host: '127.0.0.1', port: 0, enableCors: true, enableWebsocket: true },
      { name: 'guarded', enable: true, host: '127.0.0.1', port: 0, enableCors: true, token: 'tok' },
    ],
    httpSseServers: [{ name: 'sse', enable: true, host: '127.0.0.1', port: 0, enableCors: true }],
    websocketServers: [{ name: 'ws', enable: true, host: '127.0.0.1', port: 0 }],
  });
  const base = (name: string) => `http://127.0.0.1:${tw.port(10001, name)}`;
  return { tw, base };
}

const upgrade = (url: string, headers: Record<string, string>) =>
  new Promise<number>((resolve) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => {
      ws.close();
      resolve(101);
    });
    ws.once('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      ws.terminate();
    });
    ws.once('error', () => undefined);
  });

describe('web pages and token-less adapters', () => {
  it('refuses cross-origin requests, form posts, image GETs and rebinding fetches, before running anything', async () => {
    const { tw, base } = await world();
    const before = (await tw.dispatcher.dispatch(20001, 'get_friend_msg_history', { user_id: 10001 }, { transport: 'test' })).data;
    for (const [method, headers, body] of [
      ['POST', { ...page, 'content-type': 'application/json' }, '{"user_id":20001}'],
      ['POST', { ...page, 'content-type': 'application/x-www-form-urlencoded' }, 'user_id=20001&message=pwned'],
      ['GET', { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'image' }, undefined],
      // DNS rebinding: the page thinks it is same-origin.
      ['POST', { origin: 'http://rebound.example:1', 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' }, '{}'],
      ['OPTIONS', { ...page, 'access-control-request-method': 'POST' }, undefined],
    ] as const) {
      const response = await fetch(`${base('open')}/send_private_msg?user_id=20001&message=pwned`, { method, headers, body });
      expect(response.status, `${method} ${JSON.stringify(headers)}`).toBe(403);
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
      if (method !== 'OPTIONS')
        expect(((await response.json()) as { retcode: number; message: string }).message).toMatch(/api\.allowedOrigins/);
    }
    const after = (await tw.dispatcher.dispatch(20001, 'get_friend_msg_history', { user_id: 10001 }, { transport: 'test' })).data;
    expect(after).toEqual(before);
    // The event stream too.
    expect((await fetch(`${base('sse')}/_events`, { headers: page })).status).toBe(403);
    // Bots (no Origin, no Sec-Fetch-*) and a URL typed into the address bar still work.
    expect((await fetch(`${base('open')}/get_login_info`)).status).toBe(200);
    expect(
      (await fetch(`${base('open')}/get_login_info`, { headers: { 'sec-fetch-site': 'none', 'sec-fetch-mode': 'navigate' } })).status,
    ).toBe(200);
  });

  it('refuses WebSocket upgrades with a foreign Origin on token-less sockets', async () => {
    const { tw } = await world();
    const ws = `ws://127.0.0.1:${tw.port(10001, 'ws')}/`;
    const embedded = `ws://127.0.0.1:${tw.port(10001, 'open')}/`;
    expect(await upgrade(ws, { origin: 'https://evil.example' })).toBe(403);
    expect(await upgrade(embedded, { origin: 'https://evil.example' })).toBe(403);
    expect(await upgrade(ws, {})).toBe(101);
  });

  it('answers CORS where a token guards the adapter, and for the origins api.allowedOrigins lists', async () => {
    const { base } = await world({ allowedOrigins: ['http://localhost:5173'] });
    const guarded = await fetch(`${base('guarded')}/get_login_info`, { headers: { ...page, authorization: 'Bearer tok' } });
    expect(guarded.status).toBe(200);
    expect(guarded.headers.get('access-control-allow-origin')).toBe('*');
    expect((await fetch(`${base('guarded')}/get_login_info`, { headers: page })).status).toBe(401);
    const allowed = await fetch(`${base('open')}/get_login_info`, { headers: { ...page, origin: 'http://localhost:5173' } });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect((await fetch(`${base('open')}/get_login_info`, { headers: page })).status).toBe(403);
    const sse = await new Promise<string | undefined>((resolve) => {
      const req = request(`${base('sse')}/_events`, { headers: { origin: 'http://localhost:5173' } }, (response) => {
        resolve(response.headers['access-control-allow-origin'] as string | undefined);
        response.destroy();
      });
      req.on('error', () => undefined);
      req.end();
    });
    expect(sse).toBe('http://localhost:5173');
  });
});

describe('web pages and token-less Milky servers', () => {
  it('refuses their API calls and event sockets too', async () => {
    const m = await milkyWorld();
    const manager = m.manager();
    try {
      expect((await manager.apply(10001, parseMilkyConfig({ http: { port: 0 } }))).errors).toEqual([]);
      const base = `http://127.0.0.1:${manager.server(10001)!.port}`;
      const call = (headers: Record<string, string>) =>
        fetch(`${base}/api/get_login_info`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{}' });
      const refused = await call(page);
      expect(refused.status).toBe(403);
      expect(((await refused.json()) as { message: string }).message).toMatch(/api\.allowedOrigins/);
      expect((await call({})).status).toBe(200);
      expect(await upgrade(`ws://127.0.0.1:${manager.server(10001)!.port}/event`, { origin: 'https://evil.example' })).toBe(403);
    } finally {
      await manager.stop();
    }
  });
});
