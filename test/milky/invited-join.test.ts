import { describe, expect, it } from 'vitest';
import { eventData, milkyWorld } from '../helpers/milky.js';

const increases = (events: { event_type: string; data: unknown }[]) => eventData(events, 'group_member_increase');

/**
 * group_member_increase names who approved a join (operator_id) and whose invitation led to it
 * (invitor_id), each only when there is one; an invitation from a plain member that an admin
 * approves has both.
 */
describe('Milky group_member_increase: who approved, who invited', () => {
  it('names the inviter and the approving admin when an admin approves a member’s invitation', async () => {
    const m = await milkyWorld();
    const owner = m.listen(10002);
    // Alice is a plain member of 30002, so Carol's accepted invitation waits for the owner (Bot B).
    const invitation = await m.world.requests.invite(20001, 30002, 20003);
    await m.world.requests.answerGroup(20003, String(invitation.requestId), true);
    await m.hub.flush();
    const request = owner.find((event) => event.event_type === 'group_invited_join_request') as any;
    await m.data(10002, 'accept_group_request', {
      notification_seq: request.data.notification_seq,
      notification_type: 'invited_join_request',
      group_id: 30002,
    });
    await m.hub.flush();
    expect(increases(owner)).toEqual([{ group_id: 30002, user_id: 20003, operator_id: 10002, invitor_id: 20001 }]);
  });

  it('names only the inviter when the invitation adds the invitee at once', async () => {
    const m = await milkyWorld();
    const bot = m.listen(10002);
    // Bot B owns 30002, so its invitation needs nobody's approval.
    const invitation = await m.world.requests.invite(10002, 30002, 20003);
    await m.world.requests.answerGroup(20003, String(invitation.requestId), true);
    await m.hub.flush();
    expect(increases(bot)).toEqual([{ group_id: 30002, user_id: 20003, operator_id: null, invitor_id: 10002 }]);
  });

  it('names no operator when nobody approved: a group anyone may join, or the world adding a member', async () => {
    const m = await milkyWorld();
    const bot = m.listen(10002);
    await m.world.groupAdmin.setJoinSettings('world', 30002, 1);
    await m.world.requests.raiseJoin(20003, 30002);
    await m.world.groups.addMember(30002, 20002);
    await m.hub.flush();
    expect(increases(bot)).toEqual([
      { group_id: 30002, user_id: 20003, operator_id: null, invitor_id: null },
      { group_id: 30002, user_id: 20002, operator_id: null, invitor_id: null },
    ]);
  });

  it('names only the approving admin for a plain join request', async () => {
    const m = await milkyWorld();
    const bot = m.listen(10002);
    const request = await m.world.requests.raiseJoin(20003, 30002);
    await m.data(10002, 'accept_group_request', {
      notification_seq: request.requestId,
      notification_type: 'join_request',
      group_id: 30002,
    });
    await m.hub.flush();
    expect(increases(bot)).toEqual([{ group_id: 30002, user_id: 20003, operator_id: 10002, invitor_id: null }]);
  });
});
