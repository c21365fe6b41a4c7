import { afterEach, describe, expect, it } from 'vitest';
import { base64Of, pngOf } from '../helpers/images.js';
import { faultCatnap, loungeTexts } from './helpers.js';

type Env = Awaited<ReturnType<typeof faultCatnap>>;
let env: Env | undefined;
afterEach(async () => {
  await env?.catnap.stop();
  env = undefined;
});

const start = async (limits: object) => (env = await faultCatnap({ settings: { limits } }));
const group = (message: unknown, groupId = 30001) => ({ group_id: groupId, message });

describe("QQ's limits from catnap.json", () => {
  it("messages per minute per group: the bot gets NapCat's generic failure over each transport, and nothing is stored", async () => {
    const env = await start({ groupMessagesPerMinute: 2 });
    const socket = await env.socket();
    expect((await socket.call('send_group_msg', group('one'))).status).toBe('ok');
    expect((await socket.call('send_group_msg', group('two'))).status).toBe('ok');
    const refused = await socket.call('send_group_msg', group('three'));
    expect(refused).toMatchObject({ status: 'failed', retcode: 1200, data: null });
    expect(refused.message).toContain('limits.groupMessagesPerMinute');
    expect(refused.wording).toBe(refused.message);
    const overHttp = await env.http('send_group_msg', group('three by http'));
    expect(overHttp).toMatchObject({ status: 200, json: { status: 'failed', retcode: 200 } });
    expect(await loungeTexts(env)).toEqual(['one', 'two']);
    // Counted per group: the same account may still speak elsewhere, and others in this group.
    expect((await socket.call('send_private_msg', { user_id: 20001, message: 'hi' })).status).toBe('ok');
    expect((await env.admin('POST', '/api/world/act/20002/send_group_msg', group('bob speaks'))).json.status).toBe('ok');
    // A minute later the bot may speak again.
    await env.admin('POST', '/api/clock', { advance: '60s' });
    expect((await socket.call('send_group_msg', group('later'))).status).toBe('ok');
    socket.close();
  });

  it('messages per minute per account count every chat together', async () => {
    const env = await start({ accountMessagesPerMinute: 2 });
    const act = (action: string, params: object) => env.admin('POST', `/api/world/act/10001/${action}`, params);
    expect((await act('send_group_msg', group('in the lounge'))).json.status).toBe('ok');
    expect((await act('send_private_msg', { user_id: 20001, message: 'to alice' })).json.status).toBe('ok');
    const third = await act('send_private_msg', { user_id: 20001, message: 'too many' });
    expect(third.json).toMatchObject({ status: 'failed', retcode: 200 });
    expect(third.json.message).toContain('limits.accountMessagesPerMinute');
    const history = env.catnap.world.conversations.history(10001, { type: 'private', userId: 20001 }, { count: 10, newer: false });
    expect(history).toHaveLength(1);
    // Another account has its own count.
    expect((await env.admin('POST', '/api/world/act/20001/send_group_msg', group('alice'))).json.status).toBe('ok');
  });

  it('message length and image size', async () => {
    const image = pngOf('#ff0000', 64, 64);
    const env = await start({ messageChars: 5, imageBytes: image.length - 1 });
    const socket = await env.socket();
    expect((await socket.call('send_group_msg', group('hello'))).status).toBe('ok');
    // Characters, not bytes: five Chinese characters are five.
    expect((await socket.call('send_group_msg', group('你好世界呀'))).status).toBe('ok');
    const long = await socket.call('send_group_msg', group('hello!'));
    expect(long).toMatchObject({ status: 'failed', retcode: 1200 });
    expect(long.message).toContain('limits.messageChars');
    const big = await socket.call('send_group_msg', group([{ type: 'image', data: { file: base64Of(image) } }]));
    expect(big).toMatchObject({ status: 'failed', retcode: 1200 });
    expect(big.message).toContain('limits.imageBytes');
    expect(await loungeTexts(env)).toEqual(['hello', '你好世界呀']);
    socket.close();
  });

  it('the @all allowance takes its numbers from catnap.json', async () => {
    const env = await start({ atAllPerUserDaily: 1 });
    const socket = await env.socket();
    const remain = await socket.call('get_group_at_all_remain', { group_id: 30001 });
    expect(remain.data).toMatchObject({ can_at_all: true, remain_at_all_count_for_uin: 1, remain_at_all_count_for_group: 10 });
    const atAll = group([
      { type: 'at', data: { qq: 'all' } },
      { type: 'text', data: { text: ' hi' } },
    ]);
    expect((await socket.call('send_group_msg', atAll)).status).toBe('ok');
    const second = await socket.call('send_group_msg', atAll);
    expect(second).toMatchObject({ status: 'failed', retcode: 2108 });
    expect((await socket.call('get_group_at_all_remain', { group_id: 30001 })).data).toMatchObject({
      can_at_all: false,
      remain_at_all_count_for_uin: 0,
      remain_at_all_count_for_group: 9,
    });
    socket.close();
  });

  it('refuses a bad setting when Catnap starts', async () => {
    await expect(faultCatnap({ settings: { limits: { groupMessagesPerMinute: -1 } } })).rejects.toThrow(
      /limits\/groupMessagesPerMinute|limits\.groupMessagesPerMinute/,
    );
    await expect(faultCatnap({ settings: { limits: { perSecond: 1 } } })).rejects.toThrow(/unknown setting/);
  });
});
