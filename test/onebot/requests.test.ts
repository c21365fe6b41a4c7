import { describe, expect, it, vi } from 'vitest';
import { onebotWorld } from '../helpers/onebot.js';

// smallWorld: 10001 is friends with 20001, 10002 with 20002. Group 30001: owner 20001, admin
// 10001, members 20002 and 20003. Group 30002: owner 10002, member 20001.

describe('friend requests', () => {
  it('flow from raise to approval: event to the target, friendship, answered event', async () => {
    const ob = await onebotWorld();
    const raised = await ob.data(20003, 'send_friend_request', { user_id: 10001, comment: 'hi bot' });
    expect(raised).toEqual({ flag: expect.stringMatching(/^\d+$/), status: 'pending' });
    expect(ob.domainEvents).toEqual([
      expect.objectContaining({
        type: 'request.friend',
        flag: raised.flag,
        userId: 20003,
        targetId: 10001,
        comment: 'hi bot',
        audience: [10001],
      }),
    ]);
    ob.domainEvents.length = 0;
    await ob.data(10001, 'set_friend_add_request', { flag: raised.flag, approve: true, remark: 'Caz' });
    expect(await ob.world.friends.areFriends(10001, 20003)).toBe(true);
    expect((await ob.data(10001, 'get_friend_list')).find((f: { user_id: number }) => f.user_id === 20003)).toMatchObject({
      remark: 'Caz',
    });
    expect(ob.domainEvents.map((event) => event.type)).toEqual(['friend.added', 'request.answered']);
    expect(ob.domainEvents[1]).toMatchObject({ flag: raised.flag, approved: true, actorId: 10001, requesterId: 20003, audience: [20003] });
    expect(await ob.call(10001, 'set_friend_add_request', { flag: raised.flag, approve: false })).toMatchObject({
      retcode: 2107,
      message: `friend request ${raised.flag} was already approved by 10001`,
    });
  });

  it('rejection changes no friendship; only the target may answer; flags are checked', async () => {
    const ob = await onebotWorld();
    const { flag } = await ob.data(20003, 'send_friend_request', { user_id: 10001 });
    expect(await ob.call(10002, 'set_friend_add_request', { flag, approve: true })).toMatchObject({
      retcode: 2103,
      message: `friend request ${flag} was sent to 10001, not to 10002`,
    });
    expect(await ob.call(10001, 'set_friend_add_request', { flag: '999', approve: true })).toMatchObject({
      retcode: 2007,
      message: 'no request has flag "999"',
    });
    expect(await ob.call(10001, 'set_friend_add_request', { flag: 'abc' })).toMatchObject({ retcode: 2007 });
    expect(await ob.call(10001, 'set_friend_add_request', {})).toMatchObject({ retcode: 1400, message: expect.stringContaining('flag') });
    expect(await ob.call(10001, 'set_group_add_request', { flag })).toMatchObject({
      retcode: 2007,
      message: expect.stringContaining('is a friend request'),
    });
    await ob.data(10001, 'set_friend_add_request', { flag: Number(flag), approve: 'false' });
    expect(await ob.world.friends.areFriends(10001, 20003)).toBe(false);
    expect(ob.domainEvents.at(-1)).toMatchObject({ type: 'request.answered', approved: false });
    // A rejected request may be raised again.
    expect(await ob.data(20003, 'send_friend_request', { user_id: 10001 })).toMatchObject({ status: 'pending' });
  });

  it('refuses requests to oneself, to existing friends, duplicates, unknown accounts and blocked senders', async () => {
    const ob = await onebotWorld();
    expect(await ob.call(20001, 'send_friend_request', { user_id: 10001 })).toMatchObject({
      retcode: 2106,
      message: 'user 10001 is already a friend of 20001',
    });
    expect(await ob.call(20003, 'send_friend_request', { user_id: 20003 })).toMatchObject({ retcode: 1400 });
    expect(await ob.call(20003, 'send_friend_request', { user_id: 29999 })).toMatchObject({
      retcode: 2001,
      message: 'user 29999 does not exist',
    });
    const { flag } = await ob.data(20003, 'send_friend_request', { user_id: 10001 });
    expect(await ob.call(20003, 'send_friend_request', { user_id: 10001 })).toMatchObject({
      retcode: 2106,
      message: `the same friend request is already pending (flag ${flag})`,
    });
    await ob.data(10001, 'delete_friend', { friend_id: 20001, temp_block: true });
    expect(await ob.call(20001, 'send_friend_request', { user_id: 10001 })).toMatchObject({
      retcode: 2103,
      message: 'user 10001 has blocked 20001 and refuses their friend requests',
    });
  });

  it('delete_friend with temp_block is one change: a block that fails leaves the friend in both lists, unannounced', async () => {
    const ob = await onebotWorld();
    const block = vi.spyOn(ob.world.store.groupSettings, 'blockFriend').mockImplementation(() => {
      throw new Error('the disk is full');
    });
    const failed = await ob.call(10001, 'delete_friend', { friend_id: 20001, temp_block: true, temp_both_del: true });
    block.mockRestore();
    expect(failed.status).toBe('failed');
    expect(ob.domainEvents).toEqual([]);
    expect(await ob.world.friends.get(10001, 20001)).toBeDefined();
    expect(await ob.world.friends.get(20001, 10001)).toBeDefined();
  });

  it('asking back accepts a crossed request; a one-way friendship is restored at once', async () => {
    const ob = await onebotWorld();
    await ob.data(20003, 'send_friend_request', { user_id: 20002 });
    expect(await ob.data(20002, 'send_friend_request', { user_id: 20003 })).toMatchObject({ status: 'approved' });
    expect(await ob.world.friends.areFriends(20002, 20003)).toBe(true);
    await ob.data(10001, 'delete_friend', { user_id: 20001 }); // 20001 keeps 10001: one-way
    expect(await ob.data(10001, 'send_friend_request', { user_id: 20001 })).toMatchObject({ status: 'approved' });
    expect(await ob.world.friends.areFriends(10001, 20001)).toBe(true);
  });

  it('filtered requests raise no event and are listed and answered as doubtful', async () => {
    const ob = await onebotWorld();
    const { flag } = await ob.data(20003, 'send_friend_request', { user_id: 10001, comment: 'psst', filtered: true });
    expect(ob.domainEvents).toEqual([]);
    expect(await ob.data(10001, 'get_doubt_friends_add_request', { count: 10 })).toEqual([
      {
        flag,
        uin: '20003',
        nick: 'Carol',
        source: '群聊',
        reason: '',
        msg: 'psst',
        group_code: '30001',
        time: expect.stringMatching(/^\d+$/),
        type: '2',
      },
    ]);
    expect(await ob.data(10002, 'get_doubt_friends_add_request', {})).toEqual([]);
    await ob.data(10001, 'set_doubt_friends_add_request', { flag, approve: true });
    expect(await ob.world.friends.areFriends(10001, 20003)).toBe(true);
    expect(await ob.data(10001, 'get_doubt_friends_add_request', {})).toEqual([]);
  });
});

