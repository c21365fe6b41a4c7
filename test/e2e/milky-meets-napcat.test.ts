import { NCWebsocket } from 'node-napcat-ts';
import { afterEach, describe, expect, it } from 'vitest';
import type { WorldFile } from '../../src/world/world-file.js';
import { startCatnap } from '../helpers/catnap.js';
import { expectSpecEvent, expectSpecReply } from '../helpers/milky.js';
import { postJson } from '../helpers/spawn.js';
import { TestSocket } from '../helpers/transports.js';

/** A Milky bot (10001) and a NapCat bot (10002) in one group with a person (20001). */
const world: WorldFile = {
  accounts: [
    { user_id: 10001, nickname: 'Milky Bot', bot: true, milky: { http: { port: 0, prefix: '/milky', accessToken: 'milky-token' } } },
    {
      user_id: 10002,
      nickname: 'NapCat Bot',
      bot: true,
      onebot: { network: { websocketServers: [{ name: 'ws', enable: true, port: 0, token: 'napcat-token' }] } },
    },
    { user_id: 20001, nickname: 'Alice' },
  ],
  groups: [{ group_id: 30001, group_name: 'Meeting Point', owner_id: 20001, admins: [10001], members: [10002] }],
};

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('a Milky bot and a NapCat bot in the same group, over real sockets', () => {
  it('the NapCat bot receives the Milky bot’s message, and its reply reaches the Milky event stream', async () => {
    const env = await startCatnap(world);
    cleanups.push(() => env.catnap.stop());
    const milkyPort = env.catnap.milky.manager.server(10001)!.port;
    const milky = async (api: string, input: unknown) => {
      const { status, json } = await postJson(`http://127.0.0.1:${milkyPort}/milky/api/${api}`, input, {
        authorization: 'Bearer milky-token',
      });
      expect(status).toBe(200);
      expectSpecReply(api, json);
      return json;
    };
    const events = await TestSocket.open(`ws://127.0.0.1:${milkyPort}/milky/event`, { headers: { authorization: 'Bearer milky-token' } });
    cleanups.push(async () => events.close());

    // The NapCat bot, through node-napcat-ts: answers every group message with "pong: <text>".
    const ws = new URL(env.catnap.network.status(10002)[0]!.endpoint);
    const napcat = new NCWebsocket({
      protocol: 'ws',
      host: ws.hostname,
      port: Number(ws.port),
      accessToken: 'napcat-token',
      reconnection: { enable: false },
    });
    const heard: { user_id: number; raw_message: string }[] = [];
    napcat.on('message.group', (context) => {
      heard.push({ user_id: context.user_id, raw_message: context.raw_message });
      if (context.user_id === 10002) return;
      void napcat.send_group_msg({
        group_id: context.group_id,
        message: [{ type: 'text', data: { text: `pong: ${context.raw_message}` } }],
      });
    });
    await napcat.connect();
    cleanups.push(async () => napcat.disconnect());

    const sent = await milky('send_group_message', { group_id: 30001, message: [{ type: 'text', data: { text: 'ping from Milky' } }] });
    expect(sent).toMatchObject({ status: 'ok', data: { message_seq: 1 } });

    const reply = expectSpecEvent(
      await events.next((frame) => frame.event_type === 'message_receive' && frame.data.sender_id === 10002, 15_000),
    ) as any;
    expect(heard).toContainEqual({ user_id: 10001, raw_message: 'ping from Milky' });
    expect(reply.data).toMatchObject({
      message_scene: 'group',
      peer_id: 30001,
      message_seq: 2,
      segments: [{ type: 'text', data: { text: 'pong: ping from Milky' } }],
      group_member: { user_id: 10002, nickname: 'NapCat Bot', role: 'member' },
    });

    // One world: a change made through Milky is what the NapCat bot reads at once, and back.
    await milky('set_group_member_card', { group_id: 30001, user_id: 10002, card: 'set by Milky' });
    expect((await napcat.get_group_member_info({ group_id: 30001, user_id: 10002 })).card).toBe('set by Milky');
    const nudged = events.next((frame) => frame.event_type === 'group_nudge', 15_000);
    await napcat.group_poke({ group_id: 30001, user_id: 10001 });
    expect(expectSpecEvent(await nudged)).toMatchObject({ data: { group_id: 30001, sender_id: 10002, receiver_id: 10001 } });
    const history = await milky('get_history_messages', { message_scene: 'group', peer_id: 30001 });
    expect(history.data.messages.map((message: any) => message.sender_id)).toEqual([10001, 10002]);

    // One transcript: both bots' calls, each with the protocol it came over, in order.
    const calls = (await env.admin('GET', '/api/world/transcript')).json.entries.filter((entry: any) => entry.kind === 'call');
    const said = calls.map((call: any) => `${call.self_id} ${call.transport} ${call.action} ${call.status}`);
    expect(said).toEqual(
      expect.arrayContaining([
        '10001 milky send_group_message ok',
        '10002 ws send_group_msg ok',
        '10001 milky set_group_member_card ok',
        '10002 ws group_poke ok',
      ]),
    );
    expect(said.indexOf('10001 milky send_group_message ok')).toBeLessThan(said.indexOf('10002 ws send_group_msg ok'));
    const waited = await env.admin('POST', '/api/world/wait', {
      since: 0,
      match: { kind: 'call', self_id: 10001, action: 'get_history_messages' },
      timeout_ms: 1000,
    });
    expect(waited.status).toBe(200);
  }, 60_000);
});
