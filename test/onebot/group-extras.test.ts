import { describe, expect, it } from 'vitest';
import { pngHeader as png } from '../helpers/images.js';
import { onebotWorld } from '../helpers/onebot.js';

describe('group announcements', () => {
  it('admins post them with an image stored as a media blob; members read them; admins delete them', async () => {
    const ob = await onebotWorld();
    const image = `base64://${png(640, 360).toString('base64')}`;
    await ob.data(10001, '_send_group_notice', { group_id: 30001, content: 'Welcome!', image, pinned: '1', confirm_required: 0 });
    ob.clock.advance(5000);
    await ob.data(20001, '_send_group_notice', { group_id: 30001, content: 'Rules: be nice' });
    const notices = await ob.data(20002, '_get_group_notice', { group_id: 30001 });
    expect(notices).toHaveLength(2);
    expect(notices[0]).toMatchObject({
      notice_id: expect.stringMatching(/^[0-9a-f]{32}$/),
      sender_id: 10001,
      publish_time: expect.any(Number),
      message: { text: 'Welcome!', image: [{ id: expect.stringMatching(/^[0-9a-f]{64}$/), width: '640', height: '360' }] },
      settings: { confirm_required: 0, is_show_edit_card: 0, tip_window_type: 0, remind_ts: 0 },
      pinned: 1,
    });
    expect(notices[0].message.images).toEqual(notices[0].message.image);
    expect(notices[0].message.image[0].url).toBe(`http://catnap.test/media/${notices[0].message.image[0].id}`);
    expect(await ob.world.media.blobs.read(notices[0].message.image[0].id)).toEqual(png(640, 360));
    expect(notices[1]).toMatchObject({ sender_id: 20001, message: { text: 'Rules: be nice', image: [] }, pinned: 0 });
    expect(
      ob.domainEvents.filter((event) => event.type === 'group.notice').map((event) => event.type === 'group.notice' && event.action),
    ).toEqual(['posted', 'posted']);

    expect(await ob.call(20002, '_del_group_notice', { group_id: 30001, notice_id: notices[1].notice_id })).toMatchObject({
      retcode: 2103,
    });
    await ob.data(10001, '_del_group_notice', { group_id: 30001, notice_id: notices[1].notice_id });
    expect(await ob.data(20003, '_get_group_notice', { group_id: 30001 })).toHaveLength(1);
    expect(ob.domainEvents.at(-1)).toMatchObject({ type: 'group.notice', action: 'deleted', operatorId: 10001, senderId: 20001 });
    expect(await ob.call(10001, '_del_group_notice', { group_id: 30001, notice_id: notices[1].notice_id })).toMatchObject({
      retcode: 2008,
      message: `group 30001 has no announcement ${notices[1].notice_id}`,
    });
  });

  it('refuses members, non-members, empty content, non-images and unknown groups, storing nothing', async () => {
    const ob = await onebotWorld();
    expect(await ob.call(20002, '_send_group_notice', { group_id: 30001, content: 'hi' })).toMatchObject({ retcode: 2103 });
    expect(await ob.call(10001, '_send_group_notice', { group_id: 30001, content: '' })).toMatchObject({ retcode: 1400 });
    expect(await ob.call(10001, '_send_group_notice', { group_id: 30001, content: '  ' })).toMatchObject({ retcode: 1400 });
    expect(
      await ob.call(10001, '_send_group_notice', {
        group_id: 30001,
        content: 'x',
        image: `base64://${Buffer.from('plain text').toString('base64')}`,
      }),
    ).toMatchObject({
      retcode: 2201,
      message: expect.stringContaining('not an image'),
    });
    expect(await ob.call(10001, '_send_group_notice', { group_id: 39999, content: 'x' })).toMatchObject({ retcode: 2002 });
    expect(await ob.call(10002, '_get_group_notice', { group_id: 30001 })).toMatchObject({ retcode: 2101 });
    expect(await ob.data(10001, '_get_group_notice', { group_id: 30001 })).toEqual([]);
    expect(ob.domainEvents).toEqual([]);
  });
});

