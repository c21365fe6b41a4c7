import { NCWebsocket } from 'node-napcat-ts';
import { afterEach, describe, expect, it } from 'vitest';
import { catnapFor, groupTexts, hasAction } from './clients.js';
import { until } from '../helpers/transports.js';

type Catnap = Awaited<ReturnType<typeof catnapFor>>;

let catnap: Catnap | undefined;
let client: NCWebsocket | undefined;
afterEach(async () => {
  // Every successful reply the client got is what its action's result schema says.
  const problems = catnap?.results.problems() ?? [];
  await client?.disconnect();
  await catnap?.catnap.stop();
  client = undefined;
  catnap = undefined;
  expect(problems).toEqual([]);
});

/** Resolves with the first event node-napcat-ts emits under `name`. */
function once<T>(bot: NCWebsocket, name: string, timeoutMs = 15_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`node-napcat-ts emitted no ${name}`)), timeoutMs);
    (bot as unknown as { once(name: string, listener: (context: T) => void): void }).once(name, (context) => {
      clearTimeout(timer);
      resolve(context);
    });
  });
}

async function connect(token = 'napcat-token') {
  catnap = await catnapFor();
  await catnap.catnap.writeOnebotConfig(10001, {
    network: { websocketServers: [{ name: 'ws', enable: true, port: 0, token, heartInterval: 100 }] },
  });
  const url = new URL(catnap.endpoint('ws'));
  client = new NCWebsocket({
    protocol: 'ws',
    host: url.hostname,
    port: Number(url.port),
    accessToken: token,
    reconnection: { enable: false },
  });
  const lifecycle = once<{ self_id: number }>(client, 'meta_event.lifecycle.connect');
  await client.connect();
  return { bot: client, lifecycle };
}

describe('node-napcat-ts (forward WebSocket)', () => {
  it('connects, learns its self_id from lifecycle connect, gets heartbeats and answers API calls', async () => {
    const { bot, lifecycle } = await connect();
    expect((await lifecycle).self_id).toBe(10001);
    const heartbeat = await once<{ status: { online: boolean }; interval: number }>(bot, 'meta_event.heartbeat');
    expect(heartbeat).toMatchObject({ status: { online: true, good: true }, interval: 100 });
    expect(await bot.get_login_info()).toEqual({ user_id: 10001, nickname: 'Contract Bot' });
    const members = await bot.get_group_member_list({ group_id: 30001 });
    expect(members.map((member) => member.user_id).sort()).toEqual([10001, 20001, 20002]);
  });

  it('receives notices other accounts cause, routed by its own event names', async () => {
    const { bot } = await connect();
    const card = once<{ group_id: number; user_id: number; card_new: string }>(bot, 'notice.group_card');
    const ban = once<{ user_id: number; duration: number; operator_id: number }>(bot, 'notice.group_ban.ban');
    const admin = once<{ user_id: number }>(bot, 'notice.group_admin.unset');
    const world = catnap!.catnap.world;
    await world.groups.setCard(20001, 30001, 20002, 'Bobby');
    await world.groups.mute(20001, 30001, 20002, 90);
    await world.groups.setAdmin(20001, 30001, 10001, false);
    expect(await card).toMatchObject({ group_id: 30001, user_id: 20002, card_new: 'Bobby' });
    expect(await ban).toMatchObject({ user_id: 20002, duration: 90, operator_id: 20001 });
    expect(await admin).toMatchObject({ user_id: 10001 });
  });

  it('is refused before the upgrade with a wrong token', async () => {
    catnap = await catnapFor();
    await catnap.catnap.writeOnebotConfig(10001, {
      network: { websocketServers: [{ name: 'ws', enable: true, port: 0, token: 'right', heartInterval: 0 }] },
    });
    const url = new URL(catnap.endpoint('ws'));
    client = new NCWebsocket({
      protocol: 'ws',
      host: url.hostname,
      port: Number(url.port),
      accessToken: 'wrong',
      reconnection: { enable: false },
    });
    const error = once<{ error_type: string }>(client, 'socket.error');
    void client.connect();
    expect((await error).error_type).toBe('connect_error');
  });
});

describe('node-napcat-ts: a conversation', () => {
  it.skipIf(!hasAction('send_group_msg'))(
    'receives a group message another account sends; its answers (API call and quick_action) land in the history',
    async () => {
      const { bot } = await connect();
      bot.on('message.group', (context) => {
        const text = context.message.map((segment) => ('text' in segment.data ? segment.data.text : '')).join('');
        if (text === 'ping') void bot.send_group_msg({ group_id: context.group_id, message: [{ type: 'text', data: { text: 'pong' } }] });
        // node-napcat-ts answers through .handle_quick_operation.
        if (text === 'ping again')
          void (context as unknown as { quick_action(reply: unknown[]): Promise<unknown> }).quick_action([
            { type: 'text', data: { text: 'quick pong' } },
          ]);
      });
      expect((await catnap!.act(20001, 'send_group_msg', { group_id: 30001, message: 'ping' })).status).toBe('ok');
      await until(async () => (await groupTexts(catnap!.act, 20001, 10001)).includes('pong'), 10_000, 'the answer in the history');
      expect((await catnap!.act(20001, 'send_group_msg', { group_id: 30001, message: 'ping again' })).status).toBe('ok');
      await until(
        async () => (await groupTexts(catnap!.act, 20001, 10001)).includes('quick pong'),
        10_000,
        'the quick answer in the history',
      );
    },
  );
});
