import { describe, expect, it } from 'vitest';
import { milkyWorld } from '../helpers/milky.js';

const text = (value: string) => ({ type: 'text', data: { text: value } });

/**
 * A node of a merged forward may quote any message its sender sees, a private one included; the
 * forward is read by whoever has its res_id. A reader who may not see the quoted message reads
 * the quote as one of a message that does not exist.
 */
describe('quotes inside a merged forward, read through Milky', () => {
  it('show the quoted content only to readers who may see the quoted message', async () => {
    const m = await milkyWorld();
    // smallWorld: Alice (20001) and bot 10001 are friends; bot 10002 owns group 30002, where Alice is a member.
    const dm = await m.data(20001, 'send_private_message', { user_id: 10001, message: [text('private words')] });
    const quoted = await m.world.conversations.messageAt(20001, { type: 'private', userId: 10001 }, dm.message_seq);
    const carrier = await m.world.messages.send(
      20001,
      { type: 'group', groupId: 30002 },
      {
        kind: 'forward',
        card: {},
        nodes: [
          {
            kind: 'custom',
            userId: 20001,
            nickname: 'Alice',
            content: {
              kind: 'elements',
              elements: [
                { kind: 'reply', messageId: quoted.messageId },
                { kind: 'text', text: 'see' },
              ],
            },
          },
        ],
      },
    );
    const forwardId = carrier.elements[0]!.kind === 'forward' ? carrier.elements[0]!.forwardId : '';

    const outsider = await m.data(10002, 'get_forwarded_messages', { forward_id: forwardId });
    expect(outsider.messages[0].segments).toEqual([text(''), text('see')]);
    expect(JSON.stringify(outsider)).not.toContain('private words');

    const party = await m.data(10001, 'get_forwarded_messages', { forward_id: forwardId });
    expect(party.messages[0].segments[0]).toMatchObject({ type: 'reply', data: { sender_id: 20001, segments: [text('private words')] } });
  });
});
