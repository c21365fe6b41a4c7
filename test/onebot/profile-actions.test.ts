import { describe, expect, it } from 'vitest';
import { onebotWorld } from '../helpers/onebot.js';
import { base64Of, pngOf } from '../helpers/images.js';

describe('profile and status actions', () => {
  it('set_self_longnick takes the seed body and shows in get_stranger_info for others', async () => {
    const { call, data, world, domainEvents } = await onebotWorld();
    expect(await call(10001, 'set_self_longnick', { longNick: '朱刚' })).toMatchObject({ status: 'ok', data: { result: 0, errMsg: '' } });
    expect(await data(20001, 'get_stranger_info', { user_id: 10001 })).toMatchObject({ long_nick: '朱刚', longNick: '朱刚' });
    expect(domainEvents.at(-1)).toMatchObject({ type: 'account.updated', changed: ['longNick'] });
    // Bad input: nothing changes.
    expect(await call(10001, 'set_self_longnick', {})).toMatchObject({ retcode: 1400, message: expect.stringContaining('longNick') });
    expect(await call(10001, 'set_self_longnick', { longNick: 'x'.repeat(101) })).toMatchObject({ retcode: 1400 });
    expect((await world.accounts.require(10001)).longNick).toBe('朱刚');
  });

  it('set_online_status accepts NapCat and seed names, and others see it', async () => {
    const { call, data } = await onebotWorld();
    expect(await call(10001, 'set_online_status', { status: 50, ext_status: 0, battery_status: 75 })).toMatchObject({
      status: 'ok',
      data: null,
    });
    expect(await data(20001, 'nc_get_user_status', { user_id: 10001 })).toEqual({ status: 50, ext_status: 0 });
    expect(await data(20001, 'get_stranger_info', { user_id: 10001 })).toMatchObject({ status: 50, ext_status: 0 });
    // The seed's camelCase names, with a custom status (10 + 1028 listening to music).
    await data(10001, 'set_online_status', { status: '10', extStatus: '1028', batteryStatus: 80 });
    expect(await data(20002, 'nc_get_user_status', { user_id: '10001' })).toEqual({ status: 10, ext_status: 1028 });
    // Invisible looks offline to others, not to itself.
    await data(10001, 'set_online_status', { status: 40, ext_status: 0, battery_status: 80 });
    expect(await data(20002, 'nc_get_user_status', { user_id: 10001 })).toEqual({ status: 20, ext_status: 0 });
    expect(await data(10001, 'nc_get_user_status', { user_id: 10001 })).toEqual({ status: 40, ext_status: 0 });
  });

  it('set_online_status refuses combinations QQ does not have, with 1400 and no change', async () => {
    const { call, data } = await onebotWorld();
    await data(10001, 'set_online_status', { status: 30, ext_status: 0, battery_status: 50 });
    // The seed document's example body: busy (50) with ext status 96 does not exist in QQ.
    const seed = await call(10001, 'set_online_status', { status: 50, extStatus: 96, batteryStatus: 75 });
    expect(seed).toMatchObject({
      status: 'failed',
      retcode: 1400,
      message: expect.stringContaining('ext_status 96 cannot go with status 50'),
    });
    expect(await call(10001, 'set_online_status', { status: 10, ext_status: 96, battery_status: 75 })).toMatchObject({
      retcode: 1400,
      message: expect.stringContaining('not a QQ custom status'),
    });
    expect(await call(10001, 'set_online_status', { status: 11, ext_status: 0, battery_status: 75 })).toMatchObject({
      retcode: 1400,
      message: expect.stringContaining('status 11'),
    });
    expect(await call(10001, 'set_online_status', { status: 10, ext_status: 0, battery_status: 101 })).toMatchObject({ retcode: 1400 });
    expect(await call(10001, 'set_online_status', { status: 10, battery_status: 50 })).toMatchObject({
      retcode: 1400,
      message: expect.stringContaining('ext_status'),
    });
    expect(await call(10001, 'set_online_status', { ext_status: 0, battery_status: 50 })).toMatchObject({ retcode: 1400 });
    expect(await data(20001, 'nc_get_user_status', { user_id: 10001 })).toEqual({ status: 30, ext_status: 0 });
    expect(await call(10001, 'nc_get_user_status', { user_id: 99999 })).toMatchObject({
      retcode: 2001,
      message: 'user 99999 does not exist',
    });
  });

  it('set_self_profile (seed) and set_qq_profile change nickname, signature and sex', async () => {
    const { call, data, world } = await onebotWorld();
    expect(await call(10001, 'set_self_profile', { nick: 'string', longNick: 'string', sex: 'female' })).toMatchObject({ status: 'ok' });
    expect(await data(20001, 'get_stranger_info', { user_id: 10001 })).toMatchObject({
      nickname: 'string',
      long_nick: 'string',
      sex: 'female',
    });
    await data(10001, 'set_self_profile', { nick: 'Bot A', longNick: 'hi', sex: 1 });
    expect(await world.accounts.require(10001)).toMatchObject({ nickname: 'Bot A', longNick: 'hi', sex: 'male' });
    await data(10001, 'set_qq_profile', { nickname: 'Bot A2', personal_note: 'note', sex: '2' });
    expect(await world.accounts.require(10001)).toMatchObject({ nickname: 'Bot A2', longNick: 'note', sex: 'female' });
    await data(10001, 'set_qq_profile', { nickname: 'Bot A3' });
    expect(await world.accounts.require(10001)).toMatchObject({ nickname: 'Bot A3', longNick: 'note', sex: 'female' });
    // The seed's placeholder "sex": "string" is not a sex: a clear 1400, nothing changed.
    expect(await call(10001, 'set_self_profile', { nick: 'X', longNick: 'Y', sex: 'string' })).toMatchObject({
      retcode: 1400,
      message: expect.stringContaining('sex'),
    });
    expect(await call(10001, 'set_qq_profile', { nickname: '' })).toMatchObject({ retcode: 1400 });
    expect(await call(10001, 'set_qq_profile', { nickname: 'n'.repeat(37) })).toMatchObject({ retcode: 1400 });
    expect(await world.accounts.require(10001)).toMatchObject({ nickname: 'Bot A3', longNick: 'note', sex: 'female' });
  });

  it('set_qq_avatar stores the image as a blob Catnap serves', async () => {
    const { call, world } = await onebotWorld();
    const png = pngOf('#ff0000');
    expect(await call(10001, 'set_qq_avatar', { file: base64Of(png) })).toMatchObject({ status: 'ok', data: null });
    const account = await world.accounts.require(10001);
    expect(account.avatar).toMatch(/^[0-9a-f]{64}$/);
    expect(await world.media.blobs.read(account.avatar)).toEqual(png);
    expect(await call(10001, 'set_qq_avatar', { file: base64Of(Buffer.from('not an image at all')) })).toMatchObject({
      retcode: 2201,
      message: expect.stringContaining('must be an image'),
    });
    expect(await call(10001, 'set_qq_avatar', { file: '/no/such/file.png' })).toMatchObject({ retcode: 2201 });
    expect(await call(10001, 'set_qq_avatar', {})).toMatchObject({ retcode: 1400 });
    expect((await world.accounts.require(10001)).avatar).toBe(account.avatar);
  });
});

