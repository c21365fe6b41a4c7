import { describe, expect, it } from 'vitest';
import { parseCq, toCq } from '../../src/onebot/message/cq-code.js';
import type { DomainEvent } from '../../src/world/events.js';
import type { WorldFile } from '../../src/world/world-file.js';
import { startCatnap } from '../helpers/catnap.js';
import { png } from '../helpers/messages.js';
import { postJson } from '../helpers/spawn.js';

/** A (10001, a bot with its own HTTP API) and B (20001, driven through the admin act route) share group 30001. */
const world: WorldFile = {
  accounts: [
    {
      user_id: 10001,
      nickname: 'Bot A',
      bot: true,
      onebot: { network: { httpServers: [{ name: 'a-http', enable: true, host: '127.0.0.1', port: 0, token: 'ta' }] } },
    },
    { user_id: 20001, nickname: 'Bea' },
    { user_id: 1627126029, nickname: 'Seed user' },
  ],
  groups: [
    { group_id: 30001, group_name: 'Lounge', owner_id: 20001, members: [10001] },
    { group_id: 809079648, group_name: 'Seed group', owner_id: 10001, members: [1627126029] },
  ],
};

type Running = Awaited<ReturnType<typeof startCatnap>>;

/** A's OneBot HTTP API and B's act route, each answering the envelope. */
function clients(env: Running) {
  const url = env.catnap.network.status(10001)[0]!.endpoint;
  const asA = async (action: string, params: unknown) => (await postJson(`${url}/${action}`, params, { authorization: 'Bearer ta' })).json;
  const asB = async (action: string, params: unknown, format: 'array' | 'string' = 'array') =>
    (await env.admin('POST', `/api/world/act/20001/${action}${format === 'string' ? '?format=string' : ''}`, params)).json;
  return { asA, asB };
}

const ok = (envelope: { status: string; data: any; message: string }) => {
  expect(envelope.status, envelope.message).toBe('ok');
  return envelope.data;
};