describe('group join requests', () => {
  it('flow to the owner and admins, are listed, and approval adds the member', async () => {
    const ob = await onebotWorld();
    const { flag } = await ob.data(10002, 'send_group_join_request', { group_id: 30001, comment: 'let me in' });
    expect(ob.domainEvents).toEqual([
      expect.objectContaining({
        type: 'request.group',
        subType: 'add',
        flag,
        groupId: 30001,
        userId: 10002,
        invitorId: 0,
        comment: 'let me in',
      }),
    ]);
    expect([...ob.domainEvents[0]!.audience].sort()).toEqual([10001, 20001]);
    const system = await ob.data(10001, 'get_group_system_msg', { count: '10' });
    expect(system).toEqual({
      invited_requests: [],
      InvitedRequest: [],
      join_requests: [
        {
          request_id: Number(flag),
          invitor_uin: 10002,
          invitor_nick: 'Bot B',
          group_id: 30001,
          message: 'let me in',
          group_name: 'Lounge',
          checked: false,
          actor: 0,
          requester_nick: 'Bot B',
          requester_uin: 10002,
        },
      ],
    });
    expect((await ob.data(20002, 'get_group_system_msg')).join_requests).toEqual([]); // a plain member sees none
    expect(await ob.call(20002, 'set_group_add_request', { flag, approve: true })).toMatchObject({ retcode: 2103 });
    ob.domainEvents.length = 0;
    await ob.data(10001, 'set_group_add_request', { flag, sub_type: 'add', approve: true });
    expect(await ob.world.groups.findMember(30001, 10002)).toMatchObject({ role: 'member' });
    expect(ob.domainEvents.map((event) => event.type)).toEqual(['member.joined', 'request.answered']);
    expect(ob.domainEvents[0]).toMatchObject({ operatorId: 10001, subType: 'approve' });
    expect((await ob.data(20001, 'get_group_system_msg')).join_requests[0]).toMatchObject({ checked: true, actor: 10001 });
    expect(await ob.call(20001, 'set_group_add_request', { flag, approve: false })).toMatchObject({
      retcode: 2107,
      message: `group join request ${flag} was already approved by 10001`,
    });
  });

  it('rejection keeps them out and records the reason', async () => {
    const ob = await onebotWorld();
    const { flag } = await ob.data(10002, 'send_group_join_request', { group_id: 30001 });
    await ob.data(20001, 'set_group_add_request', { flag, approve: false, reason: 'no bots' });
    expect(await ob.world.groups.findMember(30001, 10002)).toBeUndefined();
    expect(ob.domainEvents.at(-1)).toMatchObject({
      type: 'request.answered',
      approved: false,
      reason: 'no bots',
      actorId: 20001,
      audience: [10002],
    });
    expect(await ob.call(20001, 'set_group_add_request', { flag, approve: true })).toMatchObject({ retcode: 2107 });
  });

  it('refuse members, duplicates, unknown groups and bad params', async () => {
    const ob = await onebotWorld();
    expect(await ob.call(20002, 'send_group_join_request', { group_id: 30001 })).toMatchObject({
      retcode: 2106,
      message: 'user 20002 is already a member of group 30001',
    });
    expect(await ob.call(20002, 'send_group_join_request', { group_id: 39999 })).toMatchObject({ retcode: 2002 });
    expect(await ob.call(20002, 'send_group_join_request', {})).toMatchObject({ retcode: 1400 });
    await ob.data(20002, 'send_group_join_request', { group_id: 30002 });
    expect(await ob.call(20002, 'send_group_join_request', { group_id: 30002 })).toMatchObject({
      retcode: 2106,
      message: expect.stringContaining('already pending'),
    });
    expect(await ob.call(10001, 'set_group_add_request', { flag: '1', sub_type: 'join' })).toMatchObject({ retcode: 1400 });
  });

  it('the join setting decides: anyone joins, nobody may ask, a correct answer joins, an answer waits for approval', async () => {
    const ob = await onebotWorld();
    await ob.data(10002, 'set_group_add_option', { group_id: 30002, add_type: 1 });
    ob.domainEvents.length = 0;
    expect(await ob.data(20003, 'send_group_join_request', { group_id: 30002 })).toMatchObject({ status: 'approved' });
    expect(await ob.world.groups.findMember(30002, 20003)).toBeDefined();
    expect(ob.domainEvents.map((event) => event.type)).toEqual(['member.joined', 'request.answered']);

    await ob.data(10002, 'set_group_add_option', { group_id: 30002, add_type: 3 });
    expect(await ob.call(20002, 'send_group_join_request', { group_id: 30002 })).toMatchObject({
      retcode: 2103,
      message: 'group 30002 accepts no join requests (add option 3)',
    });

    await ob.data(10002, 'set_group_add_option', { group_id: 30002, add_type: 4, group_question: 'Cat sound?', group_answer: 'Meow' });
    expect(await ob.call(20002, 'send_group_join_request', { group_id: 30002, answer: 'woof' })).toMatchObject({
      retcode: 2103,
      message: expect.stringContaining('wrong answer'),
    });
    expect(await ob.data(20002, 'send_group_join_request', { group_id: 30002, answer: ' meow ' })).toMatchObject({ status: 'approved' });

    await ob.data(10002, 'set_group_add_option', { group_id: 30002, add_type: 5, group_question: 'Why?' });
    ob.domainEvents.length = 0;
    const { flag, status } = await ob.data(10001, 'send_group_join_request', { group_id: 30002, answer: 'to help' });
    expect(status).toBe('pending');
    expect(ob.domainEvents[0]).toMatchObject({ type: 'request.group', comment: '问题：Why?\n答案：to help', audience: [10002] });
    await ob.data(10002, 'set_group_add_request', { flag, approve: true });
    expect(await ob.world.groups.findMember(30002, 10001)).toBeDefined();
  });

  it('a full group keeps the request pending so it can be answered later', async () => {
    const ob = await onebotWorld();
    await ob.world.groups.update(30002, { maxMembers: 2 });
    const { flag } = await ob.data(20003, 'send_group_join_request', { group_id: 30002 });
    expect(await ob.call(10002, 'set_group_add_request', { flag, approve: true })).toMatchObject({ retcode: 2108 });
    expect((await ob.data(10002, 'get_group_system_msg')).join_requests[0]).toMatchObject({ checked: false, actor: 0 });
    await ob.world.groups.update(30002, { maxMembers: 10 });
    await ob.data(10002, 'set_group_add_request', { flag, approve: true });
    expect(await ob.world.groups.findMember(30002, 20003)).toBeDefined();
  });

  it('filtered join requests raise no event and are listed by the ignored lists', async () => {
    const ob = await onebotWorld();
    const { flag } = await ob.data(10002, 'send_group_join_request', { group_id: 30001, filtered: true });
    expect(ob.domainEvents).toEqual([]);
    expect((await ob.data(10001, 'get_group_system_msg')).join_requests).toEqual([]);
    expect(await ob.data(10001, 'get_group_ignore_add_request')).toEqual([
      expect.objectContaining({ request_id: Number(flag), group_id: 30001, checked: false }),
    ]);
    expect(await ob.data(10001, 'get_group_ignored_notifies')).toMatchObject({
      invited_requests: [],
      join_requests: [{ request_id: Number(flag) }],
    });
    await ob.data(10001, 'set_group_add_request', { flag, approve: true });
    expect(await ob.world.groups.findMember(30001, 10002)).toBeDefined();
  });
});

