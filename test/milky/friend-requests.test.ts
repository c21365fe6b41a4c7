import { describe, expect, it } from 'vitest';
import { uidOf } from '../../src/world/services/account-service.js';
import { milkyWorld } from '../helpers/milky.js';

type Listed = {
  initiator_id: number;
  initiator_uid: string;
  target_user_id: number;
  target_user_uid: string;
  state: string;
  is_filtered: boolean;
};

const summary = (requests: Listed[]) => requests.map((r) => [r.initiator_id, r.target_user_id, r.state]);

/**
 * Milky 1.2's FriendRequest names both sides (initiator_id/uid, target_user_id/uid), so its list
 * holds the requests the account sent as well as those it received; LLBot's get_friend_requests
 * lists QQ's buddy requests of both directions (isInitiator picks which side is the account).
 */
describe('Milky get_friend_requests', () => {
  it('lists the requests the account sent beside those it received, newest first', async () => {
    const m = await milkyWorld();
    await m.world.requests.raiseFriend(20002, 10001, { comment: 'hi' });
    await m.world.requests.raiseFriend(10001, 20003, { comment: 'me?' });
    const { requests } = await m.data(10001, 'get_friend_requests', {});
    expect(summary(requests)).toEqual([
      [10001, 20003, 'pending'],
      [20002, 10001, 'pending'],
    ]);
    expect(requests[0]).toMatchObject({ initiator_uid: uidOf(10001), target_user_uid: uidOf(20003), comment: 'me?', is_filtered: false });
  });

  it('shows a sent request answered, and keeps the limit over both directions', async () => {
    const m = await milkyWorld();
    await m.world.requests.raiseFriend(10001, 20003);
    await m.world.requests.raiseFriend(20002, 10001);
    await m.data(20003, 'reject_friend_request', { initiator_uid: uidOf(10001) });
    expect(summary((await m.data(10001, 'get_friend_requests', { limit: 1 })).requests)).toEqual([[20002, 10001, 'pending']]);
    expect(summary((await m.data(10001, 'get_friend_requests', {})).requests)).toEqual([
      [20002, 10001, 'pending'],
      [10001, 20003, 'rejected'],
    ]);
  });

  it('a sent request is not the account’s to accept, and is not among the filtered ones', async () => {
    const m = await milkyWorld();
    // Carol's QQ keeps Bot A's request aside; Bot A's own list still shows it, unfiltered.
    await m.world.requests.raiseFriend(10001, 20003, { filtered: true });
    expect((await m.data(10001, 'get_friend_requests', { is_filtered: true })).requests).toEqual([]);
    expect(summary((await m.data(10001, 'get_friend_requests', {})).requests)).toEqual([[10001, 20003, 'pending']]);
    const reply = await m.call(10001, 'accept_friend_request', { initiator_uid: uidOf(10001) });
    expect(reply.status).toBe('failed');
    expect(m.world.friends.areFriends(10001, 20003)).toBe(false);
  });
});