describe('group check-in', () => {
  it('members check in once a China-time day, listed in order; both names work', async () => {
    const ob = await onebotWorld(); // the clock starts at 2026-01-01T00:00Z, 08:00 in China
    await ob.data(20002, 'send_group_sign', { group_id: 30001 });
    ob.clock.advance(60_000);
    await ob.data(10001, 'set_group_sign', { group_id: '30001' });
    await ob.data(20002, 'set_group_sign', { group_id: 30001 }); // again today: nothing changes
    const list = await ob.data(20003, 'get_group_signed_list', { group_id: 30001 });
    expect(list).toEqual([
      { user_id: 20002, nick: 'Bob', time: expect.any(Number), rank: 1 },
      { user_id: 10001, nick: 'Bot A', time: expect.any(Number), rank: 2 },
    ]);
    expect(ob.domainEvents.map((event) => event.type)).toEqual(['group.signed', 'group.signed']);
    ob.clock.advance(16 * 3600_000); // past midnight in China
    expect(await ob.data(20003, 'get_group_signed_list', { group_id: 30001 })).toEqual([]);
    await ob.data(20002, 'set_group_sign', { group_id: 30001 });
    expect(await ob.data(20003, 'get_group_signed_list', { group_id: 30001 })).toEqual([
      expect.objectContaining({ user_id: 20002, rank: 1 }),
    ]);
  });

  it('refuses non-members and bad params', async () => {
    const ob = await onebotWorld();
    expect(await ob.call(10002, 'set_group_sign', { group_id: 30001 })).toMatchObject({ retcode: 2101 });
    expect(await ob.call(10002, 'get_group_signed_list', { group_id: 30001 })).toMatchObject({ retcode: 2101 });
    expect(await ob.call(10001, 'set_group_sign', {})).toMatchObject({ retcode: 1400 });
    expect(ob.domainEvents).toEqual([]);
  });
});

describe('extended group records', () => {
  it('get_group_detail_info: OneBot fields plus NT details, the caller’s own mute and join time', async () => {
    const ob = await onebotWorld();
    await ob.data(10001, 'set_group_ban', { group_id: 30001, user_id: 20002, duration: 60 });
    const detail = await ob.data(20002, 'get_group_detail_info', { group_id: 30001 });
    const self = (await ob.world.groups.findMember(30001, 20002))!;
    expect(detail).toMatchObject({
      group_id: 30001,
      group_name: 'Lounge',
      member_count: 4,
      max_member_count: 500,
      group_all_shut: 0,
      group_remark: '',
      groupCode: '30001',
      ownerUin: '20001',
      ownerUid: expect.stringMatching(/^u_/),
      memberNum: 4,
      shutUpMeTimestamp: self.muteUntil,
      cmdUinJoinTime: self.joinTime,
      addOption: 2,
    });
    expect(await ob.data(10002, 'get_group_detail_info', { group_id: 30001 })).toMatchObject({ cmdUinJoinTime: 0, shutUpMeTimestamp: 0 });
    expect(await ob.call(10001, 'get_group_detail_info', { group_id: 39999 })).toMatchObject({ retcode: 2002 });
    expect(await ob.call(10001, 'get_group_detail_info', {})).toMatchObject({ retcode: 1400 });
  });

  it('get_group_info_ex: QQ’s extension record with the real owner', async () => {
    const ob = await onebotWorld();
    const info = await ob.data(10001, 'get_group_info_ex', { group_id: '30002' });
    expect(info).toMatchObject({
      groupCode: '30002',
      resultCode: 0,
      extInfo: { groupOwnerId: { memberUin: '10002' }, essentialMsgSwitch: 0 },
    });
    expect(await ob.call(10001, 'get_group_info_ex', { group_id: 39999 })).toMatchObject({
      retcode: 2002,
      message: 'group 39999 does not exist',
    });
  });
});

describe('trans_group_file', () => {
  it('confirms an existing group file (every world file is permanent) and names missing ones', async () => {
    const ob = await onebotWorld();
    const { file_id } = await ob.data(20002, 'upload_group_file', {
      group_id: 30001,
      file: `base64://${Buffer.from('notes').toString('base64')}`,
      name: 'notes.txt',
    });
    expect(await ob.data(10001, 'trans_group_file', { group_id: 30001, file_id })).toEqual({ ok: true });
    expect(await ob.call(10001, 'trans_group_file', { group_id: 30001, file_id: 'nope' })).toMatchObject({
      retcode: 2005,
      message: 'group 30001 has no file nope',
    });
    expect(await ob.call(10002, 'trans_group_file', { group_id: 30001, file_id })).toMatchObject({ retcode: 2101 });
    expect(await ob.call(10001, 'trans_group_file', { group_id: 30001 })).toMatchObject({ retcode: 1400 });
  });
});
