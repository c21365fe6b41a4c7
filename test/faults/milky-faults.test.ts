import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorldFile } from '../../src/world/world-file.js';
import { startCatnap } from '../helpers/catnap.js';
import { postJson } from '../helpers/spawn.js';
import { TestSocket } from '../helpers/transports.js';

/** A Milky bot (10001) in a group with a person (20001). */
const world: WorldFile = {
  accounts: [
    { user_id: 10001, nickname: 'Milky Bot', bot: true, milky: { http: { port: 0, prefix: '/milky', accessToken: 'milky-token' } } },
    { user_id: 20001, nickname: 'Alice' },
  ],
  groups: [{ group_id: 30001, group_name: 'Meeting Point', owner_id: 20001, admins: [10001] }],
};

let env: Awaited<ReturnType<typeof startCatnap>>;
let milky: (api: string, input: unknown) => Promise<any>;
beforeAll(async () => {
  env = await startCatnap(world);
  const port = env.catnap.milky.manager.server(10001)!.port;
  milky = async (api, input) => {
    const { status, json } = await postJson(`http://127.0.0.1:${port}/milky/api/${api}`, input, { authorization: 'Bearer milky-token' });
    expect(status).toBe(200);
    return json;
  };
});
afterAll(async () => env.catnap.stop());

const send = (text: string) => ({ group_id: 30001, message: [{ type: 'text', data: { text } }] });
const groupTexts = () =>
  env.catnap.world.conversations
    .history(20001, { type: 'group', groupId: 30001 }, { count: 50, newer: false })
    .map((message) => message.elements.map((element) => ('text' in element ? element.text : '')).join(''));

/** The admin API's faults and health reach a Milky bot over its real server, as they reach a OneBot bot. */
describe('faults on demand for a Milky bot', () => {
  it('offline through the admin API: bot_offline on the open event stream, sends answer -403 and store nothing', async () => {
    const port = env.catnap.milky.manager.server(10001)!.port;
    const events = await TestSocket.open(`ws://127.0.0.1:${port}/milky/event`, { headers: { authorization: 'Bearer milky-token' } });
    try {
      expect((await env.admin('POST', '/api/bots/10001/health', { state: 'offline' })).status).toBe(200);
      const offline = await events.next((frame) => frame.event_type === 'bot_offline');
      expect(offline).toMatchObject({ self_id: 10001, data: { reason: '你的帐号当前登录已失效，请重新登录。' } });
      expect(await milky('send_group_message', send('while offline'))).toMatchObject({ status: 'failed', retcode: -403 });
      expect(groupTexts()).not.toContain('while offline');
      expect((await milky('get_group_list', {})).status).toBe('ok');
      expect(events.closeCode).toBeUndefined();
    } finally {
      await env.admin('POST', '/api/bots/10001/health', { state: 'online' });
      events.close();
    }
    expect((await milky('send_group_message', send('back'))).status).toBe('ok');
  });

  it('a rule added through POST /api/faults fails a Milky API named as Milky names it', async () => {
    const added = await env.admin('POST', '/api/faults', {
      self_id: 10001,
      action: 'send_group_message',
      transport: 'milky',
      times: 1,
      effect: { type: 'fail', preset: 'not_member' },
    });
    expect(added.status).toBe(201);
    expect(await milky('send_group_message', send('refused'))).toEqual({
      status: 'failed',
      retcode: -500,
      message: '发送失败，你已被移出该群，请重新加群。',
    });
    expect(groupTexts()).not.toContain('refused');
    const listed = (await env.admin('GET', '/api/faults')).json as { id: number; fired: number }[];
    expect(listed.find((rule) => rule.id === added.json.id)).toMatchObject({ fired: 1 });
    await env.admin('DELETE', '/api/faults');
  });
});
