import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../src/world/events.js';
import { onebotWorld } from '../helpers/onebot.js';

// smallWorld: group 30001 "Lounge": owner 20001, admin 10001, members 20002 and 20003.
//             group 30002 "Lab": owner 10002, member 20001.
const roles = async (ob: Awaited<ReturnType<typeof onebotWorld>>, groupId = 30001) =>
  Object.fromEntries((await ob.world.groups.members(groupId)).map((member) => [member.userId, member.role]));
const types = (events: DomainEvent[]) => events.map((event) => event.type);

describe('set_group_kick', () => {
  it('lets an admin remove a member and emits member.left kick with the operator', async () => {
    const ob = await onebotWorld();
    expect(await ob.call(10001, 'set_group_kick', { group_id: '30001', user_id: '20002' })).toMatchObject({ status: 'ok', data: null });
    expect(await roles(ob)).not.toHaveProperty('20002');
    expect(ob.domainEvents).toEqual([
      expect.objectContaining({
        type: 'member.left',
        groupId: 30001,
        userId: 20002,
        operatorId: 10001,
        subType: 'kick',
        audience: expect.arrayContaining([20002, 20001, 10001]),
      }),
    ]);
  });

  it('refuses a member, and an admin acting on the owner or another admin; nothing changes', async () => {
    const ob = await onebotWorld();
    await ob.data(20001, 'set_group_admin', { group_id: 30001, user_id: 20002, enable: true });
    const before = await roles(ob);
    ob.domainEvents.length = 0;
    expect(await ob.call(20003, 'set_group_kick', { group_id: 30001, user_id: 20001 })).toMatchObject({
      retcode: 2103,
      message: 'account 20003 is a plain member of group 30001 and cannot act on user 20001',
    });
    expect(await ob.call(10001, 'set_group_kick', { group_id: 30001, user_id: 20001 })).toMatchObject({
      retcode: 2104,
      message: expect.stringContaining('(owner)'),
    });
    expect(await ob.call(10001, 'set_group_kick', { group_id: 30001, user_id: 20002 })).toMatchObject({
      retcode: 2104,
      message: expect.stringContaining('(admin)'),
    });
    expect(await ob.call(10001, 'set_group_kick', { group_id: 30001, user_id: 10001 })).toMatchObject({
      retcode: 2103,
      message: expect.stringContaining('cannot kick itself'),
    });
    expect(await roles(ob)).toEqual(before);
    expect(ob.domainEvents).toEqual([]);
    // The owner outranks an admin.
    expect(await ob.call(20001, 'set_group_kick', { group_id: 30001, user_id: 20002 })).toMatchObject({ status: 'ok' });
  });

  it('answers bad params with 1400 and unknown ids with errors naming them', async () => {
    const ob = await onebotWorld();
    expect(await ob.call(10001, 'set_group_kick', { group_id: 30001 })).toMatchObject({
      retcode: 1400,
      message: expect.stringContaining('user_id'),
    });
    expect(await ob.call(10001, 'set_group_kick', { group_id: 'abc', user_id: 20002 })).toMatchObject({ retcode: 1400 });
    expect(await ob.call(10001, 'set_group_kick', { group_id: 39999, user_id: 20002 })).toMatchObject({
      retcode: 2002,
      message: 'group 39999 does not exist',
    });
    expect(await ob.call(10001, 'set_group_kick', { group_id: 30001, user_id: 29999 })).toMatchObject({
      retcode: 2003,
      message: 'user 29999 is not a member of group 30001',
    });
    expect(await ob.call(10002, 'set_group_kick', { group_id: 30001, user_id: 20002 })).toMatchObject({
      retcode: 2101,
      message: 'account 10002 is not a member of group 30001',
    });
    expect(Object.keys(await roles(ob))).toHaveLength(4);
  });

  it('with reject_add_request refuses the kicked user’s later join requests, but an admin may invite them back', async () => {
    const ob = await onebotWorld();
    await ob.data(20003, 'send_group_invite', { group_id: 30001, user_id: 10002 }); // unrelated pending invite stays
    await ob.data(10001, 'set_group_kick', { group_id: 30001, user_id: 20002, reject_add_request: 'true' });
    expect(await ob.call(20002, 'send_group_join_request', { group_id: 30001, comment: 'let me back' })).toMatchObject({
      retcode: 2103,
      message: 'group 30001 refuses join requests from user 20002 (removed with reject_add_request)',
    });
    expect(await ob.call(20003, 'send_group_invite', { group_id: 30001, user_id: 20002 })).toMatchObject({ retcode: 2103 });
    // A kick without reject_add_request leaves the door open.
    await ob.data(10001, 'set_group_kick', { group_id: 30001, user_id: 20003 });
    expect(await ob.data(20003, 'send_group_join_request', { group_id: 30001 })).toMatchObject({ status: 'pending' });
    const { flag } = await ob.data(10001, 'send_group_invite', { group_id: 30001, user_id: 20002 });
    await ob.data(20002, 'set_group_add_request', { flag, approve: true });
    expect(await roles(ob)).toMatchObject({ 20002: 'member' });
  });
});

