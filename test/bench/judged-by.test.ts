import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startCatnap } from '../helpers/catnap.js';
import { until } from '../helpers/transports.js';

/** A real bot over NapCat's forward WebSocket: answers "/ping" in a group with "pong". */
async function pingBot(url: string): Promise<WebSocket> {
  const socket = new WebSocket(url);
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  socket.on('message', (data) => {
    const event = JSON.parse(String(data)) as { post_type?: string; message_type?: string; raw_message?: string; group_id?: number };
    if (event.post_type === 'message' && event.message_type === 'group' && event.raw_message === '/ping') {
      socket.send(JSON.stringify({ action: 'send_group_msg', params: { group_id: event.group_id, message: 'pong' }, echo: 'p' }));
    }
  });
  return socket;
}

const world = {
  accounts: [
    {
      user_id: 10001,
      nickname: 'Bot',
      bot: true,
      onebot: { network: { websocketServers: [{ name: 'ws', enable: true, host: '127.0.0.1', port: 0, heartInterval: 0 }] } },
    },
    { user_id: 20001, nickname: 'Alice' },
    { user_id: 20002, nickname: 'Bob' },
  ],
  groups: [{ group_id: 30001, group_name: 'G', owner_id: 20001, members: [10001, 20002] }],
};

describe('the test bench, as the issue judges it', () => {
  let stop: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await stop?.();
    stop = undefined;
  });

  it('snapshot, /ping, wait for the reply, a day passes, restore, again: the same transcript text', async () => {
    // What `catnap start --world w.json --seed 1 --clock frozen` does.
    const { catnap, admin } = await startCatnap(world, { catnap: { seed: 1, clockStart: { frozen: true } } });
    const bot = await pingBot(catnap.network.status(10001)[0]!.endpoint);
    stop = async () => {
      bot.close();
      await catnap.stop();
    };
    expect((await admin('POST', '/api/world/snapshots', { name: 'before' })).status).toBe(201);

    const round = async () => {
      const { mark } = (await admin('POST', '/api/world/marks', { name: 'round' })).json;
      await admin('POST', '/api/world/act/20002/send_group_msg', { group_id: 30001, message: '/ping' });
      const waited = await admin('POST', '/api/world/wait', {
        since: mark,
        match: { kind: 'message', from: 10001, group_id: 30001, text: 'pong' },
        timeout_ms: 10_000,
      });
      expect(waited.status).toBe(200);
      expect(waited.json.matched[0]).toMatchObject({ kind: 'message', from: 10001, group_id: 30001, text: 'pong' });
      const call = await admin('POST', '/api/world/wait', {
        since: mark,
        match: { kind: 'call', self_id: 10001, action: 'send_group_msg', params: { group_id: 30001 } },
      });
      expect(call.json.matched[0]).toMatchObject({ transport: 'ws', retcode: 0, params: { message: 'pong' } });
      const response = await fetch(`${catnap.webuiUrl}/api/world/transcript?since=${mark}&format=text`, {
        headers: { authorization: 'Bearer admin-token' },
      });
      expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
      return { mark, text: await response.text(), messageId: waited.json.matched[0].message_id as number };
    };

    const first = await round();
    expect(first.text).toContain('message group 30001 from 20002: /ping');
    expect(first.text).toContain('message group 30001 from 10001: pong');
    expect(first.text).toContain('call 10001 ws send_group_msg {"group_id":30001,"message":"pong"} -> ok 0');
    await admin('POST', '/api/clock', { advance: '1d' });
    const restored = await admin('POST', '/api/world/snapshots/before/restore');
    expect(restored.status).toBe(200);
    const second = await round();
    expect(second.mark).not.toBe(first.mark);
    expect(second.text).toBe(first.text);
    expect(second.messageId).toBe(first.messageId);

    // The whole record shows the day passing and the restore, in order.
    const all = await fetch(`${catnap.webuiUrl}/api/world/transcript?since=${first.mark}&format=text`, {
      headers: { authorization: 'Bearer admin-token' },
    });
    const lines = (await all.text()).split('\n');
    expect(lines.findIndex((line) => line.includes('clock +86400s'))).toBeLessThan(
      lines.findIndex((line) => line.includes('restore before')),
    );
  });

  it('waits for counts, for silence, and says what came closest when nothing matches', async () => {
    const { catnap, admin } = await startCatnap(world, { catnap: { seed: 1, clockStart: { frozen: true } } });
    stop = () => catnap.stop();
    const { mark } = (await admin('POST', '/api/world/marks')).json;
    const say = (text: string) => admin('POST', '/api/world/act/20002/send_group_msg', { group_id: 30001, message: text });
    await say('one');
    await say('two');
    const two = await admin('POST', '/api/world/wait', { since: mark, match: { kind: 'message', regex: '^(one|two)$' }, count: 2 });
    expect(two.json.matched.map((entry: { text: string }) => entry.text)).toEqual(['one', 'two']);

    // Without `since`, a wait counts what comes after it arrives.
    const waiting = admin('POST', '/api/world/wait', { match: { kind: 'message', text: 't' }, timeout_ms: 30_000 });
    // Only once Catnap holds the wait: sent before that, 'three' would rightly not count.
    await until(() => catnap.transcript.pendingWaits === 1, 30_000, 'the wait to be pending');
    await say('three');
    expect((await waiting).json.matched[0].text).toBe('three');

    const silent = await admin('POST', '/api/world/wait', {
      since: mark,
      match: { kind: 'message', from: 10001 },
      none: true,
      timeout_ms: 100,
    });
    expect(silent.status).toBe(200);
    expect(silent.json.matched).toEqual([]);
    const spoke = await admin('POST', '/api/world/wait', {
      since: mark,
      match: { kind: 'message', from: 20002 },
      none: true,
      timeout_ms: 100,
    });
    expect(spoke.status).toBe(409);
    expect(spoke.json.matched.length).toBeGreaterThan(0);

    const missed = await admin('POST', '/api/world/wait', {
      since: mark,
      match: { kind: 'message', from: 20002, text: 'four' },
      timeout_ms: 100,
    });
    expect(missed.status).toBe(408);
    expect(missed.json.error.code).toBe('TIMEOUT');
    expect(missed.json.closest.map((entry: { text: string }) => entry.text)).toEqual(['three', 'two', 'one']);

    expect((await admin('POST', '/api/world/wait', { match: { kind: 'message', regex: '(' }, timeout_ms: 10 })).status).toBe(400);
    expect((await admin('POST', '/api/world/wait', { match: { kind: 'nonsense' } })).status).toBe(400);
    // Compiled and tested against every entry while the wait lasts: a pattern's length is bounded.
    expect((await admin('POST', '/api/world/wait', { match: { kind: 'message', regex: 'a'.repeat(1001) }, timeout_ms: 10 })).status).toBe(
      400,
    );
    expect((await admin('POST', '/api/world/wait', { match: { kind: 'message' }, timeout_ms: -1 })).status).toBe(400);

    const json = await admin('GET', `/api/world/transcript?since=${mark}`);
    expect(json.json.entries.filter((entry: { kind: string }) => entry.kind === 'message')).toHaveLength(3);
    expect(
      json.json.entries.some((entry: { kind: string; action?: string }) => entry.kind === 'call' && entry.action === 'send_group_msg'),
    ).toBe(true);
  });

  it('records notices and requests, and what other areas add', async () => {
    const { catnap, admin } = await startCatnap(world, { catnap: { seed: 1, clockStart: { frozen: true } } });
    stop = () => catnap.stop();
    const { mark } = (await admin('POST', '/api/world/marks')).json;
    await admin('POST', '/api/world/act/20001/set_group_ban', { group_id: 30001, user_id: 20002, duration: 60 });
    const ban = await admin('POST', '/api/world/wait', {
      since: mark,
      match: { kind: 'notice', notice_type: 'group_ban', sub_type: 'ban', user_id: 20002 },
    });
    expect(ban.json.matched[0]).toMatchObject({ operator_id: 20001, duration: 60 });
    await admin('POST', '/api/world/requests/friend', { user_id: 20002, target_id: 10001, comment: 'hi' });
    const request = await admin('POST', '/api/world/wait', {
      since: mark,
      match: { kind: 'request', request_type: 'friend', user_id: 20002 },
    });
    expect(request.json.matched[0].comment).toBe('hi');
    catnap.transcript.recordExtra('fault', 'dropped send_group_msg of 10001', { rule: 'r1' });
    const extra = await admin('POST', '/api/world/wait', { since: mark, match: { kind: 'extra', source: 'fault', rule: 'r1' } });
    expect(extra.json.matched[0].line).toBe('fault dropped send_group_msg of 10001');
  });
});
