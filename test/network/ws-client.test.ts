import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { type WebsocketClientAdapter } from '../../src/network/ws/ws-client-adapter.js';
import { TestSocket, transportWorld, until } from '../helpers/transports.js';

/** A bot's reverse WebSocket server: records each connection's headers and sockets. */
class BotServer {
  readonly connections: { headers: IncomingHttpHeaders; socket: TestSocket }[] = [];
  constructor(readonly wss: WebSocketServer) {
    wss.on('connection', (ws, request) => this.connections.push({ headers: request.headers, socket: new TestSocket(ws as WebSocket) }));
  }

  static async start(port = 0, options: { autoPong?: boolean } = {}): Promise<BotServer> {
    const wss = new WebSocketServer({ host: '127.0.0.1', port, autoPong: options.autoPong ?? true });
    await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
    const server = new BotServer(wss);
    servers.push(server);
    return server;
  }

  get port(): number {
    return (this.wss.address() as AddressInfo).port;
  }

  get latest(): TestSocket {
    return this.connections.at(-1)!.socket;
  }

  async stop(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}

const servers: BotServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.stop()));
});

const reverse = (url: string, extra: Record<string, unknown> = {}) => ({
  websocketClients: [{ name: 'rev', enable: true, url, heartInterval: 0, reconnectInterval: 100, ...extra }],
});

describe('websocketClients (reverse WebSocket)', () => {
  it('connects as a Universal client with X-Self-ID, Bearer token and User-Agent, lifecycle first', async () => {
    const bot = await BotServer.start();
    const tw = await transportWorld();
    await tw.apply(10001, reverse(`ws://127.0.0.1:${bot.port}/onebot/v11/ws`, { token: 'tok' }));
    await until(() => bot.connections.length === 1, 10_000, 'a connection');
    const { headers, socket } = bot.connections[0]!;
    expect(headers['x-self-id']).toBe('10001');
    expect(headers['x-client-role']).toBe('Universal');
    expect(headers.authorization).toBe('Bearer tok');
    expect(headers['user-agent']).toBe('OneBot/11');
    const first = await socket.next(() => true);
    expect(first).toMatchObject({ post_type: 'meta_event', meta_event_type: 'lifecycle', sub_type: 'connect', self_id: 10001 });
    expect(await socket.call('get_login_info')).toMatchObject({ status: 'ok', data: { user_id: 10001 }, echo: expect.any(String) });
    await tw.world.groups.setCard(20001, 30001, 20002, 'Bobby');
    expect(await socket.event((frame) => frame.notice_type === 'group_card')).toMatchObject({ user_id: 20002, card_new: 'Bobby' });
    expect(tw.network.status(10001)[0]).toMatchObject({ kind: 'websocketClients', state: 'connected', clients: 1 });
  });

  it('sends no Authorization header without a token, and heartbeats every heartInterval', async () => {
    const bot = await BotServer.start();
    const tw = await transportWorld();
    await tw.apply(10001, reverse(`ws://127.0.0.1:${bot.port}/`, { heartInterval: 40 }));
    await until(() => bot.connections.length === 1);
    expect(bot.connections[0]!.headers.authorization).toBeUndefined();
    const beat = await bot.latest.event((frame) => frame.meta_event_type === 'heartbeat');
    expect(beat).toMatchObject({ status: { online: true, good: true }, interval: 40 });
  });

  it('reconnects after the bot restarts, with lifecycle connect again', async () => {
    const first = await BotServer.start();
    const port = first.port;
    const tw = await transportWorld();
    await tw.apply(10001, reverse(`ws://127.0.0.1:${port}/`));
    await until(() => first.connections.length === 1);
    await first.stop();
    servers.splice(servers.indexOf(first), 1);
    await until(() => tw.network.status(10001)[0]!.state === 'connecting', 10_000, 'the adapter to notice');
    // The bot is down for a while: the adapter keeps retrying.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const second = await BotServer.start(port);
    await until(() => second.connections.length === 1, 10_000, 'the reconnection');
    expect(await second.latest.next(() => true)).toMatchObject({ meta_event_type: 'lifecycle', sub_type: 'connect' });
    expect((await second.latest.call('get_login_info')).status).toBe('ok');
    const adapter = tw.network.adapters(10001)[0] as WebsocketClientAdapter;
    expect(adapter.connections).toBe(2);
  });

  it('terminates a connection whose peer stops answering pings, then reconnects', async () => {
    const bot = await BotServer.start(0, { autoPong: false });
    const tw = await transportWorld(undefined, { limits: { pingIntervalMs: 50 } });
    await tw.apply(10001, reverse(`ws://127.0.0.1:${bot.port}/`));
    await until(() => bot.connections.length === 1);
    expect(await bot.connections[0]!.socket.closed).toBe(1006);
    await until(() => bot.connections.length >= 2, 10_000, 'a new connection');
  });

  it('keeps retrying a bot that is not up yet and stops cleanly', async () => {
    const placeholder = await BotServer.start();
    const port = placeholder.port;
    await placeholder.stop();
    servers.splice(0);
    const tw = await transportWorld();
    await tw.apply(10001, reverse(`ws://127.0.0.1:${port}/`));
    await until(() => tw.network.status(10001)[0]!.error?.includes('ECONNREFUSED') === true, 10_000, 'a refused attempt');
    // Refused for a while (several attempts at a 100 ms reconnectInterval): still trying.
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(tw.network.status(10001)[0]).toMatchObject({ state: 'connecting', clients: 0, error: expect.stringContaining('ECONNREFUSED') });
    // The bot comes up: a later attempt reaches it, as a Universal client, lifecycle connect first.
    const bot = await BotServer.start(port);
    await until(() => bot.connections.length === 1, 10_000, 'the connection once the bot is up');
    expect(bot.connections[0]!.headers['x-self-id']).toBe('10001');
    expect(await bot.latest.next(() => true)).toMatchObject({ meta_event_type: 'lifecycle', sub_type: 'connect', self_id: 10001 });
    await until(() => tw.network.status(10001)[0]!.state === 'connected', 10_000, 'the adapter to be connected');
    const adapter = tw.network.adapters(10001)[0]!;
    await adapter.stop();
    await adapter.stop();
    expect(adapter.status()).toMatchObject({ state: 'stopped', clients: 0 });
    expect(await bot.latest.closed).toBe(1000);
  });

  it('refuses a url that is not ws:// or wss://, naming the adapter', async () => {
    const tw = await transportWorld();
    await expect(tw.apply(10001, reverse('http://127.0.0.1:1/'))).rejects.toThrow(/websocketClients "rev".*ws:\/\//);
  });
});

describe('websocketClients config problems', () => {
  it('refuses a token that cannot be sent in a header, naming the adapter', async () => {
    const tw = await transportWorld();
    await expect(tw.apply(10001, reverse('ws://127.0.0.1:9/', { token: 'bad\ntoken' }))).rejects.toThrow(/websocketClients "rev"/);
  });
});
