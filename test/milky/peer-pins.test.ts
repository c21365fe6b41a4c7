import { describe, expect, it } from 'vitest';
import { milkyWorld } from '../helpers/milky.js';

const pinnedIds = (pins: { friends: { user_id: number }[]; groups: { group_id: number }[] }) => ({
  friends: pins.friends.map((friend) => friend.user_id),
  groups: pins.groups.map((group) => group.group_id),
});

/**
 * get_peer_pins answers two lists, pinned friends and pinned groups (Milky 1.2 GetPeerPinsOutput).
 * A pinned private chat with someone who is not a mutual friend is a temp chat (peer_pin_change
 * says scene temp), which neither list holds.
 */
describe('Milky get_peer_pins', () => {
  it('leaves out a pinned temp chat instead of listing a stranger as a friend', async () => {
    const m = await milkyWorld();
    // Bot A and Carol share group 30001 but are not friends: their private chat is a temp chat.
    await m.data(10001, 'set_peer_pin', { message_scene: 'temp', peer_id: 20003 });
    await m.data(10001, 'set_peer_pin', { message_scene: 'friend', peer_id: 20001 });
    expect(pinnedIds(await m.data(10001, 'get_peer_pins'))).toEqual({ friends: [20001], groups: [] });
  });

  it('leaves out a pinned friend once they are no longer friends, and lists them again when they are', async () => {
    const m = await milkyWorld();
    await m.data(10001, 'set_peer_pin', { message_scene: 'friend', peer_id: 20001 });
    await m.data(10001, 'delete_friend', { user_id: 20001 });
    expect(pinnedIds(await m.data(10001, 'get_peer_pins'))).toEqual({ friends: [], groups: [] });
    // The pin belongs to the chat, which QQ keeps: friends again, the chat is listed again.
    await m.world.friends.befriend(10001, 20001);
    expect(pinnedIds(await m.data(10001, 'get_peer_pins'))).toEqual({ friends: [20001], groups: [] });
  });

  it('leaves out someone the account still lists whose own list dropped it: their chat is a temp chat', async () => {
    const m = await milkyWorld();
    await m.data(10001, 'set_peer_pin', { message_scene: 'friend', peer_id: 20001 });
    await m.hub.flush();
    const bot = m.listen(10001);
    // Alice removes Bot A; Bot A keeps her in its list, as in QQ, but they are not mutual friends.
    await m.data(20001, 'delete_friend', { user_id: 10001 });
    await m.data(10001, 'set_peer_pin', { message_scene: 'friend', peer_id: 20001, is_pinned: false });
    await m.data(10001, 'set_peer_pin', { message_scene: 'friend', peer_id: 20001 });
    await m.hub.flush();
    expect(bot.filter((event) => event.event_type === 'peer_pin_change').map((event) => event.data)).toEqual([
      { message_scene: 'temp', peer_id: 20001, is_pinned: false },
      { message_scene: 'temp', peer_id: 20001, is_pinned: true },
    ]);
    expect(pinnedIds(await m.data(10001, 'get_peer_pins'))).toEqual({ friends: [], groups: [] });
  });

  it('leaves out a pinned group the account has left, and lists it again once it is back', async () => {
    const m = await milkyWorld();
    await m.data(10001, 'set_peer_pin', { message_scene: 'group', peer_id: 30001 });
    await m.data(10001, 'quit_group', { group_id: 30001 });
    expect(pinnedIds(await m.data(10001, 'get_peer_pins'))).toEqual({ friends: [], groups: [] });
    await m.world.groups.addMember(30001, 10001);
    expect(pinnedIds(await m.data(10001, 'get_peer_pins'))).toEqual({ friends: [], groups: [30001] });
  });
});