describe('likes', () => {
  it('send_like notifies the target and feeds get_profile_like on both sides', async () => {
    const { call, data, domainEvents } = await onebotWorld();
    expect(await call(20001, 'send_like', { user_id: 10001, times: 3 })).toMatchObject({ status: 'ok', data: null });
    expect(domainEvents.at(-1)).toMatchObject({ type: 'profile_like', operatorId: 20001, targetId: 10001, times: 3, audience: [10001] });
    await data(20002, 'send_like', { user_id: '10001' });
    const mine = await data(10001, 'get_profile_like', {});
    expect(mine.voteInfo).toMatchObject({ total_count: 4, new_count: 4 });
    expect(mine.voteInfo.userInfos.map((u: { uin: number; count: number; nick: string }) => [u.uin, u.count, u.nick])).toEqual([
      [20002, 1, 'Bob'],
      [20001, 3, 'Alice'],
    ]);
    expect(mine.voteInfo.userInfos[1]).toMatchObject({ isFriend: true, gender: 2, bTodayVotedCnt: 3 });
    expect(mine.favoriteInfo).toEqual({ userInfos: [], total_count: 0, last_time: 0, today_count: 0 });
    expect(mine.uid).toMatch(/^u_/);
    const alice = await data(10001, 'get_profile_like', { user_id: 20001 });
    expect(alice.favoriteInfo).toMatchObject({ total_count: 3, today_count: 3 });
    expect(alice.favoriteInfo.userInfos[0]).toMatchObject({ uin: 10001, count: 3, bAvailableCnt: 7 });
    expect((await data(10001, 'get_profile_like', { start: 1, count: 1 })).voteInfo.userInfos.map((u: { uin: number }) => u.uin)).toEqual([
      20001,
    ]);
  });

  it('allows 10 likes per target per day, resetting at midnight Beijing time', async () => {
    const { call, data, clock } = await onebotWorld();
    await data(20001, 'send_like', { user_id: 10001, times: 10 });
    const refused = await call(20001, 'send_like', { user_id: 10001 });
    expect(refused).toMatchObject({ retcode: 2108, message: expect.stringContaining('liked user 10001 10 time(s) today') });
    // Another target still has its own budget.
    await data(20001, 'send_like', { user_id: 20002, times: 10 });
    expect(await call(20001, 'send_like', { user_id: 20002, times: 11 })).toMatchObject({ retcode: 2108 });
    expect((await data(10001, 'get_profile_like')).voteInfo.total_count).toBe(10);
    clock.advance(24 * 3600 * 1000);
    await data(20001, 'send_like', { user_id: 10001, times: 2 });
    expect((await data(10001, 'get_profile_like')).voteInfo).toMatchObject({ total_count: 12, new_count: 2 });
  });

  it('refuses bad input and unknown or own accounts without recording anything', async () => {
    const { call, data } = await onebotWorld();
    expect(await call(20001, 'send_like', { user_id: 10001, times: 0 })).toMatchObject({ retcode: 1400 });
    expect(await call(20001, 'send_like', { user_id: 'abc' })).toMatchObject({ retcode: 1400 });
    expect(await call(20001, 'send_like', {})).toMatchObject({ retcode: 1400 });
    expect(await call(20001, 'send_like', { user_id: 99999 })).toMatchObject({ retcode: 2001, message: 'user 99999 does not exist' });
    expect(await call(20001, 'send_like', { user_id: 20001 })).toMatchObject({ retcode: 2103 });
    expect(await call(20001, 'get_profile_like', { user_id: 99999 })).toMatchObject({ retcode: 2001 });
    expect((await data(10001, 'get_profile_like')).voteInfo.total_count).toBe(0);
  });
});
