import { describe, expect, it } from 'vitest';
import { onebotWorld } from '../helpers/onebot.js';

// smallWorld: group 30001: owner 20001, admin 10001, members 20002 and 20003.
type Ob = Awaited<ReturnType<typeof onebotWorld>>;
const say = async (ob: Ob, userId: number, text: string, groupId = 30001): Promise<number> =>
  (await ob.data(userId, 'send_group_msg', { group_id: groupId, message: text })).message_id;
const day = 24 * 3600_000;

describe('mutes keep a member from speaking', () => {
  it('until the mute expires or is lifted; a whole-group mute silences plain members only', async () => {
    const ob = await onebotWorld();
    await ob.data(10001, 'set_group_ban', { group_id: 30001, user_id: 20002, duration: 60 });
    expect(await ob.call(20002, 'send_group_msg', { group_id: 30001, message: 'hello?' })).toMatchObject({
      retcode: 2105,
      message: expect.stringContaining('muted'),
    });
    ob.clock.advance(61_000);
    expect(await ob.call(20002, 'send_group_msg', { group_id: 30001, message: 'free again' })).toMatchObject({ status: 'ok' });

    await ob.data(10001, 'set_group_ban', { group_id: 30001, user_id: 20002, duration: 3600 });
    expect(await ob.call(20002, 'send_group_msg', { group_id: 30001, message: 'x' })).toMatchObject({ retcode: 2105 });
    await ob.data(10001, 'set_group_ban', { group_id: 30001, user_id: 20002, duration: 0 });
    expect(await ob.call(20002, 'send_group_msg', { group_id: 30001, message: 'lifted' })).toMatchObject({ status: 'ok' });

    await ob.data(20001, 'set_group_whole_ban', { group_id: 30001, enable: true });
    expect(await ob.call(20003, 'send_group_msg', { group_id: 30001, message: 'x' })).toMatchObject({ retcode: 2105 });
    expect(await ob.call(10001, 'send_group_msg', { group_id: 30001, message: 'admins may' })).toMatchObject({ status: 'ok' });
    await ob.data(20001, 'set_group_whole_ban', { group_id: 30001, enable: false });
    expect(await ob.call(20003, 'send_group_msg', { group_id: 30001, message: 'back' })).toMatchObject({ status: 'ok' });
  });
});

