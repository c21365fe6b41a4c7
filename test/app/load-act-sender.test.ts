import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { ActSender, SendError } from '../../src/app/load/act-sender.js';
import { CatnapClient } from '../../src/app/remote/catnap-client.js';

interface Call {
  readonly user_id: number;
  readonly action: string;
  readonly params: { group_id: number; message: { type: string; data: { text: string } }[] };
}

interface Held {
  readonly calls: Call[];
  /** Answers the request: envelopes (one per call by default), or an error that ran none. */
  answer(results?: unknown[]): void;
  refuse(code: string): void;
}

/** A stand-in for the admin API's live socket, whose `act` requests the test answers by hand. */
async function fakeAdmin() {
  const held: Held[] = [];
  const sockets: WebSocket[] = [];
  let connections = 0;
  let waiting: (() => void) | undefined;
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  wss.on('connection', (ws, request) => {
    connections++;
    sockets.push(ws);
    expect(request.url).toBe('/api/live?token=secret&streams=none');
    ws.send(JSON.stringify({ type: 'hello', time: Date.now(), streams: [] }));
    ws.on('message', (data) => {
      const { type, id, calls } = JSON.parse(String(data)) as { type: string; id: number; calls: Call[] };
      expect(type).toBe('act');
      const reply = (frame: object) => ws.send(JSON.stringify({ type: 'acted', id, ...frame }));
      held.push({
        calls,
        answer: (results) => reply({ results: results ?? calls.map((_, index) => ({ retcode: 0, data: { message_id: index + 1 } })) }),
        refuse: (code) => reply({ error: { code, message: `refused: ${code}` } }),
      });
      waiting?.();
    });
  });
  await new Promise<void>((resolve) => wss.once('listening', resolve));
  return {
    url: `http://127.0.0.1:${(wss.address() as AddressInfo).port}`,
    held,
    connections: () => connections,
    /** Closes the sockets open now, as a Catnap that stops does. */
    dropSockets: () => sockets.forEach((ws) => ws.terminate()),
    /** Resolves once `count` requests have arrived (answered or not). */
    async arrived(count: number) {
      while (held.length < count) await new Promise<void>((resolve) => (waiting = resolve));
    },
    close: () => new Promise<void>((resolve) => wss.close(() => resolve())),
  };
}

/** The live socket's address as `catnap load` makes it. */
const liveUrlOf = (url: string) => new CatnapClient({ url, token: 'secret', source: 'test' }).liveUrl(['none']);

let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

async function setUp(requests: number) {
  const admin = await fakeAdmin();
  const sender = new ActSender(liveUrlOf(admin.url), requests);
  cleanups.push(admin.close, () => sender.close());
  return { admin, sender };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('catnap load: the sender of act requests', () => {
  it("sends one turn's messages as one batch, each as its own send_group_msg call with its own answer", async () => {
    const { admin, sender } = await setUp(2);
    const ids = [sender.sendGroupText(20001, 40001, 'a'), sender.sendGroupText(20002, 40002, 'b')];
    await admin.arrived(1);
    expect(admin.held[0]!.calls).toEqual([
      { user_id: 20001, action: 'send_group_msg', params: { group_id: 40001, message: [{ type: 'text', data: { text: 'a' } }] } },
      { user_id: 20002, action: 'send_group_msg', params: { group_id: 40002, message: [{ type: 'text', data: { text: 'b' } }] } },
    ]);
    admin.held[0]!.answer([
      { retcode: 0, data: { message_id: 7 } },
      { retcode: 0, data: { message_id: 9 } },
    ]);
    expect(await Promise.all(ids)).toEqual([7, 9]);
  });

  it('keeps at most its number of requests out, and gathers what waits meanwhile into one batch', async () => {
    const { admin, sender } = await setUp(2);
    const first = sender.sendGroupText(20001, 40001, 'first');
    await admin.arrived(1);
    const second = sender.sendGroupText(20001, 40001, 'second');
    await admin.arrived(2);
    // Both requests are out: the next turns' sends wait, however many turns they span.
    const waiting: Promise<number>[] = [];
    for (let turn = 0; turn < 5; turn++) {
      waiting.push(sender.sendGroupText(20003, 40003, `waiting ${turn}`), sender.sendGroupText(20004, 40004, `waiting ${turn}`));
      await tick();
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(admin.held).toHaveLength(2);

    admin.held[0]!.answer();
    expect(await first).toBe(1);
    await admin.arrived(3);
    expect(admin.held[2]!.calls.map((call) => call.params.message[0]!.data.text)).toEqual(
      [0, 1, 2, 3, 4].flatMap((turn) => [`waiting ${turn}`, `waiting ${turn}`]),
    );
    admin.held[1]!.answer();
    admin.held[2]!.answer();
    expect(await second).toBe(1);
    expect(await Promise.all(waiting)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('fails each message by its own envelope, and every message of a batch the server refused', async () => {
    const { admin, sender } = await setUp(1);
    const good = sender.sendGroupText(20001, 40001, 'ok');
    const muted = sender.sendGroupText(20002, 40001, 'muted');
    await admin.arrived(1);
    admin.held[0]!.answer([
      { retcode: 0, data: { message_id: 3 } },
      { retcode: 1200, data: null },
    ]);
    expect(await good).toBe(3);
    await expect(muted).rejects.toEqual(new SendError('retcode 1200'));

    const refused = [sender.sendGroupText(20001, 40001, 'x'), sender.sendGroupText(20001, 40001, 'y')];
    await admin.arrived(2);
    admin.held[1]!.refuse('STOPPING');
    for (const send of refused) await expect(send).rejects.toEqual(new SendError('STOPPING'));
  });

  it('fails the requests out when the socket closes, and opens a new one for the next', async () => {
    const { admin, sender } = await setUp(2);
    const first = sender.sendGroupText(20001, 40001, 'lost');
    await admin.arrived(1);
    admin.dropSockets();
    await expect(first).rejects.toBeInstanceOf(SendError);
    await expect(first).rejects.toThrow(/socket closed/);
    const next = sender.sendGroupText(20001, 40001, 'again');
    await admin.arrived(2);
    admin.held[1]!.answer([{ retcode: 0, data: { message_id: 12 } }]);
    expect(await next).toBe(12);
    expect(admin.connections()).toBe(2);
  });

  it('fails a request that is not answered in time, as against a Catnap too old to take act requests', async () => {
    const admin = await fakeAdmin();
    const sender = new ActSender(liveUrlOf(admin.url), 1, 200);
    cleanups.push(admin.close, () => sender.close());
    const ignored = sender.sendGroupText(20001, 40001, 'ignored');
    await admin.arrived(1);
    await expect(ignored).rejects.toEqual(new SendError('no answer within 0.2 s'));
    // An answer after the timeout is not taken for a later request's.
    admin.held[0]!.answer([{ retcode: 0, data: { message_id: 1 } }]);
    const next = sender.sendGroupText(20001, 40001, 'next');
    await admin.arrived(2);
    admin.held[1]!.answer([{ retcode: 0, data: { message_id: 2 } }]);
    expect(await next).toBe(2);
  });

  it('fails every message when the socket cannot be opened', async () => {
    const admin = await fakeAdmin();
    await admin.close();
    const sender = new ActSender(liveUrlOf(admin.url), 1);
    cleanups.push(() => sender.close());
    await expect(sender.sendGroupText(20001, 40001, 'nowhere')).rejects.toEqual(new SendError('ECONNREFUSED'));
  });
});
