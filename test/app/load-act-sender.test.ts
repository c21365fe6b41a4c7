import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ActSender, SendError } from '../../src/app/load/act-sender.js';

interface Call {
  readonly user_id: number;
  readonly action: string;
  readonly params: { group_id: number; message: { type: string; data: { text: string } }[] };
}

/** A stand-in for `POST /api/world/act-batch` whose answers the test releases by hand. */
async function fakeAdmin() {
  const held: { calls: Call[]; answer: (status: number, results?: unknown[]) => void }[] = [];
  let waiting: (() => void) | undefined;
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      expect(request.url).toBe('/api/world/act-batch');
      expect(request.headers.authorization).toBe('Bearer secret');
      const { calls } = JSON.parse(body) as { calls: Call[] };
      held.push({
        calls,
        answer: (status, results) => {
          response.writeHead(status, { 'content-type': 'application/json' });
          response.end(JSON.stringify({ results: results ?? calls.map((_, index) => ({ retcode: 0, data: { message_id: index + 1 } })) }));
        },
      });
      waiting?.();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    held,
    /** Resolves once `count` requests have arrived (answered or not). */
    async arrived(count: number) {
      while (held.length < count) await new Promise<void>((resolve) => (waiting = resolve));
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

async function setUp(requests: number) {
  const admin = await fakeAdmin();
  const sender = new ActSender(admin.url, 'secret', requests);
  cleanups.push(admin.close, () => sender.close());
  return { admin, sender };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('catnap load: the act-batch sender', () => {
  it("sends one turn's messages as one batch, each as its own send_group_msg call with its own answer", async () => {
    const { admin, sender } = await setUp(2);
    const ids = [sender.sendGroupText(20001, 40001, 'a'), sender.sendGroupText(20002, 40002, 'b')];
    await admin.arrived(1);
    expect(admin.held[0]!.calls).toEqual([
      { user_id: 20001, action: 'send_group_msg', params: { group_id: 40001, message: [{ type: 'text', data: { text: 'a' } }] } },
      { user_id: 20002, action: 'send_group_msg', params: { group_id: 40002, message: [{ type: 'text', data: { text: 'b' } }] } },
    ]);
    admin.held[0]!.answer(200, [
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

    admin.held[0]!.answer(200);
    expect(await first).toBe(1);
    await admin.arrived(3);
    expect(admin.held[2]!.calls.map((call) => call.params.message[0]!.data.text)).toEqual(
      [0, 1, 2, 3, 4].flatMap((turn) => [`waiting ${turn}`, `waiting ${turn}`]),
    );
    admin.held[1]!.answer(200);
    admin.held[2]!.answer(200);
    expect(await second).toBe(1);
    expect(await Promise.all(waiting)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('fails each message by its own envelope, and every message of a batch the server refused', async () => {
    const { admin, sender } = await setUp(1);
    const good = sender.sendGroupText(20001, 40001, 'ok');
    const muted = sender.sendGroupText(20002, 40001, 'muted');
    await admin.arrived(1);
    admin.held[0]!.answer(200, [
      { retcode: 0, data: { message_id: 3 } },
      { retcode: 1200, data: null },
    ]);
    expect(await good).toBe(3);
    await expect(muted).rejects.toEqual(new SendError('retcode 1200'));

    const refused = [sender.sendGroupText(20001, 40001, 'x'), sender.sendGroupText(20001, 40001, 'y')];
    await admin.arrived(2);
    admin.held[1]!.answer(503, []);
    for (const send of refused) await expect(send).rejects.toEqual(new SendError('HTTP 503'));
  });
});