describe('essence messages', () => {
  it('admins set and remove them; members list them with content; each change emits essence.changed', async () => {
    const ob = await onebotWorld();
    const id = await say(ob, 20002, 'pin me [CQ:face,id=14]');
    ob.domainEvents.length = 0;
    expect(await ob.call(20003, 'set_essence_msg', { message_id: id })).toMatchObject({ retcode: 2103 });
    await ob.data(10001, 'set_essence_msg', { message_id: String(id) });
    expect(ob.domainEvents).toEqual([
      expect.objectContaining({
        type: 'essence.changed',
        groupId: 30001,
        operatorId: 10001,
        added: true,
        message: expect.objectContaining({ messageId: id }),
      }),
    ]);
    expect(await ob.call(20001, 'set_essence_msg', { message_id: id })).toMatchObject({
      retcode: 2106,
      message: `message ${id} is already an essence message of group 30001`,
    });
    const list = await ob.data(20003, 'get_essence_msg_list', { group_id: 30001 });
    expect(list).toEqual([
      expect.objectContaining({
        message_id: id,
        sender_id: 20002,
        sender_nick: 'Bob',
        operator_id: 10001,
        operator_nick: 'Bot A',
        operator_time: expect.any(Number),
        msg_seq: expect.any(Number),
        msg_random: expect.any(Number),
        content: [{ type: 'text', data: { text: 'pin me ' } }, expect.objectContaining({ type: 'face' })],
      }),
    ]);
    const asString = await ob.call(20003, 'get_essence_msg_list', { group_id: 30001 }, { messageFormat: 'string' });
    expect((asString.data as any)[0].content).toEqual([{ type: 'text', data: { text: expect.stringContaining('[CQ:face,id=14') } }]);
    expect(await ob.data(10001, 'get_group_info_ex', { group_id: 30001 })).toMatchObject({ extInfo: { essentialMsgSwitch: 1 } });

    expect(await ob.call(20002, 'delete_essence_msg', { message_id: id })).toMatchObject({ retcode: 2103 });
    await ob.data(20001, 'delete_essence_msg', { group_id: 30001, msg_seq: list[0].msg_seq, msg_random: list[0].msg_random });
    expect(ob.domainEvents.at(-1)).toMatchObject({ type: 'essence.changed', added: false, operatorId: 20001 });
    expect(await ob.data(20003, 'get_essence_msg_list', { group_id: 30001 })).toEqual([]);
    expect(await ob.call(20001, 'delete_essence_msg', { message_id: id })).toMatchObject({
      retcode: 2107,
      message: `message ${id} is not an essence message of group 30001`,
    });
  });

  it('refuses private, recalled, unknown and invisible messages and bad params, changing nothing', async () => {
    const ob = await onebotWorld();
    const privateId = (await ob.data(10001, 'send_private_msg', { user_id: 20001, message: 'hi' })).message_id;
    expect(await ob.call(10001, 'set_essence_msg', { message_id: privateId })).toMatchObject({
      retcode: 1400,
      message: expect.stringContaining('private message'),
    });
    const recalled = await say(ob, 20002, 'oops');
    await ob.data(20002, 'delete_msg', { message_id: recalled });
    expect(await ob.call(10001, 'set_essence_msg', { message_id: recalled })).toMatchObject({ retcode: 2109 });
    expect(await ob.call(10001, 'set_essence_msg', { message_id: 999999 })).toMatchObject({
      retcode: 2004,
      message: 'message 999999 does not exist',
    });
    const labMessage = await say(ob, 10002, 'lab only', 30002);
    expect(await ob.call(10001, 'set_essence_msg', { message_id: labMessage })).toMatchObject({ retcode: 2004 });
    expect(await ob.call(10001, 'set_essence_msg', {})).toMatchObject({ retcode: 1400 });
    expect(await ob.call(10001, 'delete_essence_msg', { group_id: 30001 })).toMatchObject({
      retcode: 1400,
      message: expect.stringContaining('message_id'),
    });
    expect(await ob.call(10001, 'delete_essence_msg', { group_id: 30001, msg_seq: 999 })).toMatchObject({ retcode: 2004 });
    expect(await ob.call(10002, 'get_essence_msg_list', { group_id: 30001 })).toMatchObject({ retcode: 2101 });
    expect(await ob.world.store.essence.list(30001)).toEqual([]);
  });
});

describe('get_group_honor_info', () => {
  it('derives 龙王, streaks and sticker lovers from the group’s messages', async () => {
    const ob = await onebotWorld();
    // Four days: 20002 talks every day and tops each day; 20003 sends a sticker every day.
    for (let index = 0; index < 4; index++) {
      await say(ob, 20002, 'one');
      await say(ob, 20002, 'two');
      await ob.data(20003, 'send_group_msg', { group_id: 30001, message: [{ type: 'face', data: { id: 14 } }] });
      if (index < 3) ob.clock.advance(day);
    }
    const all = await ob.data(10001, 'get_group_honor_info', { group_id: '30001' });
    expect(all).toMatchObject({
      group_id: 30001,
      current_talkative: { user_id: 20002, nickname: 'Bob', day_count: 4, avatar: '' },
      talkative_list: [{ user_id: 20002, nickname: 'Bob', avatar: '', description: '4天，最长蝉联4天' }],
      performer_list: [
        { user_id: 20002, description: '连续发消息4天' },
        { user_id: 20003, description: '连续发消息4天' },
      ],
      legend_list: [],
      emotion_list: [{ user_id: 20003, description: '已连续发送表情包4天' }],
      strong_newbie_list: [],
    });
    // Only the asked type is filled in.
    const emotion = await ob.data(10001, 'get_group_honor_info', { group_id: 30001, type: 'emotion' });
    expect(emotion).toMatchObject({ current_talkative: {}, talkative_list: [], performer_list: [], emotion_list: [{ user_id: 20003 }] });

    // A week of talk makes a legend; a day of silence ends a streak.
    for (let index = 0; index < 3; index++) {
      ob.clock.advance(day);
      await say(ob, 20002, 'still here');
    }
    const week = await ob.data(10001, 'get_group_honor_info', { group_id: 30001, type: 'legend' });
    expect(week.legend_list).toEqual([expect.objectContaining({ user_id: 20002, description: '连续发消息7天' })]);
    ob.clock.advance(2 * day);
    await say(ob, 20003, 'anyone?');
    const after = await ob.data(10001, 'get_group_honor_info', { group_id: 30001 });
    expect(after.current_talkative).toMatchObject({ user_id: 20003, day_count: 1 });
    expect(after.legend_list).toEqual([]);
  });

  it('names a newcomer who speaks up, only counts current members, and refuses outsiders', async () => {
    const ob = await onebotWorld();
    ob.clock.advance(60_000); // joining after the group was founded makes a newcomer
    const { flag } = await ob.data(10002, 'send_group_join_request', { group_id: 30001 });
    await ob.data(10001, 'set_group_add_request', { flag, approve: true });
    for (let index = 0; index < 5; index++) await say(ob, 10002, `hello ${index}`);
    await say(ob, 20003, 'bye');
    await say(ob, 20003, 'really');
    await ob.data(20003, 'set_group_leave', { group_id: 30001 });
    const honors = await ob.data(20002, 'get_group_honor_info', { group_id: 30001, type: 'all' });
    expect(honors.strong_newbie_list).toEqual([expect.objectContaining({ user_id: 10002, description: '入群1天，发言5条' })]);
    expect(honors.current_talkative).toMatchObject({ user_id: 10002 });
    expect(JSON.stringify(honors)).not.toContain('20003');
    expect(await ob.call(20003, 'get_group_honor_info', { group_id: 30001 })).toMatchObject({ retcode: 2101 });
    expect(await ob.call(20002, 'get_group_honor_info', { group_id: 30001, type: 'dragon' })).toMatchObject({ retcode: 1400 });
    expect(await ob.data(20002, 'get_group_honor_info', { group_id: 30002 }).catch(() => 'refused')).toBe('refused');
  });

  it('is empty for a quiet group', async () => {
    const ob = await onebotWorld();
    expect(await ob.data(10002, 'get_group_honor_info', { group_id: 30002 })).toEqual({
      group_id: 30002,
      current_talkative: {},
      talkative_list: [],
      performer_list: [],
      legend_list: [],
      emotion_list: [],
      strong_newbie_list: [],
    });
  });
});

