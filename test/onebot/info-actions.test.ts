import { describe, expect, it } from 'vitest';
import { defaultRobotUinRanges } from '../../src/onebot/runtime-info.js';
import { onebotWorld } from '../helpers/onebot.js';

describe('account, friend and group information actions', () => {
  it('get_login_info, get_status, get_version_info, can_send_*', async () => {
    const { data } = await onebotWorld();
    expect(await data(10002, 'get_login_info')).toEqual({ user_id: 10002, nickname: 'Bot B' });
    expect(await data(10001, 'get_status')).toMatchObject({ online: true, good: true });
    // NapCat's (and LLBot's) three fields, nothing more (NapCat action/system/GetVersionInfo.ts).
    expect(await data(10001, 'get_version_info')).toEqual({ app_name: 'Catnap', app_version: expect.any(String), protocol_version: 'v11' });
    expect(await data(10001, 'can_send_image')).toEqual({ yes: true });
    expect(await data(10001, 'can_send_record')).toEqual({ yes: true });
  });

  it('get_robot_uin_range answers the seed document example verbatim', async () => {
    const { call } = await onebotWorld();
    expect(await call(10001, 'get_robot_uin_range', {})).toEqual({
      status: 'ok',
      retcode: 0,
      data: defaultRobotUinRanges,
      message: '',
      wording: '',
      echo: null,
      stream: 'normal-action',
    });
  });

  it('get_friend_list and get_friends_with_category show only the account’s own friends', async () => {
    const { data } = await onebotWorld();
    const friends = await data(10001, 'get_friend_list', { no_cache: true });
    expect(friends).toEqual([
      expect.objectContaining({ user_id: 20001, nickname: 'Alice', remark: 'alice', sex: 'female', age: 20, category_id: 1 }),
    ]);
    expect((await data(10002, 'get_friend_list')).map((f: { user_id: number }) => f.user_id)).toEqual([20002]);
    const categories = await data(10001, 'get_friends_with_category', { no_cache: true });
    expect(categories).toEqual([
      { categoryId: 0, categorySortId: 0, categoryName: '我的好友', categoryMbCount: 0, onlineCount: 0, buddyList: [] },
      expect.objectContaining({ categoryId: 1, categoryName: 'Friends', categoryMbCount: 1, onlineCount: 1, buddyList: [friends[0]] }),
    ]);
  });

  it('get_stranger_info gives NapCat fields for anyone, with the caller’s remark', async () => {
    const { data, call } = await onebotWorld();
    const info = await data(10001, 'get_stranger_info', { user_id: '20001' });
    expect(info).toMatchObject({
      user_id: 20001,
      nickname: 'Alice',
      sex: 'female',
      age: 20,
      remark: 'alice',
      login_days: 0,
      qid: '',
      status: 10,
    });
    expect(info.uid).toMatch(/^u_/);
    expect((await data(10002, 'get_stranger_info', { user_id: 20001 })).remark).toBe('');
    expect(await call(10001, 'get_stranger_info', { user_id: -5 })).toMatchObject({ retcode: 1400 });
  });

  it('group list, info, member info and member list with OneBot types', async () => {
    const { data, call } = await onebotWorld();
    expect(await data(10001, 'get_group_list')).toEqual([
      expect.objectContaining({ group_id: 30001, group_name: 'Lounge', member_count: 4, max_member_count: 500, group_all_shut: 0 }),
    ]);
    expect(await data(10002, 'get_group_info', { group_id: '30001' })).toMatchObject({ group_id: 30001, member_count: 4 });
    const member = await data(10001, 'get_group_member_info', { no_cache: false, group_id: '30001', user_id: '20001' });
    expect(member).toMatchObject({
      group_id: 30001,
      user_id: 20001,
      nickname: 'Alice',
      role: 'owner',
      level: '1',
      area: '',
      unfriendly: false,
      card_changeable: true,
      shut_up_timestamp: 0,
    });
    expect(typeof member.level).toBe('string');
    const list = await data(10001, 'get_group_member_list', { no_cache: false, group_id: '30001' });
    expect(list.map((m: { user_id: number; role: string }) => [m.user_id, m.role]).sort()).toEqual([
      [10001, 'admin'],
      [20001, 'owner'],
      [20002, 'member'],
      [20003, 'member'],
    ]);
    expect(await call(10002, 'get_group_member_list', { group_id: 30001 })).toMatchObject({
      retcode: 2101,
      message: 'account 10002 is not a member of group 30001',
    });
    expect(await call(10001, 'get_group_member_info', { group_id: 30001, user_id: 10002 })).toMatchObject({ retcode: 2003 });
    expect(await call(10001, 'get_group_member_info', { group_id: 'x', user_id: 10002 })).toMatchObject({ retcode: 1400 });
  });
});