describe('set_group_kick_members', () => {
  it('removes every listed member', async () => {
    const ob = await onebotWorld();
    await ob.data(20001, 'set_group_kick_members', { group_id: 30001, user_id: [20002, '20003'] });
    expect(Object.keys(await roles(ob)).sort()).toEqual(['10001', '20001']);
    expect(types(ob.domainEvents)).toEqual(['member.left', 'member.left']);
  });

  it('checks every target first, so one refusal changes nothing', async () => {
    const ob = await onebotWorld();
    expect(await ob.call(10001, 'set_group_kick_members', { group_id: 30001, user_ids: [20002, 20001] })).toMatchObject({ retcode: 2104 });
    expect(await ob.call(10001, 'set_group_kick_members', { group_id: 30001, user_id: [20002, 29999] })).toMatchObject({ retcode: 2003 });
    expect(await ob.call(10001, 'set_group_kick_members', { group_id: 30001 })).toMatchObject({
      retcode: 1400,
      message: expect.stringContaining('user_id'),
    });
    expect(await ob.call(10001, 'set_group_kick_members', { group_id: 30001, user_id: 'x' })).toMatchObject({ retcode: 1400 });
    expect(Object.keys(await roles(ob))).toHaveLength(4);
    expect(ob.domainEvents).toEqual([]);
  });
});

describe('set_group_ban and set_group_whole_ban', () => {
  it('without duration lifts the mute, as NapCat defaults duration to 0; LLBot and go-cqhttp mute for 30 minutes', async () => {
    const ob = await onebotWorld();
    const start = Math.floor(ob.clock.nowMs() / 1000);
    await ob.data(10001, 'set_group_ban', { group_id: 30001, user_id: 20002, duration: 600 });
    await ob.data(10001, 'set_group_ban', { group_id: 30001, user_id: 20002 });
    expect((await ob.world.groups.findMember(30001, 20002))!.muteUntil).toBe(0);
    expect(ob.domainEvents.at(-1)).toMatchObject({ type: 'member.muted', userId: 20002, duration: 0 });
    await ob.data(10001, 'set_group_ban', { group_id: 30001, user_id: 20002 }, { dialect: 'llbot' });
    await ob.data(10001, 'set_group_ban', { group_id: 30001, user_id: 20003 }, { dialect: 'go-cqhttp' });
    expect((await ob.world.groups.findMember(30001, 20002))!.muteUntil).toBe(start + 1800);
    expect((await ob.world.groups.findMember(30001, 20003))!.muteUntil).toBe(start + 1800);
  });

  it('mutes for a duration that expires with the clock, lifts with 0, and lists mutes', async () => {
    const ob = await onebotWorld();
    await ob.data(10001, 'set_group_ban', { group_id: 30001, user_id: 20002, duration: '600' });
    const start = Math.floor(ob.clock.nowMs() / 1000);
    expect(ob.domainEvents.at(-1)).toMatchObject({ type: 'member.muted', userId: 20002, operatorId: 10001, duration: 600 });
    expect(await ob.data(10001, 'get_group_member_info', { group_id: 30001, user_id: 20002 })).toMatchObject({
      shut_up_timestamp: start + 600,
    });
    const shut = await ob.data(20003, 'get_group_shut_list', { group_id: 30001 });
    expect(shut).toEqual([expect.objectContaining({ uin: '20002', nick: 'Bob', role: 2, shutUpTime: start + 600 })]);
    const group = (await ob.world.groups.find(30001))!;
    expect(ob.world.groups.isMuted(group, (await ob.world.groups.findMember(30001, 20002))!)).toBe(true);
    ob.clock.advance(601_000);
    expect(ob.world.groups.isMuted(group, (await ob.world.groups.findMember(30001, 20002))!)).toBe(false);
    expect(await ob.data(10001, 'get_group_shut_list', { group_id: 30001 })).toEqual([]);

    await ob.data(10001, 'set_group_ban', { group_id: 30001, user_id: 20002, duration: 1800 });
    expect((await ob.world.groups.findMember(30001, 20002))!.muteUntil).toBe(start + 601 + 1800);
    await ob.data(10001, 'set_group_ban', { group_id: 30001, user_id: 20002, duration: 0 });
    expect((await ob.world.groups.findMember(30001, 20002))!.muteUntil).toBe(0);
    expect(ob.domainEvents.at(-1)).toMatchObject({ type: 'member.muted', duration: 0 });
  });

  it('refuses members and rank violations, bad durations and non-members', async () => {
    const ob = await onebotWorld();
    expect(await ob.call(20002, 'set_group_ban', { group_id: 30001, user_id: 20003, duration: 60 })).toMatchObject({ retcode: 2103 });
    expect(await ob.call(10001, 'set_group_ban', { group_id: 30001, user_id: 20001, duration: 60 })).toMatchObject({ retcode: 2104 });
    expect(await ob.call(10001, 'set_group_ban', { group_id: 30001, user_id: 20003, duration: -1 })).toMatchObject({ retcode: 1400 });
    expect(await ob.call(10001, 'set_group_ban', { group_id: 30001, user_id: 20003, duration: 31 * 24 * 3600 })).toMatchObject({
      retcode: 1400,
    });
    expect(await ob.call(10002, 'get_group_shut_list', { group_id: 30001 })).toMatchObject({ retcode: 2101 });
    expect((await ob.world.groups.members(30001)).every((member) => member.muteUntil === 0)).toBe(true);
    expect(ob.domainEvents).toEqual([]);
  });

  it('whole-group mute: admins only, shown as group_all_shut, silences plain members', async () => {
    const ob = await onebotWorld();
    expect(await ob.call(20002, 'set_group_whole_ban', { group_id: 30001 })).toMatchObject({ retcode: 2103 });
    await ob.data(10001, 'set_group_whole_ban', { group_id: 30001 });
    expect(ob.domainEvents).toEqual([expect.objectContaining({ type: 'member.muted', userId: 0, duration: -1, operatorId: 10001 })]);
    expect(await ob.data(20002, 'get_group_info', { group_id: 30001 })).toMatchObject({ group_all_shut: -1 });
    const group = (await ob.world.groups.find(30001))!;
    expect(ob.world.groups.isMuted(group, (await ob.world.groups.findMember(30001, 20002))!)).toBe(true);
    expect(ob.world.groups.isMuted(group, (await ob.world.groups.findMember(30001, 10001))!)).toBe(false);
    await ob.data(10001, 'set_group_whole_ban', { group_id: 30001, enable: 'false' });
    expect(await ob.data(20002, 'get_group_info', { group_id: 30001 })).toMatchObject({ group_all_shut: 0 });
  });
});

