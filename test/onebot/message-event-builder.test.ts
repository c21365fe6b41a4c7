import { describe, expect, it } from 'vitest';
import { messageEvent } from '../../src/onebot/events/builders/message.js';
import { messageRecord as record, renderCtx as ctx } from '../helpers/message-records.js';

/** Message events as NapCat's initializeMessage builds them, per format and dialect. */
describe('messages (NapCat initializeMessage)', () => {
  const facts = { sender: { nickname: 'Alice', card: 'Boss', role: 'owner' as const }, groupName: 'Lounge' };

  it('group message seen by another member: sub_type normal, sender with card and role, ids equal', () => {
    const event = messageEvent(record({}), facts, 10001, 'array', ctx);
    expect(event).toEqual({
      self_id: 10001,
      user_id: 20001,
      time: 1767225600,
      message_id: 1234,
      message_seq: 1234,
      real_id: 1234,
      real_seq: '9',
      message_type: 'group',
      sender: { user_id: 20001, nickname: 'Alice', card: 'Boss', role: 'owner' },
      raw_message: 'hi &amp; &#91;you&#93;',
      font: 14,
      sub_type: 'normal',
      message: [{ type: 'text', data: { text: 'hi & [you]' } }],
      message_format: 'array',
      post_type: 'message',
      group_id: 30001,
      group_name: 'Lounge',
    });
  });

  it('string format carries the CQ string in message; the sender sees message_sent with target_id', () => {
    const event = messageEvent(
      record({ senderId: 10001 }),
      { ...facts, sender: { nickname: 'Bot A', card: '', role: 'admin' } },
      10001,
      'string',
      ctx,
    );
    expect(event).toMatchObject({
      post_type: 'message_sent',
      message_format: 'string',
      message: 'hi &amp; &#91;you&#93;',
      raw_message: 'hi &amp; &#91;you&#93;',
      target_id: 30001,
      message_sent_type: 'self',
    });
  });

  it('raw_message (and the string-format message) is trimmed as NapCat trims it; LLBot and go-cqhttp keep the spaces', () => {
    const padded = record({
      elements: [
        { kind: 'text', text: '  hi  ' },
        { kind: 'text', text: ' there \n' },
      ],
    });
    const array = messageEvent(padded, facts, 10001, 'array', ctx);
    expect(array.raw_message).toBe('hi   there');
    // The segments keep their text: only the CQ string is trimmed.
    expect((array.message as { data: { text?: string } }[])[0]!.data.text).toBe('  hi  ');
    expect(messageEvent(padded, facts, 10001, 'string', ctx)).toMatchObject({ message: 'hi   there', raw_message: 'hi   there' });
    for (const dialect of ['llbot', 'go-cqhttp'] as const) {
      expect(messageEvent(padded, facts, 10001, 'string', { ...ctx, dialect })).toMatchObject({
        message: '  hi   there \n',
        raw_message: '  hi   there \n',
      });
    }
  });

  it('private friend message: sub_type friend, empty card, target_id is the peer', () => {
    const message = record({ conversation: { type: 'private', userIds: [10001, 20001] }, targetId: 10001 });
    const event = messageEvent(message, { sender: { nickname: 'Alice', card: '' } }, 10001, 'array', ctx);
    expect(event).toMatchObject({
      message_type: 'private',
      sub_type: 'friend',
      sender: { user_id: 20001, nickname: 'Alice', card: '' },
      target_id: 20001,
    });
    expect(event).not.toHaveProperty('group_id');
    expect(event).not.toHaveProperty('message_sent_type');
    const own = messageEvent(
      { ...message, senderId: 10001, targetId: 20001 },
      { sender: { nickname: 'Bot A', card: '' } },
      10001,
      'array',
      ctx,
    );
    expect(own).toMatchObject({ post_type: 'message_sent', target_id: 20001, message_sent_type: 'self' });
  });

  it('temp chat through a group: sub_type group with temp_source and group_id', () => {
    const message = record({
      conversation: { type: 'private', userIds: [10001, 20003] },
      senderId: 20003,
      targetId: 10001,
      tempGroupId: 30001,
    });
    const event = messageEvent(message, { sender: { nickname: 'Carol', card: '' }, groupName: 'Lounge' }, 10001, 'array', ctx);
    expect(event).toMatchObject({ message_type: 'private', sub_type: 'group', group_id: 30001, temp_source: 0, target_id: 20003 });
    expect(event.sender).not.toHaveProperty('role');
  });
});
