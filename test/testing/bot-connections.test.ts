import { describe, expect, it } from 'vitest';
import { botConnected, botConnections } from '../../src/app/testing/bot-process.js';
import type { BenchApi } from '../../src/app/testing/bench-api.js';

/** A bench API whose adapters answer what the test sets. */
function adaptersApi(adapters: () => unknown[]): BenchApi {
  return { request: async () => adapters() } as unknown as BenchApi;
}

const dropped = { remote: '127.0.0.1:50001', role: 'universal', since: 1000 };
const back = { remote: '127.0.0.1:50002', role: 'universal', since: 1500 };

describe('telling a reconnect from the dropped connection', () => {
  it('does not count the dropped connection, still listed while it closes, as the bot being back', async () => {
    let adapters: unknown[] = [{ clients: 1, state: 'listening', connections: [dropped] }];
    const api = adaptersApi(() => adapters);
    const before = await botConnections(api, 10001);
    expect(await botConnected(api, 10001)).toBe(true);
    expect(await botConnected(api, 10001, before)).toBe(false);
    adapters = [{ clients: 2, state: 'listening', connections: [dropped, back] }];
    expect(await botConnected(api, 10001, before)).toBe(true);
    // A reverse WebSocket reconnects to the same address: its start tells it apart.
    adapters = [{ clients: 1, state: 'connected', connections: [{ ...dropped, since: 2000 }] }];
    expect(await botConnected(api, 10001, before)).toBe(true);
  });
});
