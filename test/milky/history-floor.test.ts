import { describe, expect, it } from 'vitest';
import { milkyWorld } from '../helpers/milky.js';

const text = (value: string) => ({ type: 'text', data: { text: value } });
const replyTo = (seq: number) => ({ type: 'reply', data: { message_seq: seq } });

/**
 * A member who joined while the group hid history from new members sees nothing from before its
 * join through Milky either: not in the quote of a later reply, and not as a seq to reply to.
 */
describe('Milky and the history floor of a new member', () => {
  async function joinedAfterTheSecret() {
    const m = await milkyWorld();
    const secret = await m.data(20002, 'send_group_message', { group_id: 30001, message: [text('the secret plan')] });
    await m.world.groupFeatures.setNewMemberHistoryVisibility(10001, 30001, false);
    await m.world.groups.addMember(30001, 10002);
    return { m, secretSeq: secret.message_seq as number };
  }

  it('a later reply quoting a message from before the join shows the new member no quoted content', async () => {
    const { m, secretSeq } = await joinedAfterTheSecret();
    const newcomer = m.listen(10002);
    const reply = await m.data(20003, 'send_group_message', { group_id: 30001, message: [replyTo(secretSeq), text('agreed')] });
    await m.hub.flush();

    const seen = await m.data(10002, 'get_message', { message_scene: 'group', peer_id: 30001, message_seq: reply.message_seq });
    // Shown as a quote of a message that does not exist: the new member may not see it.
    expect(seen.message.segments).toEqual([text(''), text('agreed')]);
    const received = newcomer.filter((event) => event.event_type === 'message_receive');
    expect(received).toHaveLength(1);
    expect(JSON.stringify(received)).not.toContain('the secret plan');

    // An earlier member sees the quote whole.
    const earlier = await m.data(20003, 'get_message', { message_scene: 'group', peer_id: 30001, message_seq: reply.message_seq });
    expect(earlier.message.segments[0]).toMatchObject({
      type: 'reply',
      data: { message_seq: secretSeq, sender_id: 20002, segments: [text('the secret plan')] },
    });
  });

  it('the new member cannot reply to a seq from before its join, as to a seq nobody used', async () => {
    const { m, secretSeq } = await joinedAfterTheSecret();
    const send = (seq: number) => m.call(10002, 'send_group_message', { group_id: 30001, message: [replyTo(seq), text('me too')] });
    const unused = await send(secretSeq + 100);
    if (unused.status !== 'failed') throw new Error('a reply to a seq nobody used was sent');
    expect(unused.retcode).toBe(-404);
    expect(await send(secretSeq)).toEqual({ ...unused, message: unused.message.replace(String(secretSeq + 100), String(secretSeq)) });
    expect(await m.data(20003, 'get_history_messages', { message_scene: 'group', peer_id: 30001 })).toMatchObject({
      messages: [{ message_seq: secretSeq }],
    });
  });
});