describe('set_group_admin, set_group_card, set_group_name, set_group_special_title', () => {
  it('without enable removes the admin, as NapCat reads a missing enable as false; LLBot and go-cqhttp make an admin', async () => {
    const ob = await onebotWorld();
    await ob.data(20001, 'set_group_admin', { group_id: 30001, user_id: 10001 });
    expect((await roles(ob))[10001]).toBe('member');
    await ob.data(20001, 'set_group_admin', { group_id: 30001, user_id: 20002 }, { dialect: 'llbot' });
    await ob.data(20001, 'set_group_admin', { group_id: 30001, user_id: 20003 }, { dialect: 'go-cqhttp' });
    expect(await roles(ob)).toEqual({ 20001: 'owner', 20002: 'admin', 10001: 'member', 20003: 'admin' });
  });

  it('only the owner changes admins', async () => {
    const ob = await onebotWorld();
    expect(await ob.call(10001, 'set_group_admin', { group_id: 30001, user_id: 20002 })).toMatchObject({
      retcode: 2103,
      message: 'only the owner of group 30001 may change admins',
    });
    expect(await ob.call(20001, 'set_group_admin', { group_id: 30001, user_id: 20001 })).toMatchObject({ retcode: 2104 });
    await ob.data(20001, 'set_group_admin', { group_id: 30001, user_id: 20002, enable: true });
    await ob.data(20001, 'set_group_admin', { group_id: 30001, user_id: 10001, enable: false });
    expect(await roles(ob)).toEqual({ 20001: 'owner', 20002: 'admin', 10001: 'member', 20003: 'member' });
    expect(ob.domainEvents).toEqual([
      expect.objectContaining({ type: 'member.role_changed', userId: 20002, role: 'admin', previous: 'member' }),
      expect.objectContaining({ type: 'member.role_changed', userId: 10001, role: 'member', previous: 'admin' }),
    ]);
  });

  it('cards: anyone changes their own, admins those below them', async () => {
    const ob = await onebotWorld();
    await ob.data(20002, 'set_group_card', { group_id: 30001, user_id: 20002, card: 'Bobby' });
    await ob.data(10001, 'set_group_card', { group_id: 30001, user_id: 20003, card: 'Caz' });
    expect(await ob.call(20002, 'set_group_card', { group_id: 30001, user_id: 20003, card: 'x' })).toMatchObject({ retcode: 2103 });
    expect(await ob.call(10001, 'set_group_card', { group_id: 30001, user_id: 20001, card: 'x' })).toMatchObject({ retcode: 2104 });
    expect(await ob.data(10001, 'get_group_member_info', { group_id: 30001, user_id: 20003 })).toMatchObject({ card: 'Caz' });
    expect(ob.domainEvents).toEqual([
      expect.objectContaining({ type: 'member.card_changed', userId: 20002, cardNew: 'Bobby', cardOld: '' }),
      expect.objectContaining({ type: 'member.card_changed', userId: 20003, cardNew: 'Caz', cardOld: '' }),
    ]);
    await ob.data(20002, 'set_group_card', { group_id: 30001, user_id: 20002 }); // no card clears it
    expect((await ob.world.groups.findMember(30001, 20002))!.card).toBe('');
  });

  it('renames: owner and admins only, never to a blank name', async () => {
    const ob = await onebotWorld();
    expect(await ob.call(20002, 'set_group_name', { group_id: 30001, group_name: 'Mine' })).toMatchObject({ retcode: 2103 });
    expect(await ob.call(10001, 'set_group_name', { group_id: 30001, group_name: '   ' })).toMatchObject({ retcode: 1400 });
    expect(await ob.call(10001, 'set_group_name', { group_id: 30001 })).toMatchObject({ retcode: 1400 });
    await ob.data(10001, 'set_group_name', { group_id: 30001, group_name: 'Parlour' });
    expect(await ob.data(20002, 'get_group_info', { group_id: 30001 })).toMatchObject({ group_name: 'Parlour' });
    expect(ob.domainEvents[0]).toMatchObject({ type: 'group.name_changed', name: 'Parlour', operatorId: 10001 });
  });

  it('special titles: owner only, expiring with duration', async () => {
    const ob = await onebotWorld();
    expect(await ob.call(10001, 'set_group_special_title', { group_id: 30001, user_id: 20002, special_title: 'Boss' })).toMatchObject({
      retcode: 2103,
    });
    await ob.data(20001, 'set_group_special_title', { group_id: 30001, user_id: 20002, special_title: 'Hero', duration: 60 });
    // title_expire_time stays 0 while the title lasts, as NapCat and LLBot answer it.
    expect(await ob.data(20002, 'get_group_member_info', { group_id: 30001, user_id: 20002 })).toMatchObject({
      title: 'Hero',
      title_expire_time: 0,
    });
    expect(
      (await ob.data(20002, 'get_group_member_list', { group_id: 30001 })).find((m: { user_id: number }) => m.user_id === 20002),
    ).toMatchObject({
      title: 'Hero',
      title_expire_time: 0,
    });
    expect(ob.domainEvents).toEqual([expect.objectContaining({ type: 'member.title_changed', userId: 20002, title: 'Hero' })]);
    ob.clock.advance(61_000);
    expect(await ob.data(20002, 'get_group_member_info', { group_id: 30001, user_id: 20002 })).toMatchObject({ title: '' });
    await ob.data(10002, 'set_group_special_title', { group_id: 30002, user_id: 20001 }); // empty title, permanent
    expect((await ob.world.groups.findMember(30002, 20001))!.title).toBe('');
  });

  it('special titles last at most a signed 32-bit count of seconds: a longer duration is a 1400 that changes nothing', async () => {
    const ob = await onebotWorld();
    const set = (duration: unknown) =>
      ob.call(20001, 'set_group_special_title', { group_id: 30001, user_id: 20002, special_title: 'Forever', duration });
    for (const duration of [Number.MAX_SAFE_INTEGER, 2 ** 31, String(2 ** 32)]) {
      expect(await set(duration)).toMatchObject({ retcode: 1400, message: expect.stringMatching(/^duration/) });
    }
    expect(await ob.world.groups.findMember(30001, 20002)).toMatchObject({ title: '', titleExpireTime: 0 });
    expect(ob.domainEvents).toEqual([]);
    await ob.data(20001, 'set_group_special_title', { group_id: 30001, user_id: 20002, special_title: 'Long', duration: 2 ** 31 - 1 });
    const { titleExpireTime } = (await ob.world.groups.findMember(30001, 20002))!;
    expect(titleExpireTime).toBe(Math.floor(ob.clock.nowMs() / 1000) + 2 ** 31 - 1);
    expect(titleExpireTime).toBeLessThan(2 ** 32);
  });
});

