import { describe, expect, it } from 'vitest';
import { onebotWorld } from '../helpers/onebot.js';

// smallWorld: group 30001 "Lounge": owner 20001, admin 10001, members 20002 and 20003.
// NapCat reads its yes/no params by hand (SetFriendAddRequest.ts, SetGroupAddRequest.ts,
// SetGroupWholeBan.ts: `?.toString() !== 'false'`; SetGroupAdmin.ts, SetMsgEmojiLike.ts:
// `typeof v === 'string' ? v === 'true' : !!v`; SetGroupKick.ts: `?.toString() === 'true'`) after
// TypeBox's Value.Parse, which keeps strings and turns a number into the union's first member.
const llbot = { dialect: 'llbot' } as const;
const gocq = { dialect: 'go-cqhttp' } as const;
type World = Awaited<ReturnType<typeof onebotWorld>>;

async function friendAnswer(ob: World, requester: number, approve: unknown, meta?: typeof llbot | typeof gocq) {
  const { flag } = await ob.data(requester, 'send_friend_request', { user_id: 10001 });
  await ob.data(10001, 'set_friend_add_request', { flag, approve }, meta);
  return ob.world.friends.areFriends(10001, requester);
}

async function joinAnswer(ob: World, requester: number, approve: unknown, meta?: typeof llbot | typeof gocq) {
  const { flag } = await ob.data(requester, 'send_group_join_request', { group_id: 30002 });
  await ob.data(10002, 'set_group_add_request', { flag, approve }, meta);
  return (await ob.world.groups.findMember(30002, requester)) !== undefined;
}

const roleOf = async (ob: World, userId: number) => (await ob.world.groups.findMember(30001, userId))?.role;
const allShut = async (ob: World) => (await ob.data(20002, 'get_group_info', { group_id: 30001 })).group_all_shut as number;

