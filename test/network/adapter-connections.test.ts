import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startCatnap } from '../helpers/catnap.js';
import { botAccount } from '../helpers/world.js';

let env: Awaited<ReturnType<typeof startCatnap>>;
beforeAll(async () => {
  env = await startCatnap({
    accounts: [
      botAccount({
        websocketServers: [{ name: 'ws', enable: true, host: '127.0.0.1', port: 0 }],
        httpSseServers: [{ name: 'sse', enable: true, host: '127.0.0.1', port: 0 }],
      }),
    ],
  });
});
afterAll(async () => env.catnap.stop());

const adapters = async () => (await env.admin('GET', '/api/bots/10001/adapters')).json as any[];
/**
 * How long a poll may wait for a connection to come or go: a socket's close reaches the adapter a
 * round trip later, which takes more than expect.poll's default second on a loaded machine.
 */
const poll = { timeout: 15_000 };
const endpointOf = (list: any[], name: string) => list.find((adapter) => adapter.name === name).endpoint as string;

describe('connected clients in the adapter status', () => {
  it('lists each WebSocket client with its role and address, until it leaves', async () => {
    const before = await adapters();
    expect(before.find((adapter) => adapter.name === 'ws')).toMatchObject({ clients: 0, connections: [] });
    const started = Date.now();
    const events = new WebSocket(`${endpointOf(before, 'ws')}/event`);
    const api = new WebSocket(`${endpointOf(before, 'ws')}/api`);
    await Promise.all([events, api].map((ws) => new Promise((resolve) => ws.once('open', resolve))));
    const ws = (await adapters()).find((adapter) => adapter.name === 'ws');
    expect(ws.clients).toBe(2);
    expect(ws.connections.map((connection: any) => connection.role).sort()).toEqual(['api', 'event']);
    for (const connection of ws.connections) {
      expect(connection.remote).toMatch(/^127\.0\.0\.1:\d+$/);
      expect(connection.since).toBeGreaterThanOrEqual(started - 1000);
    }
    events.close();
    api.close();
    await expect.poll(async () => (await adapters()).find((adapter) => adapter.name === 'ws').connections, poll).toEqual([]);
  });

  it('lists SSE event streams too', async () => {
    const controller = new AbortController();
    const response = await fetch(`${endpointOf(await adapters(), 'sse')}/_events`, { signal: controller.signal });
    expect(response.status).toBe(200);
    await expect
      .poll(async () => (await adapters()).find((adapter) => adapter.name === 'sse').connections, poll)
      .toEqual([expect.objectContaining({ role: 'event-stream', remote: expect.stringMatching(/^127\.0\.0\.1:\d+$/) })]);
    controller.abort();
    await expect.poll(async () => (await adapters()).find((adapter) => adapter.name === 'sse').clients, poll).toBe(0);
  });
});
