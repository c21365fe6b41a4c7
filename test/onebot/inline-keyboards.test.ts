import { describe, expect, it } from 'vitest';
import { fileOnebotWorld } from '../helpers/reopen.js';

// smallWorld: bot 10001 is an admin of group 30001 (owner 20001, members 20002 and 20003); bot 10002 is outside it.
const keyboard = (extra: Record<string, unknown> = {}) => ({
  type: 'keyboard',
  data: {
    ...extra,
    content: {
      rows: [
        {
          buttons: [
            { id: 'yes', render_data: { label: 'Yes' }, action: { type: 1, data: 'vote:yes' } },
            { id: 'docs', render_data: { label: 'Docs' }, action: { type: 0, data: 'https://example.com' } },
          ],
        },
      ],
    },
  },
});
const retcode = (code: number) => expect.objectContaining({ status: 'failed', retcode: code });

describe('inline keyboards', () => {
  it("a bot's keyboard reaches the group; a member's click is recorded for the bot and answered as NT does; clicks persist", async () => {
    const { ob, reopen } = await fileOnebotWorld();
    const { message_id } = await ob.data(10001, 'send_group_msg', {
      group_id: 30001,
      message: [{ type: 'text', data: { text: 'Vote?' } }, keyboard()],
    });
    const seen = await ob.data(20002, 'get_msg', { message_id });
    expect(seen.message[1]).toEqual({
      type: 'keyboard',
      data: {
        bot_appid: '10001',
        content: {
          rows: [
            {
              buttons: [
                { id: 'yes', render_data: { label: 'Yes' }, action: { type: 1, data: 'vote:yes' } },
                { id: 'docs', render_data: { label: 'Docs' }, action: { type: 0, data: 'https://example.com' } },
              ],
            },
          ],
        },
      },
    });
    const click = { group_id: 30001, bot_appid: '10001', msg_seq: String(seen.message_seq) };
    expect(await ob.data(20002, 'click_inline_keyboard_button', { ...click, button_id: 'yes' })).toEqual({
      result: 0,
      errMsg: '',
      status: 0,
      promptText: '',
      promptType: 0,
      promptIcon: 0,
    });
    await ob.data(20003, 'click_inline_keyboard_button', { ...click, button_id: 'yes', callback_data: 'vote:yes:again' });
    await ob.data(20003, 'click_inline_keyboard_button', { ...click, button_id: 'docs' });
    const again = await reopen();
    expect(again.world.keyboards.clicks(10001, message_id).map((c) => [c.userId, c.buttonId, c.callbackData])).toEqual([
      [20002, 'yes', 'vote:yes'],
      [20003, 'yes', 'vote:yes:again'],
      [20003, 'docs', ''],
    ]);
    // The clicks are the keyboard's bot's to read, nobody else's.
    expect(() => again.world.keyboards.clicks(20002, message_id)).toThrow();
  });

  it('refuses keyboards from people or in another bot’s name, and hostile clicks, recording nothing', async () => {
    const { ob } = await fileOnebotWorld();
    expect(await ob.call(20001, 'send_group_msg', { group_id: 30001, message: [keyboard()] })).toEqual(retcode(1400));
    expect(await ob.call(10001, 'send_group_msg', { group_id: 30001, message: [keyboard({ bot_appid: '10002' })] })).toEqual(retcode(1400));
    expect(await ob.call(10001, 'send_group_msg', { group_id: 30001, message: [{ type: 'keyboard', data: { content: '{}' } }] })).toEqual(
      retcode(1400),
    );
    const { message_id } = await ob.data(10001, 'send_group_msg', { group_id: 30001, message: [keyboard()] });
    const plain = await ob.data(20001, 'send_group_msg', { group_id: 30001, message: 'no keyboard' });
    const seq = String((await ob.data(20002, 'get_msg', { message_id })).message_seq);
    const plainSeq = String((await ob.data(20002, 'get_msg', { message_id: plain.message_id })).message_seq);
    const click = { group_id: 30001, bot_appid: '10001', msg_seq: seq, button_id: 'yes' };
    expect(await ob.call(10002, 'click_inline_keyboard_button', click)).toEqual(retcode(2101));
    expect(await ob.call(20002, 'click_inline_keyboard_button', { ...click, group_id: 30002 })).toEqual(retcode(2101));
    expect(await ob.call(20002, 'click_inline_keyboard_button', { ...click, button_id: 'nope' })).toEqual(retcode(2025));
    expect(await ob.call(20002, 'click_inline_keyboard_button', { ...click, bot_appid: '10002' })).toEqual(retcode(2025));
    expect(await ob.call(20002, 'click_inline_keyboard_button', { ...click, msg_seq: plainSeq })).toEqual(retcode(2025));
    expect(await ob.call(20002, 'click_inline_keyboard_button', { ...click, msg_seq: '99999' })).toEqual(retcode(2004));
    expect(await ob.call(20002, 'click_inline_keyboard_button', { ...click, msg_seq: 'first' })).toEqual(retcode(1400));
    expect(await ob.call(20002, 'click_inline_keyboard_button', { ...click, button_id: '' })).toEqual(retcode(1400));
    expect(await ob.call(20002, 'click_inline_keyboard_button', { group_id: 30001 })).toEqual(retcode(1400));
    expect(ob.world.keyboards.clicks('world', message_id)).toEqual([]);
  });
});