describe('set_group_leave', () => {
  it('a member leaves; the owner must pass is_dismiss, which dismisses the group for everyone', async () => {
    const ob = await onebotWorld();
    await ob.data(20003, 'set_group_leave', { group_id: 30001, is_dismiss: true }); // ignored for non-owners
    expect(ob.domainEvents).toEqual([expect.objectContaining({ type: 'member.left', userId: 20003, operatorId: 20003, subType: 'leave' })]);
    expect(await ob.call(20001, 'set_group_leave', { group_id: 30001 })).toMatchObject({
      retcode: 2103,
      message: 'account 20001 owns group 30001 and cannot leave it; pass is_dismiss: true to dismiss the group',
    });
    expect(await ob.world.groups.find(30001)).toBeDefined();
    ob.domainEvents.length = 0;
    await ob.data(20001, 'set_group_leave', { group_id: 30001, is_dismiss: 'true' });
    expect(await ob.world.groups.find(30001)).toBeUndefined();
    expect(ob.domainEvents.map((event) => event.type === 'member.left' && [event.userId, event.subType])).toEqual(
      expect.arrayContaining([
        [20001, 'disband'],
        [10001, 'disband'],
        [20002, 'disband'],
      ]),
    );
    expect(await ob.call(20003, 'set_group_leave', { group_id: 30001 })).toMatchObject({ retcode: 2002 });
    expect(await ob.call(20003, 'set_group_leave', { group_id: 30002 })).toMatchObject({ retcode: 2101 });
  });
});

