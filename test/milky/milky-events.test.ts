import { describe, expect, it } from 'vitest';
import { Event } from '@saltify/milky-types';
import { botOfflineEvent } from '../../src/milky/events/milky-event.js';
import { milkyWorld, expectSpecEvent } from '../helpers/milky.js';
import { png } from '../helpers/messages.js';

const text = (value: string) => ({ type: 'text', data: { text: value } });
const byType = (events: { event_type: string }[], type: string) => events.filter((event) => event.event_type === type) as any[];

/**
 * Every Milky event type, produced by changes in the world (made through Milky, or by the world
 * itself as OneBot actions make them) and checked against the spec's Event schema as received.
 */
describe('Milky events from domain events', () => {
  it('produces every event type of the spec, each valid, from the same domain events OneBot uses', async () => {
    const m = await milkyWorld();
    const botA = m.listen(10001);
    const botB = m.listen(10002);
    const alice = m.listen(20001);

    // Messages: received, own ones flagged, recalls, reactions, essence, files in private chats.
    const sent = await m.data(20001, 'send_group_message', {
      group_id: 30001,
      message: [text('hello'), { type: 'face', data: { face_id: '14' } }],
    });
    await m.data(10001, 'send_private_message', { user_id: 20001, message: [text('hi')] });
    await m.world.messages.send(
      20001,
      { type: 'private', userId: 10001 },
      {
        kind: 'elements',
        elements: [{ kind: 'file', source: { uri: `base64://${png.toString('base64')}`, name: 'pic.png' } }],
      },
    );
    await m.data(10001, 'send_group_message_reaction', { group_id: 30001, message_seq: sent.message_seq, reaction: '76' });
    await m.data(10001, 'set_group_essence_message', { group_id: 30001, message_seq: sent.message_seq });
    await m.data(20001, 'recall_group_message', { group_id: 30001, message_seq: sent.message_seq });
    // Members: joins, leaves, admins, mutes, names, nudges, files.
    await m.world.groups.addMember(30001, 10002);
    await m.data(10001, 'set_group_member_mute', { group_id: 30001, user_id: 20002, duration: 60 });
    await m.data(10001, 'set_group_whole_mute', { group_id: 30001 });
    await m.data(20001, 'set_group_member_admin', { group_id: 30001, user_id: 20002 });
    await m.data(10001, 'set_group_name', { group_id: 30001, new_group_name: 'Renamed' });
    await m.data(10001, 'send_group_nudge', { group_id: 30001, user_id: 20001 });
    await m.data(20001, 'send_friend_nudge', { user_id: 10001 });
    await m.data(20001, 'upload_group_file', { group_id: 30001, file_uri: 'base64://aGk=', file_name: 'a.txt' });
    await m.data(10001, 'kick_group_member', { group_id: 30001, user_id: 20003 });
    await m.data(10001, 'set_peer_pin', { message_scene: 'group', peer_id: 30001 });
    // Requests: friend, join, join through an invitation, invitation of the bot itself.
    await m.world.requests.raiseFriend(20003, 10001, { comment: 'add me' });
    await m.world.requests.raiseJoin(20002, 30002, { comment: 'let me in' });
    // A plain member's invitation, once accepted, becomes a join request for the admins.
    const invitation = await m.world.requests.invite(20001, 30002, 20003);
    await m.world.requests.answerGroup(20003, String(invitation.requestId), true);
    await m.world.requests.invite(20001, 30001, 10002).catch(() => undefined);
    await m.world.groups.leave(30001, 10002);
    await m.world.requests.invite(20001, 30001, 10002);
    await m.hub.flush();

    const all = [...botA, ...botB, ...alice];
    const seen = new Set(all.map((event) => event.event_type));
    const offline = expectSpecEvent(JSON.parse(botOfflineEvent(10001, 1, 'stopping').json));
    seen.add(offline.event_type);
    const specTypes = Event.options.map((option) => option.shape.event_type.value);
    expect(specTypes.filter((type) => !seen.has(type))).toEqual([]);

    const [receive] = byType(botA, 'message_receive');
    expect(receive.data).toMatchObject({
      message_scene: 'group',
      peer_id: 30001,
      sender_id: 20001,
      segments: [text('hello'), { type: 'face' }],
    });
    expect(byType(botA, 'message_recall')[0].data).toMatchObject({ peer_id: 30001, message_seq: sent.message_seq, operator_id: 20001 });
    expect(byType(botA, 'friend_file_upload')[0].data).toMatchObject({ user_id: 20001, file_name: 'pic.png', is_self: false });
    expect(byType(botA, 'group_whole_mute')[0].data).toMatchObject({ group_id: 30001, operator_id: 10001, is_mute: true });
    expect(byType(botA, 'group_admin_change')[0].data).toMatchObject({ user_id: 20002, operator_id: 20001, is_set: true });
    expect(byType(botA, 'group_member_decrease')[0].data).toMatchObject({ user_id: 20003, operator_id: 10001 });
    expect(byType(botA, 'friend_nudge')[0].data).toMatchObject({ user_id: 20001, is_self_send: false, is_self_receive: true });
    expect(byType(botA, 'friend_request')[0].data).toMatchObject({ initiator_id: 20003, comment: 'add me' });
    expect(byType(botB, 'group_join_request')[0].data).toMatchObject({ group_id: 30002, initiator_id: 20002 });
    expect(byType(botB, 'group_invited_join_request')[0].data).toMatchObject({ initiator_id: 20001, target_user_id: 20003 });
    expect(byType(botB, 'group_invitation')[0].data).toMatchObject({ group_id: 30001, initiator_id: 20001 });
    // Own messages are marked, so servers can leave them out without reportSelfMessage.
    expect(byType(alice, 'message_receive').map((event) => event.data.sender_id)).toContain(20001);
  });

  it('tells each member of a dissolved group once, about itself, as the OneBot notices do', async () => {
    const m = await milkyWorld();
    const botA = m.listen(10001);
    const owner = m.listen(20001);
    await m.world.groups.dismiss(20001, 30001);
    await m.hub.flush();
    // Before, every member heard one decrease per member: four here, each naming someone else too.
    expect(byType(botA, 'group_member_decrease').map((event) => event.data)).toEqual([
      { group_id: 30001, user_id: 10001, operator_id: 20001 },
    ]);
    expect(byType(owner, 'group_member_decrease').map((event) => event.data.user_id)).toEqual([20001]);
  });

  it('reports own messages only to subscribers that want them, and nothing for accounts nobody listens for', async () => {
    const m = await milkyWorld();
    const flags: boolean[] = [];
    m.hub.subscribe(10001, (event) => flags.push(event.isSelfMessage));
    await m.data(10001, 'send_group_message', { group_id: 30001, message: [text('mine')] });
    await m.data(20001, 'send_group_message', { group_id: 30001, message: [text('theirs')] });
    await m.hub.flush();
    expect(flags).toEqual([true, false]);
  });
});