describe('group invitations', () => {
  it('an admin’s invitation reaches the invitee, whose approval adds them with sub_type invite', async () => {
    const ob = await onebotWorld();
    const { flag } = await ob.data(10001, 'send_group_invite', { group_id: 30001, user_id: 10002, comment: 'join us' });
    expect(ob.domainEvents).toEqual([
      expect.objectContaining({
        type: 'request.group',
        subType: 'invite',
        flag,
        groupId: 30001,
        userId: 10001,
        comment: 'join us',
        audience: [10002],
      }),
    ]);
    const system = await ob.data(10002, 'get_group_system_msg');
    expect(system.invited_requests).toEqual([
      expect.objectContaining({
        request_id: Number(flag),
        invitor_uin: 10001,
        invitor_nick: 'Bot A',
        group_name: 'Lounge',
        checked: false,
      }),
    ]);
    expect(system.InvitedRequest).toEqual(system.invited_requests);
    expect(await ob.call(10001, 'set_group_add_request', { flag, approve: true })).toMatchObject({
      retcode: 2103,
      message: `invitation ${flag} was sent to 10002, not to 10001`,
    });
    ob.domainEvents.length = 0;
    await ob.data(10002, 'set_group_add_request', { flag, sub_type: 'invite', approve: true });
    expect(ob.domainEvents[0]).toMatchObject({ type: 'member.joined', subType: 'invite', operatorId: 10001 });
    expect(await ob.world.groups.findMember(30001, 10002)).toBeDefined();
  });

  it('a plain member’s accepted invitation becomes a join request for the admins', async () => {
    const ob = await onebotWorld();
    const { flag } = await ob.data(20002, 'send_group_invite', { group_id: 30001, user_id: 10002 });
    ob.domainEvents.length = 0;
    await ob.data(10002, 'set_group_add_request', { flag, approve: true });
    expect(await ob.world.groups.findMember(30001, 10002)).toBeUndefined();
    const join = ob.domainEvents.find((event) => event.type === 'request.group');
    expect(join).toMatchObject({ subType: 'add', userId: 10002, invitorId: 20002 });
    const [listed] = (await ob.data(10001, 'get_group_system_msg')).join_requests;
    expect(listed).toMatchObject({ invitor_uin: 20002, requester_uin: 10002, checked: false });
    await ob.data(10001, 'set_group_add_request', { flag: String(listed.request_id), approve: true });
    expect(await ob.world.groups.findMember(30001, 10002)).toBeDefined();
  });

  it('the invite policy decides what a plain member’s invitation leads to', async () => {
    const ob = await onebotWorld();
    expect(await ob.call(20002, 'set_group_member_invite_policy', { group_id: 30001, policy: 'disabled' })).toMatchObject({
      retcode: 2103,
    });
    expect(await ob.call(10001, 'set_group_member_invite_policy', { group_id: 30001, policy: 'sometimes' })).toMatchObject({
      retcode: 1400,
    });
    await ob.data(10001, 'set_group_member_invite_policy', { group_id: 30001, policy: 'disabled' });
    expect(ob.domainEvents.at(-1)).toMatchObject({ type: 'group.updated', changed: ['invitePolicy'] });
    expect(await ob.call(20002, 'send_group_invite', { group_id: 30001, user_id: 10002 })).toMatchObject({
      retcode: 2103,
      message: 'members of group 30001 may not invite (invite policy disabled); only its admins may',
    });
    await ob.data(20001, 'set_group_member_invite_policy', { group_id: 30001, policy: 'no_approval_under_100' });
    const { flag } = await ob.data(20002, 'send_group_invite', { group_id: 30001, user_id: 10002 });
    await ob.data(10002, 'set_group_add_request', { flag, approve: true });
    expect(await ob.world.groups.findMember(30001, 10002)).toMatchObject({ role: 'member' });
    // The join setting survives a change of the invite policy, and the other way round.
    await ob.data(10001, 'set_group_add_option', { group_id: 30001, add_type: 5, group_question: 'Q?' });
    expect(await ob.world.groupAdmin.joinSettings(30001)).toMatchObject({ addOption: 5, invitePolicy: 'no_approval_under_100' });
  });

  it('refuses non-members, members, oneself and member invitations into closed groups', async () => {
    const ob = await onebotWorld();
    expect(await ob.call(10002, 'send_group_invite', { group_id: 30001, user_id: 20001 })).toMatchObject({ retcode: 2101 });
    expect(await ob.call(10001, 'send_group_invite', { group_id: 30001, user_id: 20002 })).toMatchObject({ retcode: 2106 });
    expect(await ob.call(10001, 'send_group_invite', { group_id: 30001, user_id: 10001 })).toMatchObject({ retcode: 1400 });
    expect(await ob.call(10001, 'send_group_invite', { group_id: 30001, user_id: 29999 })).toMatchObject({ retcode: 2001 });
    await ob.data(10001, 'set_group_add_option', { group_id: 30001, add_type: 3 });
    expect(await ob.call(20002, 'send_group_invite', { group_id: 30001, user_id: 10002 })).toMatchObject({ retcode: 2103 });
    expect(await ob.data(10001, 'send_group_invite', { group_id: 30001, user_id: 10002 })).toMatchObject({ status: 'pending' });
  });
});

describe('requests persist', () => {
  it('survive in the store and keep their answers', async () => {
    const ob = await onebotWorld();
    const { flag } = await ob.data(20003, 'send_friend_request', { user_id: 10002 });
    const stored = await ob.world.requests.find(flag);
    expect(stored).toMatchObject({ kind: 'friend', requesterId: 20003, targetId: 10002, status: 'pending' });
    await ob.data(10002, 'set_friend_add_request', { flag });
    expect(await ob.world.requests.find(flag)).toMatchObject({ status: 'approved', actorId: 10002, handledAt: expect.any(Number) });
  });
});