describe('messages end to end', () => {
  it('two accounts chat, react, poke, recall; ids, history and media survive a restart', async () => {
    let env = await startCatnap(world);
    const dataDir = env.dataDir;
    try {
      let { asA, asB } = clients(env);
      const domain: DomainEvent[] = [];
      env.catnap.world.events.on((event) => domain.push(event));

      // B speaks first, A answers with text + at + image (base64) + reply + face.
      const question = ok(await asB('send_group_msg', { group_id: 30001, message: 'anyone there?' }));
      const sent = ok(
        await asA('send_group_msg', {
          group_id: 30001,
          message: [
            { type: 'reply', data: { id: String(question.message_id) } },
            { type: 'text', data: { text: 'hello ' } },
            { type: 'at', data: { qq: '20001' } },
            { type: 'image', data: { file: `base64://${png.toString('base64')}` } },
            { type: 'face', data: { id: '14' } },
          ],
        }),
      );
      expect(sent.message_id).toBe(question.message_id + 1);

      const history = ok(await asB('get_group_msg_history', { group_id: 30001, count: 20 }));
      const mine = history.messages.find((m: { message_id: number }) => m.message_id === sent.message_id);
      expect(mine).toMatchObject({ user_id: 10001, group_id: 30001, sender: { nickname: 'Bot A', role: 'member' }, post_type: 'message' });
      expect(mine.message.map((s: { type: string }) => s.type)).toEqual(['reply', 'text', 'at', 'image', 'face']);
      expect(mine.message[0].data).toEqual({ id: String(question.message_id) });
      expect(mine.message[2].data).toEqual({ qq: '20001' });

      // The string form is the CQ form of the array form, and parses back to it.
      const asString = ok(await asB('get_group_msg_history', { group_id: 30001, count: 20 }, 'string'));
      const mineString = asString.messages.find((m: { message_id: number }) => m.message_id === sent.message_id);
      expect(mineString.message).toBe(toCq(mine.message));
      expect(mineString.message).toBe(mine.raw_message);
      expect(parseCq(mineString.message)).toEqual(
        mine.message.map((s: { type: string; data: Record<string, unknown> }) => ({
          type: s.type,
          data: Object.fromEntries(
            Object.entries(s.data)
              .filter(([, v]) => v !== '')
              .map(([k, v]) => [k, String(v)]),
          ),
        })),
      );
      // Sending the string form gives the same message as sending the array form.
      const again = ok(await asA('send_group_msg', { group_id: 30001, message: mineString.message }));
      const againView = ok(await asB('get_msg', { message_id: again.message_id }));
      expect(againView.message).toEqual(mine.message);

      // The image URL serves the same bytes.
      const imageUrl = mine.message[3].data.url as string;
      expect(imageUrl.startsWith(env.catnap.webuiUrl)).toBe(true);
      expect(Buffer.from(await (await fetch(imageUrl)).arrayBuffer())).toEqual(png);

      // Reactions and pokes, visible through the actions and as events to the right accounts.
      ok(await asB('set_msg_emoji_like', { message_id: sent.message_id, emoji_id: '76' }));
      const likes = ok(await asA('fetch_emoji_like', { message_id: sent.message_id, emojiType: '1', emojiId: '76' }));
      expect(likes.emojiLikesList).toEqual([{ tinyId: '20001', nickName: 'Bea', headUrl: '' }]);
      expect(ok(await asA('get_msg', { message_id: sent.message_id })).emoji_likes_list).toEqual([
        { emoji_id: '76', emoji_type: '1', likes_cnt: '1' },
      ]);
      expect(ok(await asB('group_poke', { group_id: 30001, user_id: 10001 }))).toBeNull();
      const poke = domain.find((event) => event.type === 'poke');
      expect(poke).toMatchObject({ groupId: 30001, senderId: 20001, targetId: 10001 });
      expect(poke?.audience).toContain(10001);
      expect(domain.find((event) => event.type === 'message.reaction')).toMatchObject({
        userId: 20001,
        emojiId: '76',
        isAdd: true,
        likes: [{ emojiId: '76', count: 1 }],
      });

      // Restart on the same data dir: same ids, same content, same bytes.
      await env.catnap.stop();
      env = await startCatnap(world, { dataDir });
      ({ asA, asB } = clients(env));
      const after = ok(await asB('get_group_msg_history', { group_id: 30001, count: 20 }));
      expect(after.messages.map((m: { message_id: number }) => m.message_id)).toEqual(
        history.messages.map((m: { message_id: number }) => m.message_id).concat(again.message_id),
      );
      const mineAfter = after.messages.find((m: { message_id: number }) => m.message_id === sent.message_id);
      // Only the host of media URLs may differ: the test's web server listens on a new port 0.
      const withoutHost = (value: unknown) => JSON.parse(JSON.stringify(value).replace(/http:\/\/127\.0\.0\.1:\d+\//g, 'http://catnap/'));
      expect(withoutHost(mineAfter)).toEqual(withoutHost(mine));
      const imageAfter = mineAfter.message[3].data;
      expect(imageAfter.file).toBe(mine.message[3].data.file);
      expect(Buffer.from(await (await fetch(imageAfter.url)).arrayBuffer())).toEqual(png);
      expect(ok(await asA('get_msg', { message_id: sent.message_id })).emoji_likes_list).toEqual([
        { emoji_id: '76', emoji_type: '1', likes_cnt: '1' },
      ]);
      const next = ok(await asB('send_group_msg', { group_id: 30001, message: 'after restart' }));
      expect(next.message_id).toBe(again.message_id + 1);

      // Recall: history keeps it without its content (as NapCat lists QQ's recall notice), get_msg fails.
      expect(ok(await asA('delete_msg', { message_id: sent.message_id }))).toBeNull();
      const recalledHistory = ok(await asB('get_group_msg_history', { group_id: 30001, count: 20 }));
      expect(recalledHistory.messages.find((m: { message_id: number }) => m.message_id === sent.message_id)).toMatchObject({
        message: [],
        raw_message: '',
      });
      expect(await asB('get_msg', { message_id: sent.message_id })).toMatchObject({
        status: 'failed',
        retcode: 2109,
        message: `message ${sent.message_id} was recalled`,
      });
    } finally {
      await env.catnap.stop();
    }
  });

  it('takes every message-related body of the seed document verbatim', async () => {
    const env = await startCatnap(world);
    try {
      const { asA } = clients(env);
      const ok200 = (reply: { status: string }) => expect(reply.status).toBe('ok');
      // Bodies whose ids exist nowhere answer the world's clear error, as NapCat answers its own.
      expect(
        await asA('send_group_msg', { group_id: 2, message: [{ data: { text: 'occaecat sunt nisi aute' }, type: 'text' }] }),
      ).toMatchObject({ retcode: 2002, message: 'group 2 does not exist' });
      expect(
        await asA('send_private_msg', {
          user_id: 74,
          message: [
            { data: { text: 'occaecat cupidatat' }, type: 'cupidatat ipsum' },
            { data: { text: 'sint in' }, type: 'quis ullamco ex consectetur' },
          ],
        }),
      ).toMatchObject({ status: 'failed', retcode: 1400, message: 'message[0]: unknown segment type "cupidatat ipsum"' });
      expect(await asA('get_group_msg_history', { group_id: 46, count: 10 })).toMatchObject({
        retcode: 2002,
        message: 'group 46 does not exist',
      });
      expect(await asA('fetch_emoji_like', { message_id: 1972285709, emojiType: '1', emojiId: '76' })).toMatchObject({
        retcode: 2004,
        message: 'message 1972285709 does not exist',
      });
      expect(await asA('mark_group_msg_as_read', { group_id: '100' })).toMatchObject({ retcode: 2002 });
      expect(await asA('mark_private_msg_as_read', { group_id: '18' })).toMatchObject({ retcode: 2002 });
      ok200(await asA('get_recent_contact', { count: 10 }));
      ok200(await asA('group_poke', { group_id: 809079648, user_id: 1627126029 }));
      // The same bodies with ids of this world succeed.
      ok200(await asA('send_group_msg', { group_id: 30001, message: [{ data: { text: 'occaecat sunt nisi aute' }, type: 'text' }] }));
      ok200(await asA('get_group_msg_history', { group_id: 30001, count: 10 }));
      ok200(await asA('mark_group_msg_as_read', { group_id: '30001' }));
      ok200(await asA('mark_private_msg_as_read', { group_id: '30001' }));
      const contacts = await asA('get_recent_contact', { count: 10 });
      expect(contacts.data[0]).toMatchObject({
        peerUin: '30001',
        chatType: 2,
        unreadCnt: 0,
        lastestMsg: { raw_message: 'occaecat sunt nisi aute' },
      });
    } finally {
      await env.catnap.stop();
    }
  });
});