describe('get_group_at_all_remain', () => {
  it('counts today’s @all messages against the daily allowance; plain members have none', async () => {
    const ob = await onebotWorld();
    expect(await ob.data(10001, 'get_group_at_all_remain', { group_id: 30001 })).toEqual({
      can_at_all: true,
      remain_at_all_count_for_group: 10,
      remain_at_all_count_for_uin: 10,
    });
    await ob.data(10001, 'send_group_msg', { group_id: 30001, message: '[CQ:at,qq=all] meeting' });
    await ob.data(20001, 'send_group_msg', { group_id: 30001, message: '[CQ:at,qq=all] again' });
    expect(await ob.data(10001, 'get_group_at_all_remain', { group_id: 30001 })).toEqual({
      can_at_all: true,
      remain_at_all_count_for_group: 8,
      remain_at_all_count_for_uin: 8,
    });
    expect(await ob.data(20002, 'get_group_at_all_remain', { group_id: 30001 })).toEqual({
      can_at_all: false,
      remain_at_all_count_for_group: 8,
      remain_at_all_count_for_uin: 0,
    });
    ob.clock.advance(day);
    expect(await ob.data(10001, 'get_group_at_all_remain', { group_id: 30001 })).toMatchObject({ remain_at_all_count_for_group: 10 });
    expect(await ob.call(10002, 'get_group_at_all_remain', { group_id: 30001 })).toMatchObject({ retcode: 2101 });
    // The allowance is enforced when sending.
    for (let index = 0; index < 10; index++)
      await ob.data(10001, 'send_group_msg', { group_id: 30001, message: `[CQ:at,qq=all] #${index}` });
    expect(await ob.data(20001, 'get_group_at_all_remain', { group_id: 30001 })).toEqual({
      can_at_all: false,
      remain_at_all_count_for_group: 0,
      remain_at_all_count_for_uin: 0,
    });
    expect(await ob.call(20001, 'send_group_msg', { group_id: 30001, message: '[CQ:at,qq=all] one more' })).toMatchObject({
      retcode: 2108,
      message: "account 20001 has used today's @all allowance in group 30001",
    });
    expect(await ob.call(20001, 'send_group_msg', { group_id: 30001, message: 'no @all is fine' })).toMatchObject({ status: 'ok' });
    expect(await ob.call(10001, 'get_group_at_all_remain', {})).toMatchObject({ retcode: 1400 });
  });
});
