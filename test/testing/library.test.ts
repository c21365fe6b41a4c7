import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { TranscriptEntryView } from '../../src/contract/admin/transcript.js';
import { describeMatch } from '../../src/app/testing/describe-entries.js';
import { ExpectationError, startWorld, type TestWorld, type WaitMatch, type WaitMatchOf } from '../../src/app/testing/index.js';

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
    const entry = await world.expectMessage({ text: 'pong', group: 30001 });
    expect(entry.kind).toBe('message');
    await world.user(20002).say('/ping');
    await world.expectMessage({ regex: '^pong$', user: 20002 });
  });

  it('expects calls by a params subset, and silence', async () => {
    await world.user(20002).say('/mute 20003', { group: 30001 });
    await world.expectCall('set_group_ban', { user_id: 20003 });
    await world.user(20001).say('hello', { group: 30001 });
    await world.expectNone({}, { within: 200 });
  });

  it('fails with the nearest message and a diff', async () => {
    await world.user(20001).say('/ping', { group: 30001 });
    const failure = await world.expectMessage({ text: 'pang', group: 30001 }, { within: 300 }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ExpectationError);
    expect((failure as Error).message).toContain('- expected: "pang"');
    expect((failure as Error).message).toContain('+ actual:   "pong"');
    await world.user(20001).say('/image', { group: 30001 });
    await expect(world.expectMessage({ text: 'picture', segments: ['image'] }, { within: 300 })).rejects.toThrow(/with segments image/);
    await world.user(20001).say('/ping', { group: 30001 });
    await expect(world.expectNone({ text: 'pong' }, { within: 300 })).rejects.toThrow(/expected no message/);
    await expect(world.expectCall('set_group_kick', {}, { within: 200 })).rejects.toThrow(/expected a call of set_group_kick/);
    await world.user(20001).poke(undefined, { group: 30001 });
    await expect(world.expectNone({ kind: 'notice', notice_type: 'notify', group_id: 30001 }, { within: 300 })).rejects.toThrow(
      /^expected no notify notice in group 30001 for 300 ms, but: notice notify\/poke /,
    );
  });

  it('words each kind of wait by what it is', () => {
    // Each kind's matches are typed by that kind's entry fields (WaitMatchOf): no cast needed for `duration` and the like.
    const described: { [K in WaitMatch['kind']]: [WaitMatchOf<K>, string][] } = {
      message: [
        [{ kind: 'message', from: 10001, group_id: 30001, text: 'pong' }, 'a message from 10001 in group 30001 containing "pong"'],
        [{ kind: 'message', user_id: 20002, regex: '^pong$' }, 'a message in private chat with 20002 matching /^pong$/'],
      ],
      call: [
        [
          { kind: 'call', action: 'set_group_ban', self_id: 10001, params: { duration: 60 } },
          'a call of set_group_ban by 10001 with params including {"duration":60}',
        ],
        [{ kind: 'call', retcode: 0 }, 'a call of any action with retcode=0'],
      ],
      recall: [
        [{ kind: 'recall', message_id: 7, group_id: 30001, operator_id: 20001 }, 'a recall of message 7 in group 30001 by 20001'],
        [{ kind: 'recall' }, 'a recall of a message'],
      ],
      reaction: [
        [{ kind: 'reaction', emoji_id: '76', is_add: true, message_id: 7, user_id: 20001 }, 'a reaction 76 added on message 7 by 20001'],
        [{ kind: 'reaction', is_add: false }, 'a reaction taken back on a message'],
      ],
      notice: [
        [
          { kind: 'notice', notice_type: 'group_ban', sub_type: 'ban', group_id: 30001, user_id: 20003, duration: 60 },
          'a group_ban/ban notice in group 30001 about 20003 with duration=60',
        ],
        [{ kind: 'notice', notice_type: 'offline_file' }, 'an offline_file notice'],
        [{ kind: 'notice', sub_type: 'poke' }, 'a notice with sub_type="poke"'],
      ],
      request: [
        [
          { kind: 'request', request_type: 'group', sub_type: 'add', user_id: 20004, group_id: 30001 },
          'a group/add request from 20004 for group 30001',
        ],
        [{ kind: 'request', request_type: 'friend', comment: 'hi' }, 'a friend request with comment="hi"'],
      ],
      fault: [
        [
          { kind: 'fault', rule_id: 3, effect: 'fail', action: 'send_group_msg', self_id: 10001, retcode: 1200 },
          'a fault of rule 3 firing (fail) on a call of send_group_msg for 10001 with retcode=1200',
        ],
        [{ kind: 'fault', event: 'message' }, 'a fault firing on a message event'],
      ],
      clock: [
        [{ kind: 'clock' }, 'a clock move'],
        [{ kind: 'clock', to_ms: 1000 }, 'a clock move to 1000'],
      ],
      mark: [
        [{ kind: 'mark', name: 'before' }, 'a mark named "before"'],
        [{ kind: 'mark' }, 'a mark'],
      ],
      restore: [
        [{ kind: 'restore', snapshot: 'clean' }, 'a restore of snapshot "clean"'],
        [{ kind: 'restore' }, 'a snapshot restore'],
      ],
      extra: [
        [{ kind: 'extra', source: 'load' }, 'an entry from load'],
        [{ kind: 'extra' }, 'an extra entry'],
      ],
    };
    // Every kind a wait may name (the contract's list), so a new kind needs its words here too.
    const kinds = (TranscriptEntryView.properties.kind.anyOf as { const: string }[]).map((literal) => literal.const);
    expect(Object.keys(described).sort()).toEqual([...kinds].sort());
    for (const [match, words] of Object.values(described).flat()) expect(describeMatch(match)).toBe(words);
    // No kind but a notice is worded as one.
    for (const kind of kinds.filter((kind) => kind !== 'notice')) expect(describeMatch({ kind } as WaitMatch)).not.toContain('notice');
    expect(describeMatch({ kind: 'message', text: 'x' }, { segments: ['image'] })).toBe('a message containing "x" with segments image');
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
