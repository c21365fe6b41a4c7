import { describe, expect, it } from 'vitest';
import { eventData, milkyWorld } from '../helpers/milky.js';

const pinChanges = (events: { event_type: string; data: unknown }[]) => eventData(events, 'peer_pin_change');

/**
 * A private chat with someone who is not a friend is QQ's temp chat (through a group both are
 * in), which Milky names with the `temp` scene; pinning it must say so, as its messages do.
 */
describe('Milky peer_pin_change of a temp chat', () => {
  it('reports a pinned and unpinned temp chat with the temp scene, like the messages and recalls of that chat', async () => {
    const m = await milkyWorld();
    const bot = m.listen(10001);
    // Bot A and Carol share group 30001 but are not friends: their private chat is a temp chat.
    const sent = await m.data(20003, 'send_private_message', { user_id: 10001, message: [{ type: 'text', data: { text: 'hi' } }] });
    await m.data(10001, 'set_peer_pin', { message_scene: 'temp', peer_id: 20003 });
    await m.data(10001, 'set_peer_pin', { message_scene: 'temp', peer_id: 20003, is_pinned: false });
    const read = await m.data(10001, 'get_message', { message_scene: 'temp', peer_id: 20003, message_seq: sent.message_seq });
    await m.data(20003, 'recall_private_message', { user_id: 10001, message_seq: sent.message_seq });
    await m.hub.flush();
    const scenes = bot
      .filter((event) => event.event_type === 'message_receive' || event.event_type === 'message_recall')
      .map((event) => (event.data as { message_scene: string }).message_scene);
    expect([read.message.message_scene, ...scenes]).toEqual(['temp', 'temp', 'temp']);
    expect(pinChanges(bot)).toEqual([
      { message_scene: 'temp', peer_id: 20003, is_pinned: true },
      { message_scene: 'temp', peer_id: 20003, is_pinned: false },
    ]);
  });

  it('reports a friend’s chat with the friend scene, and a group with the group scene', async () => {
    const m = await milkyWorld();
    const bot = m.listen(10001);
    await m.data(10001, 'set_peer_pin', { message_scene: 'friend', peer_id: 20001 });
    await m.data(10001, 'set_peer_pin', { message_scene: 'group', peer_id: 30001 });
    await m.hub.flush();
    expect(pinChanges(bot)).toEqual([
      { message_scene: 'friend', peer_id: 20001, is_pinned: true },
      { message_scene: 'group', peer_id: 30001, is_pinned: true },
    ]);
  });
});