describe('yes/no params as NapCat reads them', () => {
  it('set_friend_add_request approves unless false or "false": 0, "0" and "no" approve (numbers become strings here)', async () => {
    const ob = await onebotWorld();
    expect(await friendAnswer(ob, 20003, 0)).toBe(true);
    expect(await friendAnswer(ob, 20002, '0')).toBe(true);
    expect(await friendAnswer(ob, 10002, 'no')).toBe(true);
  });

  it('set_friend_add_request in the LLBot and go-cqhttp dialects reads a plain boolean: 0 and "0" reject, "no" is refused', async () => {
    const ob = await onebotWorld();
    expect(await friendAnswer(ob, 20003, 0, llbot)).toBe(false);
    expect(await friendAnswer(ob, 20002, '0', gocq)).toBe(false);
    const { flag } = await ob.data(10002, 'send_friend_request', { user_id: 10001 });
    expect(await ob.call(10001, 'set_friend_add_request', { flag, approve: 'no' }, llbot)).toMatchObject({ retcode: 1400 });
  });

  it('set_group_add_request rejects on false, "false" and 0 (the boolean comes first here), approves on "0"', async () => {
    const ob = await onebotWorld();
    expect(await joinAnswer(ob, 20002, 0)).toBe(false);
    expect(await joinAnswer(ob, 20003, '0')).toBe(true);
    expect(await joinAnswer(ob, 10001, 'no')).toBe(true);
  });

  it('set_group_add_request in the LLBot dialect rejects on "0"', async () => {
    const ob = await onebotWorld();
    expect(await joinAnswer(ob, 20003, '0', llbot)).toBe(false);
  });

  it('set_group_admin makes an admin only on true, "true" or 1: "1" and "yes" remove the admin', async () => {
    const ob = await onebotWorld();
    await ob.data(20001, 'set_group_admin', { group_id: 30001, user_id: 20002, enable: 1 });
    expect(await roleOf(ob, 20002)).toBe('admin');
    await ob.data(20001, 'set_group_admin', { group_id: 30001, user_id: 20002, enable: '1' });
    expect(await roleOf(ob, 20002)).toBe('member');
    await ob.data(20001, 'set_group_admin', { group_id: 30001, user_id: 10001, enable: 'yes' });
    expect(await roleOf(ob, 10001)).toBe('member');
    await ob.data(20001, 'set_group_admin', { group_id: 30001, user_id: 20003, enable: 'true' });
    expect(await roleOf(ob, 20003)).toBe('admin');
  });

  it('set_group_admin in the LLBot and go-cqhttp dialects reads "1" as true and refuses "yes"', async () => {
    const ob = await onebotWorld();
    await ob.data(20001, 'set_group_admin', { group_id: 30001, user_id: 20002, enable: '1' }, llbot);
    expect(await roleOf(ob, 20002)).toBe('admin');
    expect(await ob.call(20001, 'set_group_admin', { group_id: 30001, user_id: 20002, enable: 'yes' }, gocq)).toMatchObject({
      retcode: 1400,
    });
    expect(await roleOf(ob, 20002)).toBe('admin');
  });

  it('set_group_whole_ban mutes unless false, "false" or 0: "0" mutes', async () => {
    const ob = await onebotWorld();
    await ob.data(10001, 'set_group_whole_ban', { group_id: 30001, enable: '0' });
    expect(await allShut(ob)).toBe(-1);
    await ob.data(10001, 'set_group_whole_ban', { group_id: 30001, enable: 0 });
    expect(await allShut(ob)).toBe(0);
    await ob.data(10001, 'set_group_whole_ban', { group_id: 30001, enable: 'off' });
    expect(await allShut(ob)).toBe(-1);
    await ob.data(10001, 'set_group_whole_ban', { group_id: 30001, enable: '0' }, gocq);
    expect(await allShut(ob)).toBe(0);
  });

  it('set_group_kick refuses later join requests only on true, "true" or 1: "1" leaves the door open', async () => {
    const ob = await onebotWorld();
    await ob.data(10001, 'set_group_kick', { group_id: 30001, user_id: 20002, reject_add_request: '1' });
    expect(await ob.data(20002, 'send_group_join_request', { group_id: 30001 })).toMatchObject({ status: 'pending' });
    await ob.data(10001, 'set_group_kick', { group_id: 30001, user_id: 20003, reject_add_request: '1' }, llbot);
    expect(await ob.call(20003, 'send_group_join_request', { group_id: 30001 })).toMatchObject({ retcode: 2103 });
  });

  it('set_msg_emoji_like adds without set or on true, "true" or 1; "1" removes', async () => {
    const ob = await onebotWorld();
    const { message_id } = await ob.data(20002, 'send_group_msg', { group_id: 30001, message: 'hi' });
    const likes = async () =>
      (await ob.data(10001, 'fetch_emoji_like', { message_id, emojiId: '4', emojiType: '1' })).emojiLikesList.length as number;
    await ob.data(10001, 'set_msg_emoji_like', { message_id, emoji_id: '4' });
    expect(await likes()).toBe(1);
    await ob.data(10001, 'set_msg_emoji_like', { message_id, emoji_id: '4', set: '1' });
    expect(await likes()).toBe(0);
    await ob.data(10001, 'set_msg_emoji_like', { message_id, emoji_id: '4', set: 1 });
    expect(await likes()).toBe(1);
    await ob.data(10001, 'set_msg_emoji_like', { message_id, emoji_id: '4', set: '0' }, llbot);
    expect(await likes()).toBe(0);
    await ob.data(10001, 'set_msg_emoji_like', { message_id, emoji_id: '4', set: '1' }, llbot);
    expect(await likes()).toBe(1);
  });

  it('null is refused with 1400 in every dialect, as NapCat’s schema refuses it', async () => {
    const ob = await onebotWorld();
    const { flag } = await ob.data(20003, 'send_friend_request', { user_id: 10001 });
    expect(await ob.call(10001, 'set_friend_add_request', { flag, approve: null })).toMatchObject({ retcode: 1400 });
    expect(await ob.world.friends.areFriends(10001, 20003)).toBe(false);
  });
});