describe('set_group_add_option and set_group_remark', () => {
  it('join settings: owner or admins, validated, shown in get_group_detail_info', async () => {
    const ob = await onebotWorld();
    expect(await ob.call(20002, 'set_group_add_option', { group_id: 30001, add_type: 1 })).toMatchObject({ retcode: 2103 });
    expect(await ob.call(10001, 'set_group_add_option', { group_id: 30001, add_type: 9 })).toMatchObject({ retcode: 1400 });
    expect(await ob.call(10001, 'set_group_add_option', { group_id: 30001, add_type: 4, group_question: 'Password?' })).toMatchObject({
      retcode: 1400,
      message: 'add_type 4 needs the group_answer that lets people in',
    });
    expect(await ob.call(10001, 'set_group_add_option', { group_id: 30001, add_type: 5 })).toMatchObject({ retcode: 1400 });
    expect(ob.domainEvents).toEqual([]);
    await ob.data(10001, 'set_group_add_option', { group_id: '30001', add_type: '4', group_question: 'Password?', group_answer: 'purr' });
    expect(ob.domainEvents).toEqual([expect.objectContaining({ type: 'group.updated', changed: ['addOption'], operatorId: 10001 })]);
    expect(await ob.data(20002, 'get_group_detail_info', { group_id: 30001 })).toMatchObject({ addOption: 4, groupQuestion: 'Password?' });
  });

  it('group remarks are per account and show as group_remark', async () => {
    const ob = await onebotWorld();
    await ob.data(10001, 'set_group_remark', { group_id: 30001, remark: 'work' });
    expect(await ob.data(10001, 'get_group_info', { group_id: 30001 })).toMatchObject({ group_remark: 'work' });
    expect(await ob.data(10001, 'get_group_list')).toEqual([expect.objectContaining({ group_id: 30001, group_remark: 'work' })]);
    expect(await ob.data(20002, 'get_group_info', { group_id: 30001 })).toMatchObject({ group_remark: '' });
    expect(await ob.data(10001, 'get_group_detail_info', { group_id: 30001 })).toMatchObject({ group_remark: 'work', remarkName: 'work' });
    expect(ob.domainEvents).toEqual([
      expect.objectContaining({ type: 'group.remark_changed', ownerId: 10001, groupId: 30001, remark: 'work' }),
    ]);
    expect(await ob.call(10002, 'set_group_remark', { group_id: 30001, remark: 'x' })).toMatchObject({ retcode: 2101 });
    expect(await ob.call(10001, 'set_group_remark', { group_id: 30001 })).toMatchObject({ retcode: 1400 });
    await ob.data(10001, 'set_group_remark', { group_id: 30001, remark: '' });
    expect(await ob.data(10001, 'get_group_info', { group_id: 30001 })).toMatchObject({ group_remark: '' });
  });
});
