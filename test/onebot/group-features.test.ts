import { describe, expect, it } from 'vitest';
import { photo } from '../helpers/albums.js';
import { onebotWorld } from '../helpers/onebot.js';
import { fileOnebotWorld } from '../helpers/reopen.js';

describe('group feature settings', () => {
  it('new members do not see older history once the group hides it; earlier members and later joins as set', async () => {
    const ob = await onebotWorld();
    await ob.data(20002, 'send_group_msg', { group_id: 30001, message: 'before' });
    await ob.data(10001, 'set_group_new_member_history_visibility', { group_id: '30001', visible: false });
    expect(ob.world.groupFeatures.get(30001).newMembersSeeHistory).toBe(false);
    await ob.world.groups.addMember(30001, 10002);
    const after = (await ob.data(20002, 'send_group_msg', { group_id: 30001, message: 'after' })).message_id;

    const texts = async (userId: number) =>
      (await ob.data(userId, 'get_group_msg_history', { group_id: 30001 })).messages.map((m: any) => m.raw_message);
    expect(await texts(10002)).toEqual(['after']);
    expect(await texts(20003)).toEqual(['before', 'after']);
    const before = (await ob.data(20003, 'get_group_msg_history', { group_id: 30001 })).messages[0].message_id;
    expect(await ob.call(10002, 'get_msg', { message_id: before })).toMatchObject({ retcode: 2004 });
    expect(await ob.data(10002, 'get_msg', { message_id: after })).toMatchObject({ raw_message: 'after' });
    expect(await ob.call(10002, 'get_group_msg_history', { group_id: 30001, message_seq: before })).toMatchObject({ retcode: 2004 });

    // Showing history again lets the next joiner see everything; who joined meanwhile keeps the floor.
    await ob.data(20001, 'set_group_new_member_history_visibility', { group_id: 30001, visible: true });
    await ob.world.groups.addMember(30002, 20002);
    expect(await texts(10002)).toEqual(['after']);
  });

  it('get_recent_contact shows a new member neither the hidden history nor a count of it', async () => {
    const ob = await onebotWorld();
    await ob.data(20002, 'send_group_msg', { group_id: 30001, message: 'the secret plan' });
    await ob.data(10001, 'set_group_new_member_history_visibility', { group_id: 30001, visible: false });
    ob.clock.advance(5000);
    await ob.world.groups.addMember(30001, 10002);
    const joinTime = (await ob.world.groups.findMember(30001, 10002))!.joinTime;

    const [hidden] = await ob.data(10002, 'get_recent_contact', { count: 10 });
    // The group is listed from the join, as QQ lists it, with nothing of what came before.
    expect(hidden).toEqual({
      peerUin: '30001',
      remark: '',
      msgTime: String(joinTime),
      chatType: 2,
      msgId: '0',
      sendNickName: '',
      sendMemberName: '',
      peerName: 'Lounge',
      unreadCnt: 0,
    });

    const after = (await ob.data(20002, 'send_group_msg', { group_id: 30001, message: 'welcome' })).message_id;
    expect(await ob.data(10002, 'get_recent_contact', { count: 10 })).toEqual([
      expect.objectContaining({ msgId: String(after), unreadCnt: 1, lastestMsg: expect.objectContaining({ raw_message: 'welcome' }) }),
    ]);
    // An earlier member still sees and counts both.
    const [earlier] = await ob.data(20003, 'get_recent_contact', { count: 10 });
    expect(earlier).toMatchObject({ msgId: String(after), unreadCnt: 2 });
  });

  it('get_recent_contact places a group whose messages are all hidden at the join, not at the hidden last message', async () => {
    const ob = await onebotWorld();
    await ob.data(20002, 'send_group_msg', { group_id: 30001, message: 'the secret plan' });
    await ob.data(10001, 'set_group_new_member_history_visibility', { group_id: 30001, visible: false });
    ob.clock.advance(2000);
    const lab = (await ob.data(20001, 'send_group_msg', { group_id: 30002, message: 'lab news' })).message_id;
    ob.clock.advance(3000);
    await ob.world.groups.addMember(30001, 10002);
    const joinTime = (await ob.world.groups.findMember(30001, 10002))!.joinTime;

    // The join came after the Lab's message, so the Lounge comes first, as its msgTime says.
    const contacts = await ob.data(10002, 'get_recent_contact', { count: 10 });
    expect(contacts.map((c: any) => [c.peerUin, c.msgTime, c.msgId])).toEqual([
      ['30001', String(joinTime), '0'],
      ['30002', expect.any(String), String(lab)],
    ]);
    expect(Number(contacts[0].msgTime)).toBeGreaterThan(Number(contacts[1].msgTime));
    expect(await ob.data(10002, 'get_recent_contact', { count: 1 })).toEqual([expect.objectContaining({ peerUin: '30001' })]);
    // An earlier member sees the Lab's message as the newer one.
    expect((await ob.data(20001, 'get_recent_contact', { count: 10 })).map((c: any) => c.peerUin).slice(0, 2)).toEqual(['30002', '30001']);
  });

  it('a new member cannot reply to a message from before its join by seq, any more than by id', async () => {
    const ob = await onebotWorld();
    const before = (await ob.data(20002, 'send_group_msg', { group_id: 30001, message: 'before' })).message_id;
    const { message_seq: seq } = await ob.data(20003, 'get_msg', { message_id: before });
    await ob.data(10001, 'set_group_new_member_history_visibility', { group_id: 30001, visible: false });
    await ob.world.groups.addMember(30001, 10002);
    ob.domainEvents.length = 0;
    const replyTo = (data: Record<string, unknown>) => [
      { type: 'reply', data },
      { type: 'text', data: { text: 'quoting' } },
    ];

    expect(await ob.call(10002, 'send_group_msg', { group_id: 30001, message: replyTo({ id: before }) })).toMatchObject({ retcode: 2004 });
    // Refused as a seq nobody used is: nothing tells the new member that the seq is taken.
    const unused = await ob.call(10002, 'send_group_msg', { group_id: 30001, message: replyTo({ seq: seq + 100 }) });
    expect(await ob.call(10002, 'send_group_msg', { group_id: 30001, message: replyTo({ seq }) })).toEqual({
      ...unused,
      message: unused.message.replace(String(seq + 100), String(seq)),
      wording: unused.wording.replace(String(seq + 100), String(seq)),
    });
    expect(unused).toMatchObject({ status: 'failed', retcode: 2004 });
    expect(ob.domainEvents.filter((event) => event.type === 'message.created')).toEqual([]);

    // An earlier member may.
    const reply = (await ob.data(20003, 'send_group_msg', { group_id: 30001, message: replyTo({ seq }) })).message_id;
    expect((await ob.data(20003, 'get_msg', { message_id: reply })).message[0]).toEqual({ type: 'reply', data: { id: String(before) } });
  });

  it('get_file resolves a file from before a new member joined neither by name nor by file_id', async () => {
    const ob = await onebotWorld();
    const file = (name: string, text: string) => ({
      type: 'file',
      data: { file: `base64://${Buffer.from(text).toString('base64')}`, name },
    });
    const diary = (await ob.data(20002, 'send_group_msg', { group_id: 30001, message: [file('diary.txt', 'dear diary')] })).message_id;
    const fileId = (await ob.data(20003, 'get_msg', { message_id: diary })).message[0].data.file_id;
    await ob.data(10001, 'set_group_new_member_history_visibility', { group_id: 30001, visible: false });
    await ob.world.groups.addMember(30001, 10002);

    for (const params of [{ file: 'diary.txt' }, { file_id: fileId }]) {
      expect(await ob.call(10002, 'get_file', params)).toMatchObject({ retcode: 2005 });
      expect(await ob.data(20003, 'get_file', params)).toMatchObject({ file_name: 'diary.txt', file_size: '10' });
    }
    // A file of that name sent after the join is the new member's to fetch, and the only one it finds.
    await ob.data(20002, 'send_group_msg', { group_id: 30001, message: [file('diary.txt', 'new page')] });
    expect(await ob.data(10002, 'get_file', { file: 'diary.txt' })).toMatchObject({ file_size: '8' });
    expect(await ob.call(10002, 'get_file', { file_id: fileId })).toMatchObject({ retcode: 2005 });
  });

  it('member permissions govern album uploads and temp chats; robot and search options are kept', async () => {
    const ob = await onebotWorld();
    await ob.data(10001, 'set_group_member_permissions', {
      group_id: 30001,
      allow_member_upload_album: false,
      allow_member_temporary_session: 'false',
    });
    expect(ob.world.groupFeatures.get(30001)).toMatchObject({
      allowMemberUploadAlbum: false,
      allowMemberTemporarySession: false,
      allowMemberCreateGroup: true,
    });
    expect(await ob.call(20002, 'create_group_album', { group_id: 30001, name: 'x' })).toMatchObject({ retcode: 2103 });
    const { album_id } = await ob.data(10001, 'create_group_album', { group_id: 30001, name: 'admins' });
    expect(await ob.call(20003, 'upload_group_album', { group_id: 30001, album_id, files: [photo(1, 1)] })).toMatchObject({
      retcode: 2103,
    });
    // 20002 and 20003 are strangers who share only group 30001.
    expect(await ob.call(20002, 'send_private_msg', { user_id: 20003, message: 'hi' })).toMatchObject({ retcode: 2103 });
    expect(await ob.call(20002, 'send_private_msg', { user_id: 20003, group_id: 30001, message: 'hi' })).toMatchObject({ retcode: 2103 });
    await ob.data(10001, 'send_private_msg', { user_id: 20003, group_id: 30001, message: 'admins may' });

    await ob.data(10001, 'set_group_robot_add_option', { group_id: 30001, robot_member_switch: 1, robot_member_examine: '1' });
    await ob.data(10001, 'set_group_search', { group_id: 30001, no_code_finger_open: 1 });
    expect(ob.world.groupFeatures.get(30001)).toMatchObject({
      robotMemberSwitch: 1,
      robotMemberExamine: 1,
      noCodeFingerOpen: 1,
      noFingerOpen: 0,
    });
  });

  it('set_group_anonymous switches anonymous chat (off until the owner or an admin turns it on; enable defaults to true)', async () => {
    const ob = await onebotWorld();
    expect(ob.world.groupFeatures.get(30001).allowAnonymous).toBe(false);
    expect(await ob.data(10001, 'set_group_anonymous', { group_id: 30001 })).toBeNull();
    expect(ob.world.groupFeatures.get(30001).allowAnonymous).toBe(true);
    expect(await ob.call(20002, 'set_group_anonymous', { group_id: 30001, enable: false })).toMatchObject({ retcode: 2103 });
    expect(await ob.call(10002, 'set_group_anonymous', { group_id: 30001, enable: false })).toMatchObject({ retcode: 2101 });
    expect(await ob.call(10001, 'set_group_anonymous', { group_id: 30001, enable: 'perhaps' })).toMatchObject({ retcode: 1400 });
    expect(ob.world.groupFeatures.get(30001).allowAnonymous).toBe(true);
    await ob.data(20001, 'set_group_anonymous', { group_id: 30001, enable: 'false' });
    expect(ob.world.groupFeatures.get(30001).allowAnonymous).toBe(false);
    expect(ob.world.groupFeatures.get(30002).allowAnonymous).toBe(false);
  });

  it('refuses bad params, plain members and unknown groups, changing nothing', async () => {
    const ob = await onebotWorld();
    expect(await ob.call(10001, 'set_group_member_permissions', { group_id: 30001 })).toMatchObject({ retcode: 1400 });
    expect(await ob.call(10001, 'set_group_new_member_history_visibility', { group_id: 30001 })).toMatchObject({ retcode: 1400 });
    expect(await ob.call(10001, 'set_group_new_member_history_visibility', { group_id: 30001, visible: 'maybe' })).toMatchObject({
      retcode: 1400,
    });
    expect(await ob.call(10001, 'set_group_search', { group_id: 30001, no_finger_open: -1 })).toMatchObject({ retcode: 1400 });
    expect(await ob.call(20002, 'set_group_member_permissions', { group_id: 30001, allow_member_upload_album: false })).toMatchObject({
      retcode: 2103,
    });
    expect(await ob.call(20002, 'set_group_robot_add_option', { group_id: 30001, robot_member_switch: 1 })).toMatchObject({
      retcode: 2103,
    });
    expect(await ob.call(10001, 'set_group_search', { group_id: 39999 })).toMatchObject({ retcode: 2002 });
    expect(await ob.call(10002, 'set_group_new_member_history_visibility', { group_id: 30001, visible: false })).toMatchObject({
      retcode: 2101,
    });
    expect(ob.world.groupFeatures.get(30001)).toMatchObject({
      allowMemberUploadAlbum: true,
      newMembersSeeHistory: true,
      robotMemberSwitch: 0,
    });
  });

  it('survives a restart, the history floor included', async () => {
    const { ob, reopen } = await fileOnebotWorld();
    await ob.data(20002, 'send_group_msg', { group_id: 30001, message: 'old' });
    await ob.data(10001, 'set_group_new_member_history_visibility', { group_id: 30001, visible: false });
    await ob.data(10001, 'set_group_member_permissions', { group_id: 30001, allow_member_create_group: false });
    await ob.data(10001, 'set_group_anonymous', { group_id: 30001 });
    await ob.world.groups.addMember(30001, 10002);
    const again = await reopen();
    expect(again.world.groupFeatures.get(30001)).toMatchObject({
      newMembersSeeHistory: false,
      allowMemberCreateGroup: false,
      allowAnonymous: true,
    });
    // Nothing after the floor: NapCat fails an empty history.
    expect(await again.call(10002, 'get_group_msg_history', { group_id: 30001 })).toMatchObject({ retcode: 2004 });
  });
});
