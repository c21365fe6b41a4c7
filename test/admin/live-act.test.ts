import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { LiveFrame } from '../../src/contract/live.js';
import type { DomainEvent } from '../../src/world/events.js';
import { startCatnap } from '../helpers/catnap.js';
import { smallWorld } from '../helpers/world.js';

let env: Awaited<ReturnType<typeof startCatnap>>;
beforeAll(async () => {
  env = await startCatnap(smallWorld);
});
afterAll(() => env.catnap.stop());

const text = (value: string) => [{ type: 'text', data: { text: value } }];
type Acted = Extract<LiveFrame, { type: 'acted' }>;

/** A live socket for `act` requests: `ask` sends one (any JSON) and resolves with the frame that answers its id. */
async function openActSocket(query = '?streams=none') {
  const ws = new WebSocket(`${env.catnap.webuiUrl.replace('http', 'ws')}/api/live${query}`, {
    headers: { authorization: 'Bearer admin-token' },
  });
  const frames: LiveFrame[] = [];
  const answers: Acted[] = [];
  const waiting: (() => void)[] = [];
  ws.on('message', (data) => {
    const frame = JSON.parse(String(data)) as LiveFrame;
    frames.push(frame);
    if (frame.type === 'acted') answers.push(frame);
    for (const wake of waiting.splice(0)) wake();
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const answerTo = async (id: unknown): Promise<Acted> => {
    for (;;) {
      const found = answers.find((answer) => answer.id === id);
      if (found) return found;
      await new Promise<void>((resolve) => waiting.push(resolve));
    }
  };
  const ask = (request: unknown, id: unknown) => {
    ws.send(typeof request === 'string' ? request : JSON.stringify(request));
    return answerTo(id);
  };
  return { ws, frames, ask, close: () => ws.close() };
}

const history = async () =>
  (
    (await env.admin('POST', '/api/world/act/20001/get_group_msg_history', { group_id: 30001, count: 50 })).json.data.messages as {
      raw_message: string;
    }[]
  ).map((message) => message.raw_message);

describe('act requests on the live socket', () => {
  it('runs every call as its account, each a real message with its event, answering the envelopes in order', async () => {
    const socket = await openActSocket();
    const events: DomainEvent[] = [];
    const stop = env.catnap.world.events.on((event) => events.push(event));
    const answer = await socket.ask(
      {
        type: 'act',
        id: 'batch-1',
        calls: [
          { user_id: 20002, action: 'send_group_msg', params: { group_id: 30001, message: text('over the socket') } },
          { user_id: 20003, action: 'send_group_msg', params: { group_id: 30001, message: text('and another') } },
          { user_id: 20002, action: 'nope' },
          // Not a member of 30002: refused as the act route refuses it, the others still run.
          { user_id: 20002, action: 'send_group_msg', params: { group_id: 30002, message: text('not mine') } },
        ],
      },
      'batch-1',
    );
    stop();
    expect(answer.error).toBeUndefined();
    const results = answer.results as { retcode: number; data: { message_id?: number } | null }[];
    expect(results.map((result) => result.retcode).slice(0, 3)).toEqual([0, 0, 1404]);
    expect(results[3]!.retcode).not.toBe(0);
    expect(typeof results[0]!.data!.message_id).toBe('number');
    expect((await history()).slice(-2)).toEqual(['over the socket', 'and another']);
    expect(events.filter((event) => event.type === 'message.created')).toHaveLength(2);
    // `streams=none`: nothing but the greeting and the answer.
    expect(socket.frames.map((frame) => frame.type)).toEqual(['hello', 'acted']);
    expect(socket.frames[0]).toMatchObject({ type: 'hello', streams: [] });
    socket.close();
  });

  it('runs nothing when an account does not exist, and says so with the request id', async () => {
    const socket = await openActSocket();
    const before = await history();
    const answer = await socket.ask(
      {
        type: 'act',
        id: 7,
        calls: [
          { user_id: 20002, action: 'send_group_msg', params: { group_id: 30001, message: text('never') } },
          { user_id: 29999, action: 'send_group_msg', params: { group_id: 30001, message: text('nobody') } },
        ],
      },
      7,
    );
    expect(answer).toEqual({
      type: 'acted',
      id: 7,
      error: { code: 'USER_NOT_FOUND', message: 'user 29999 does not exist; no call was run' },
    });
    expect(await history()).toEqual(before);
    socket.close();
  });

  it('refuses a malformed request by its field and runs none of it; other messages are not requests', async () => {
    const socket = await openActSocket();
    const before = await history();
    const send = { user_id: 20002, action: 'send_group_msg', params: { group_id: 30001, message: text('malformed') } };
    const refusal = async (request: Record<string, unknown>, id: unknown) => {
      const answer = await socket.ask(request, id);
      expect(answer.results).toBeUndefined();
      expect(answer.error!.code).toBe('BAD_REQUEST');
      return answer.error!.message;
    };
    expect(await refusal({ type: 'act', id: 1, calls: [] }, 1)).toMatch(/^invalid act request: calls/);
    expect(await refusal({ type: 'act', id: 2, calls: [{ ...send, acton: 'x' }] }, 2)).toMatch(/calls\.0\.acton: unknown key/);
    expect(await refusal({ type: 'act', id: 3, calls: Array.from({ length: 1001 }, () => send) }, 3)).toMatch(/calls/);
    expect(await refusal({ type: 'act', id: 4, calls: [send], extra: true }, 4)).toMatch(/extra: unknown key/);
    // No id to echo: the answer says null.
    expect(await refusal({ type: 'act', calls: [send] }, null)).toMatch(/id/);
    // Not JSON, or no request at all: ignored, and the socket carries on.
    socket.ws.send('not json');
    socket.ws.send(JSON.stringify({ type: 'something else', id: 5 }));
    const after = await socket.ask({ type: 'act', id: 6, calls: [{ user_id: 20001, action: 'get_login_info' }] }, 6);
    expect((after.results as { retcode: number }[])[0]!.retcode).toBe(0);
    expect(socket.frames.filter((frame) => frame.type === 'acted').map((frame) => frame.id)).toEqual([1, 2, 3, 4, null, 6]);
    expect(await history()).toEqual(before);
    socket.close();
  });

  it('answers every request of a socket that also streams, and needs the web UI token like the rest of it', async () => {
    const socket = await openActSocket('?streams=domain');
    const asked = [1, 2, 3].map((id) =>
      socket.ask(
        { type: 'act', id, calls: [{ user_id: 20002, action: 'send_group_msg', params: { group_id: 30001, message: text(`n${id}`) } }] },
        id,
      ),
    );
    const answers = await Promise.all(asked);
    expect(answers.map((answer) => (answer.results as { retcode: number }[])[0]!.retcode)).toEqual([0, 0, 0]);
    expect(socket.frames.some((frame) => frame.type === 'domain')).toBe(true);
    socket.close();

    const status = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`${env.catnap.webuiUrl.replace('http', 'ws')}/api/live?streams=none`, {
        headers: { authorization: 'Bearer wrong-token' },
      });
      ws.on('unexpected-response', (_request, response) => {
        resolve(response.statusCode ?? 0);
        ws.terminate();
      });
      ws.on('error', () => undefined);
    });
    expect(status).toBe(403);
  });

  it('refuses more than 64 requests of one socket running at once; another socket is not held up', async () => {
    const rule = await env.admin('POST', '/api/faults', { self_id: 20003, action: 'send_group_msg', effect: { type: 'no_reply' } });
    expect(rule.status).toBe(201);
    const socket = await openActSocket();
    try {
      const held = { user_id: 20003, action: 'send_group_msg', params: { group_id: 30001, message: text('held') } };
      for (let id = 1; id <= 64; id++) socket.ws.send(JSON.stringify({ type: 'act', id, calls: [held] }));
      const refused = await socket.ask({ type: 'act', id: 65, calls: [{ user_id: 20001, action: 'get_login_info' }] }, 65);
      expect(refused.error).toEqual({
        code: 'TOO_MANY_REQUESTS',
        message: '64 act requests of this socket are still running; send more as they answer',
      });
      // Another socket is not held up by this one's.
      const other = await openActSocket();
      const ran = await other.ask({ type: 'act', id: 1, calls: [{ user_id: 20001, action: 'get_login_info' }] }, 1);
      expect((ran.results as { retcode: number }[])[0]!.retcode).toBe(0);
      other.close();
    } finally {
      await env.admin('DELETE', '/api/faults');
      socket.close();
    }
  });

  it('cuts off a client that sends requests and does not read the answers, rather than hold them all', async () => {
    const socket = await openActSocket();
    const closed = new Promise<void>((resolve) => socket.ws.once('close', () => resolve()));
    let gone = false;
    void closed.then(() => (gone = true));
    // The client stops reading (its socket, under ws); each answer is about 150 KB (a thousand envelopes).
    const wire = (socket.ws as unknown as { _socket: Socket })._socket;
    wire.pause();
    const calls = Array.from({ length: 1000 }, () => ({ user_id: 20001, action: 'get_login_info' }));
    const request = JSON.stringify({ type: 'act', id: 0, calls });
    for (let sent = 0; sent < 400 && !gone; sent++) {
      socket.ws.send(request);
      // Now and then a moment for Catnap to answer, keeping fewer than 64 requests running.
      if (sent % 10 === 9) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(gone).toBe(true);
    wire.resume();
    await closed;
    // Catnap still answers others.
    const other = await openActSocket();
    const ran = await other.ask({ type: 'act', id: 1, calls: [{ user_id: 20001, action: 'get_login_info' }] }, 1);
    expect((ran.results as { retcode: number }[])[0]!.retcode).toBe(0);
    other.close();
  });
});
