import { describe, expect, it } from 'vitest';
import { milkyWorld } from '../helpers/milky.js';

const text = (value: string) => ({ type: 'text', data: { text: value } });

/**
 * A recalled message shows no segments wherever Milky still names it (a quote, an essence entry):
 * QQ keeps only its recall notice, and LLBot's get_group_essence_messages renders the local
 * message, which is that notice.
 * The essence entry stays (QQ keeps it listed) with its seq, sender and operator.
 */
describe('Milky essence entry of a recalled message', () => {
  it('keeps the entry with no segments, while get_message refuses the message as recalled', async () => {
    const m = await milkyWorld();
    const sent = await m.data(20002, 'send_group_message', { group_id: 30001, message: [text('essence me')] });
    await m.data(10001, 'set_group_essence_message', { group_id: 30001, message_seq: sent.message_seq });
    await m.data(20002, 'recall_group_message', { group_id: 30001, message_seq: sent.message_seq });
    const read = await m.call(10001, 'get_message', { message_scene: 'group', peer_id: 30001, message_seq: sent.message_seq });
    const essence = await m.data(10001, 'get_group_essence_messages', { group_id: 30001, page_index: 0, page_size: 10 });
    expect(read).toMatchObject({ status: 'failed', retcode: -1009 });
    expect(essence.messages).toMatchObject([{ message_seq: sent.message_seq, sender_id: 20002, operator_id: 10001, segments: [] }]);
  });
});
