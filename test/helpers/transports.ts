import { request as httpRequest, type IncomingMessage } from 'node:http';
import { connect } from 'node:net';
import { WebSocket, type ClientOptions } from 'ws';
import { afterEach } from 'vitest';
import { allActions } from '../../src/onebot/actions/index.js';
import { ActionTable } from '../../src/onebot/action-table.js';
import type { ActionServices } from '../../src/onebot/action.js';
import { Dispatcher } from '../../src/onebot/dispatcher.js';
import { EventHub } from '../../src/onebot/events/event-hub.js';
import { allBuilders } from '../../src/onebot/events/builders/index.js';
import type { OneBotGateway } from '../../src/network/adapter.js';
import type { BrowserPolicy } from '../../src/network/browser-guard.js';
import type { TransportLimits } from '../../src/network/limits.js';
import { NetworkManager } from '../../src/network/network-manager.js';
import { parseOneBotConfig } from '../../src/network/onebot-config.js';
import { silentLogger, type Logger } from '../../src/util/logger.js';
import type { WorldFile } from '../../src/world/world-file.js';
import { onebotWorld } from './onebot.js';
import { type memoryWorld, smallWorld } from './world.js';

export interface TransportWorld {
  readonly world: Awaited<ReturnType<typeof memoryWorld>>['world'];
  readonly clock: Awaited<ReturnType<typeof memoryWorld>>['clock'];
  readonly gateway: OneBotGateway;
  readonly hub: EventHub;
  readonly dispatcher: Dispatcher;
  readonly network: NetworkManager;
  /** Applies one account's NapCat config (defaults filled) and fails on any adapter error. */
  apply(selfId: number, network: Record<string, unknown[]>): Promise<void>;
  /** The bound port of an adapter by name. */
  port(selfId: number, name: string): number;
  stop(): Promise<void>;
}

const running: TransportWorld[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((world) => world.stop()));
});

/** An in-memory world with the real dispatcher, event hub and network manager; stopped after each test. */
export async function transportWorld(
  file: WorldFile = smallWorld,
  options: { limits?: Partial<TransportLimits>; logger?: Logger; browser?: BrowserPolicy } = {},
): Promise<TransportWorld> {
  // The services (and whatever areas add to them) come from the shared OneBot test helper.
  const ob = await onebotWorld(file);
  const { world, clock } = ob;
  const logger = options.logger ?? silentLogger;
  const services: ActionServices = { ...ob.services, logger };
  const table = new ActionTable(allActions);
  const dispatcher = new Dispatcher(table, services, { rateLimitIntervalMs: 20 });
  ob.events.stop();
  const hub = new EventHub(world, { urls: services.urls }, logger, allBuilders);
  const stopHub = hub.start();
  const gateway: OneBotGateway = {
    dispatcher,
    events: hub,
    clock,
    logger,
    bodyLimit: 1024 * 1024,
    limits: options.limits,
    browser: options.browser,
  };
  const network = new NetworkManager(gateway, logger);
  const result: TransportWorld = {
    world,
    clock,
    gateway,
    hub,
    dispatcher,
    network,
    async apply(selfId, networkConfig) {
      const outcome = await network.apply(selfId, parseOneBotConfig({ network: networkConfig }));
      if (outcome.errors.length > 0) throw new Error(outcome.errors.map((error) => error.message).join('; '));
    },
    port(selfId, name) {
      const status = network.status(selfId).find((entry) => entry.name === name);
      if (!status) throw new Error(`no adapter ${name} for ${selfId}`);
      return Number(new URL(status.endpoint).port);
    },
    async stop() {
      await network.stop();
      stopHub();
      dispatcher.close();
      await world.close();
    },
  };
  running.push(result);
  return result;
}

/** A WebSocket test client that records every frame and can wait for one. */
export class TestSocket {
  readonly frames: any[] = [];
  readonly #waiters: { test: (frame: any) => boolean; resolve: (frame: any) => void }[] = [];
  closeCode: number | undefined;
  readonly closed: Promise<number>;
  #echo = 0;

  constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const frame = JSON.parse(data.toString());
      this.frames.push(frame);
      for (const waiter of [...this.#waiters]) {
        if (waiter.test(frame)) {
          this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
          waiter.resolve(frame);
        }
      }
    });
    this.closed = new Promise((resolve) => ws.on('close', (code) => resolve((this.closeCode = code))));
  }

  static async open(url: string, options: ClientOptions = {}): Promise<TestSocket> {
    const ws = new WebSocket(url, options);
    const socket = new TestSocket(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return socket;
  }

  /** The first frame (already received or to come) that matches. */
  next(test: (frame: any) => boolean, timeoutMs = 10_000): Promise<any> {
    const found = this.frames.find(test);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no matching frame within ${timeoutMs} ms; got ${JSON.stringify(this.frames).slice(0, 800)}`)),
        timeoutMs,
      );
      this.#waiters.push({ test, resolve: (frame) => (clearTimeout(timer), resolve(frame)) });
    });
  }

  /** Waits for the next event of a notice/request/meta type. */
  event(test: (frame: any) => boolean, timeoutMs?: number): Promise<any> {
    return this.next((frame) => frame.post_type !== undefined && test(frame), timeoutMs);
  }

  async call(action: string, params: unknown = {}): Promise<any> {
    const echo = `call-${++this.#echo}`;
    this.ws.send(JSON.stringify({ action, params, echo }));
    return this.next((frame) => frame.echo === echo);
  }

  close(): void {
    this.ws.close();
  }
}

/**
 * Sends a WebSocket upgrade request and returns what the server answered before any upgrade:
 * the HTTP status and body, or 101 when it accepted.
 */
export function rawUpgrade(port: number, path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({
      host: '127.0.0.1',
      port,
      path,
      headers: {
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': Buffer.from('0123456789abcdef').toString('base64'),
        ...headers,
      },
    });
    request.on('upgrade', (response, socket) => {
      socket.destroy();
      resolve({ status: response.statusCode ?? 0, body: '' });
    });
    request.on('response', (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('error', reject);
    request.end();
  });
}

/** Polls until `check` returns true (for states that change on another socket's schedule). */
export async function until(check: () => boolean | Promise<boolean>, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Opens an SSE adapter's `/_events` and gathers each `data:` frame's JSON into `frames`; `close()` ends it. */
export async function openSse(url: string): Promise<{ frames: any[]; close: () => void }> {
  const response = await new Promise<IncomingMessage>((resolve) => httpRequest(url, resolve).end());
  const frames: any[] = [];
  let buffer = '';
  response.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      if (line.startsWith('data: ')) frames.push(JSON.parse(line.slice(6)));
    }
  });
  return { frames, close: () => response.destroy() };
}

/**
 * Connects to `port` and sends nothing (what undici leaves when it abandons a request before
 * sending it); resolves once connected, with a promise of the connection's close.
 */
export async function silentConnection(port: number): Promise<{ closed: Promise<void> }> {
  const socket = connect(port, '127.0.0.1');
  await new Promise((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  return { closed: new Promise((resolve) => socket.once('close', () => resolve())) };
}
