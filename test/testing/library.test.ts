import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ExpectationError, startWorld, type TestWorld } from '../../src/app/testing/index.js';

/** A tiny in-process OneBot bot on the forward WebSocket: answers /ping, mutes on /mute. */
function pingBot(url: string, token: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, token ? { headers: { authorization: `Bearer ${token}` } } : {});
    socket.on('error', reject);
    socket.on('open', () => resolve(socket));
    socket.on('message', (frame) => {
      const event = JSON.parse(String(frame)) as {
        post_type?: string;
        message_type?: string;
        group_id?: number;
        user_id?: number;
        raw_message?: string;
      };
      if (event.post_type !== 'message') return;
      const reply = (message: unknown) =>
        socket.send(
          JSON.stringify(
            event.message_type === 'group'
              ? { action: 'send_group_msg', params: { group_id: event.group_id, message } }
              : { action: 'send_private_msg', params: { user_id: event.user_id, message } },
          ),
        );
      if (event.raw_message === '/ping') reply('pong');
      if (event.raw_message === '/image') reply([{ type: 'text', data: { text: 'a picture' } }]);
      const mute = /^\/mute (\d+)$/.exec(event.raw_message ?? '');
      if (mute)
        socket.send(
          JSON.stringify({ action: 'set_group_ban', params: { group_id: event.group_id, user_id: Number(mute[1]), duration: 60 } }),
        );
    });
  });
}

/** For an answer the bot gives: the default 2 s is short for a bot on a loaded 2-core machine. */
const answer = { within: 30_000 };

let world: TestWorld;
let socket: WebSocket;
beforeAll(async () => {
  world = await startWorld();
  socket = await pingBot(world.bot!.wsUrl!, world.bot!.token);
  await world.waitForBot();
});
afterAll(async () => {
  socket?.close();
  await world?.stop();
});
beforeEach(() => world.reset());

describe('catnap/testing', () => {
  it('makes people speak and waits for the bot, in groups and privately', async () => {
    await world.user(20001).say('/ping', { group: 30001 });
    const entry = await world.expectMessage({ text: 'pong', group: 30001 }, answer);
    expect(entry.kind).toBe('message');
    await world.user(20002).say('/ping');
    await world.expectMessage({ regex: '^pong$', user: 20002 }, answer);
  });

  it('expects calls by a params subset, and silence', async () => {
    await world.user(20002).say('/mute 20003', { group: 30001 });
    await world.expectCall('set_group_ban', { user_id: 20003 }, answer);
    await world.user(20001).say('hello', { group: 30001 });
    await world.expectNone({}, { within: 200 });
  });

  it('fails with the nearest message and a diff', async () => {
    // Each failing expectation first waits for the bot's answer it is to report (a bot on a
    // loaded machine may take longer than the 300 ms the failing one waits): both count from
    // the same verb, so the answer is the near miss, and the one an expectNone sees.
    await world.user(20001).say('/ping', { group: 30001 });
    await world.expectMessage({ text: 'pong', group: 30001 }, answer);
    const failure = await world.expectMessage({ text: 'pang', group: 30001 }, { within: 300 }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ExpectationError);
    expect((failure as Error).message).toContain('- expected: "pang"');
    expect((failure as Error).message).toContain('+ actual:   "pong"');
    await world.user(20001).say('/image', { group: 30001 });
    await world.expectMessage({ text: 'a picture', group: 30001 }, answer);
    await expect(world.expectMessage({ text: 'picture', segments: ['image'] }, { within: 300 })).rejects.toThrow(/with segments image/);
    await world.user(20001).say('/ping', { group: 30001 });
    await world.expectMessage({ text: 'pong', group: 30001 }, answer);
    await expect(world.expectNone({ text: 'pong' }, { within: 300 })).rejects.toThrow(/expected no message/);
    await expect(world.expectCall('set_group_kick', {}, { within: 200 })).rejects.toThrow(/expected a call of set_group_kick/);
    await world.user(20001).poke(undefined, { group: 30001 });
    await expect(world.expectNone({ kind: 'notice', notice_type: 'notify', group_id: 30001 }, { within: 300 })).rejects.toThrow(
      /^expected no notify notice in group 30001 for 300 ms, but: notice notify\/poke /,
    );
  });

  it('counts expectations from a clock jump, but not from a freeze', async () => {
    await world.user(20001).say('/ping', { group: 30001 });
    await world.expectMessage({ text: 'pong', group: 30001 }, answer);
    await world.clock.freeze();
    await world.expectMessage({ text: 'pong', group: 30001 }, { within: 300 });
    await world.clock.set((await world.clock.now()).now + 3600);
    await world.expectNone({ text: 'pong' }, { within: 200 });
    await world.clock.freeze(false);
  });

  it('changes the world and moves the clock; reset puts it back', async () => {
    await world.group(30002).join(20004);
    const before = await world.clock.now();
    await world.clock.advance('1d');
    expect((await world.clock.now()).now).toBeGreaterThanOrEqual(before.now + 86_400);
    const text = await world.transcript({ format: 'text' });
    expect(typeof text).toBe('string');
    await world.reset();
    const members = await world.user(20001).act('get_group_member_list', { group_id: 30002 });
    expect((members.data as { user_id: number }[]).map((member) => member.user_id)).not.toContain(20004);
  });
});
