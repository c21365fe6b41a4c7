import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { SqliteWorldStore } from '../../src/world/store/sqlite/sqlite-store.js';
import { base64Of, pngOf } from '../helpers/images.js';
import { onebotWorld } from '../helpers/onebot.js';

const llbot = { dialect: 'llbot' } as const;

describe("LLBot's names: files, groups, friends", () => {
  it('rename_group_file_folder renames with LLBot’s params; members may not; names stay unique', async () => {
    const { call, data } = await onebotWorld();
    const { groupItem } = await data(10001, 'create_group_file_folder', { group_id: 30001, folder_name: 'docs' });
    const folderId = groupItem.folderInfo.folderId;
    await data(10001, 'create_group_file_folder', { group_id: 30001, folder_name: 'taken' });
    expect(await data(10001, 'rename_group_file_folder', { group_id: 30001, folder_id: folderId, new_folder_name: 'papers' })).toBeNull();
    const root = await data(20002, 'get_group_root_files', { group_id: 30001 });
    expect(root.folders.map((folder: { folder_name: string }) => folder.folder_name).sort()).toEqual(['papers', 'taken']);
    expect(await call(20002, 'rename_group_file_folder', { group_id: 30001, folder_id: folderId, new_folder_name: 'x' })).toMatchObject({
      retcode: 2103,
    });
    expect(await call(10001, 'rename_group_file_folder', { group_id: 30001, folder_id: folderId, new_folder_name: 'taken' })).toMatchObject(
      {
        retcode: 2106,
      },
    );
    expect(await call(10001, 'rename_group_file_folder', { group_id: 30001, folder_id: 'nope', new_folder_name: 'y' })).toMatchObject({
      retcode: 2006,
    });
    expect(await call(10001, 'rename_group_file_folder', { group_id: 30001, folder_id: folderId })).toMatchObject({ retcode: 1400 });
  });

  it('set_group_file_forever keeps a temporary file: its uploader or an admin, not another member', async () => {
    const { call, data, world, clock } = await onebotWorld();
    const expiresAt = Math.floor(clock.nowMs() / 1000) + 7 * 86400;
    const temp = await world.groupFiles.upload(20002, 30001, { source: base64Of(Buffer.from('notes')), name: 'a.txt', expiresAt });
    const deadTime = async () =>
      (await data(20003, 'get_group_root_files', { group_id: 30001 })).files.find((f: { file_id: string }) => f.file_id === temp.fileId)
        .dead_time;
    expect(await deadTime()).toBe(expiresAt);
    expect(await call(20003, 'set_group_file_forever', { group_id: 30001, file_id: temp.fileId })).toMatchObject({ retcode: 2103 });
    expect(await deadTime()).toBe(expiresAt);
    expect(await data(10001, 'set_group_file_forever', { group_id: 30001, file_id: temp.fileId })).toBeNull();
    expect(await deadTime()).toBe(0);
    expect(await call(10001, 'set_group_file_forever', { group_id: 30001, file_id: '/missing' })).toMatchObject({ retcode: 2005 });
    expect(await call(10002, 'set_group_file_forever', { group_id: 30001, file_id: temp.fileId })).toMatchObject({ retcode: 2101 });
  });

  it('batch_delete_group_member removes everyone listed or, on one refusal, no one', async () => {
    const { call, data } = await onebotWorld();
    // 10001 is an admin of 30001; 20001 is its owner (outranks the admin).
    expect(await call(10001, 'batch_delete_group_member', { group_id: 30001, user_ids: [20002, 20001] })).toMatchObject({ retcode: 2104 });
    expect((await data(10001, 'get_group_member_list', { group_id: 30001 })).map((m: { user_id: number }) => m.user_id)).toContain(20002);
    expect(await data(10001, 'batch_delete_group_member', { group_id: 30001, user_ids: ['20002', 20003] })).toBeNull();
    const left = (await data(10001, 'get_group_member_list', { group_id: 30001 })).map((m: { user_id: number }) => m.user_id);
    expect(left.sort()).toEqual([10001, 20001]);
  });

  it('_delete_group_notice deletes an announcement (admins), as _del_group_notice does', async () => {
    const { call, data } = await onebotWorld();
    await data(10001, '_send_group_notice', { group_id: 30001, content: 'hello' });
    const [notice] = await data(10001, '_get_group_notice', { group_id: 30001 });
    expect(await call(20002, '_delete_group_notice', { group_id: 30001, notice_id: notice.notice_id })).toMatchObject({ retcode: 2103 });
    expect(await data(10001, '_delete_group_notice', { group_id: 30001, notice_id: notice.notice_id }, llbot)).toBeNull();
    expect(await data(10001, '_get_group_notice', { group_id: 30001 })).toEqual([]);
  });

  it('unset_msg_emoji_like takes the reaction back', async () => {
    const { data } = await onebotWorld();
    const { message_id } = await data(20002, 'send_group_msg', { group_id: 30001, message: 'hi' });
    await data(10001, 'set_msg_emoji_like', { message_id, emoji_id: '4' });
    const likes = () => data(10001, 'fetch_emoji_like', { message_id, emojiId: '4', emojiType: '1', count: 20 });
    expect((await likes()).emojiLikesList).toHaveLength(1);
    expect(await data(10001, 'unset_msg_emoji_like', { message_id, emoji_id: 4 })).toBeNull();
    expect((await likes()).emojiLikesList).toHaveLength(0);
  });

  it('set_friend_category moves a friend between the caller’s categories; unknown ones and strangers are refused', async () => {
    const { call, data } = await onebotWorld();
    const before = await data(10001, 'get_friends_with_category');
    const friends = before.find((category: { categoryName: string }) => category.categoryName === 'Friends');
    expect(friends.buddyList.map((b: { user_id: number }) => b.user_id)).toEqual([20001]);
    expect(await data(10001, 'set_friend_category', { user_id: 20001, category_id: 0 })).toBeNull();
    const after = await data(10001, 'get_friends_with_category');
    const byId = (id: number) => after.find((category: { categoryId: number }) => category.categoryId === id);
    expect(byId(0).buddyList.map((b: { user_id: number }) => b.user_id)).toEqual([20001]);
    expect(await call(10001, 'set_friend_category', { user_id: 20001, category_id: 77 })).toMatchObject({ retcode: 2010 });
    expect(await call(10001, 'set_friend_category', { user_id: 20003, category_id: 0 })).toMatchObject({ retcode: 2102 });
  });

  it('delete_unidirectional_friend drops an account that still lists the caller', async () => {
    const { call, data } = await onebotWorld();
    await data(10001, 'delete_friend', { user_id: 20001 });
    expect((await data(10001, 'get_unidirectional_friend_list')).map((f: { uin: number }) => f.uin)).toEqual([20001]);
    expect(await data(10001, 'delete_unidirectional_friend', { user_id: 20001 })).toBeNull();
    expect(await data(10001, 'get_unidirectional_friend_list')).toEqual([]);
    expect(await data(20001, 'get_friend_list')).toEqual([]);
    expect(await call(10001, 'delete_unidirectional_friend', { user_id: 20001 })).toMatchObject({ retcode: 2102 });
  });

  it('set_group_msg_mask keeps the member’s own setting; bad masks and outsiders are refused', async () => {
    const { call, data, world } = await onebotWorld();
    expect(world.groupMsgMasks.mask(10001, 30001)).toBe(1);
    expect(await data(10001, 'set_group_msg_mask', { group_id: 30001, mask: 3 })).toBeNull();
    expect(world.groupMsgMasks.mask(10001, 30001)).toBe(3);
    expect(world.groupMsgMasks.mask(20002, 30001)).toBe(1);
    expect(await call(10001, 'set_group_msg_mask', { group_id: 30001, mask: 5 })).toMatchObject({ retcode: 1400 });
    expect(await call(10002, 'set_group_msg_mask', { group_id: 30001, mask: 2 })).toMatchObject({ retcode: 2101 });
    expect(world.groupMsgMasks.mask(10001, 30001)).toBe(3);
  });

  it('all of it survives a restart', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'catnap-llbot-')), 'catnap.db');
    const first = await onebotWorld(undefined, new SqliteWorldStore(path));
    const temp = await first.world.groupFiles.upload(10001, 30001, { source: base64Of(Buffer.from('x')), name: 't.txt', expiresAt: 99 });
    const { groupItem } = await first.data(10001, 'create_group_file_folder', { group_id: 30001, folder_name: 'old' });
    await first.data(10001, 'rename_group_file_folder', {
      group_id: 30001,
      folder_id: groupItem.folderInfo.folderId,
      new_folder_name: 'new',
    });
    await first.data(10001, 'set_group_file_forever', { group_id: 30001, file_id: temp.fileId });
    await first.data(10001, 'set_group_msg_mask', { group_id: 30001, mask: 4 });
    await first.data(10001, 'set_friend_category', { user_id: 20001, category_id: 0 });
    await first.world.close();
    const second = await onebotWorld({}, new SqliteWorldStore(path));
    const root = await second.data(10001, 'get_group_root_files', { group_id: 30001 });
    expect(root.folders.map((folder: { folder_name: string }) => folder.folder_name)).toEqual(['new']);
    expect(root.files.find((f: { file_id: string }) => f.file_id === temp.fileId).dead_time).toBe(0);
    expect(second.world.groupMsgMasks.mask(10001, 30001)).toBe(4);
    const categories = await second.data(10001, 'get_friends_with_category');
    expect(categories.find((c: { categoryId: number }) => c.categoryId === 0).buddyList.map((b: { user_id: number }) => b.user_id)).toEqual(
      [20001],
    );
    await second.world.close();
  });
});

describe("LLBot's names: profile, avatars, stickers, QR codes, words", () => {
  it('get_profile_like_me, get_profile_like (llbot) and get_profile_like_count page QQ’s vote entries', async () => {
    const { call, data } = await onebotWorld();
    await data(20001, 'send_like', { user_id: 10001, times: 3 });
    await data(20002, 'send_like', { user_id: 10001, times: 1 });
    await data(10001, 'send_like', { user_id: 20003, times: 2 });
    const me = await data(10001, 'get_profile_like_me', { start: 0, count: 1 });
    expect(me.users).toHaveLength(1);
    expect(me.users[0]).toMatchObject({ uin: 20002, nick: 'Bob', count: 1, isFriend: false });
    expect(me.nextStart).toBe(1);
    expect((await data(10001, 'get_profile_like_me', { start: -1 })).users.map((u: { uin: number }) => u.uin)).toEqual([20002, 20001]);
    const given = await data(10001, 'get_profile_like', { start: '0', count: '20' }, llbot);
    expect(given).toEqual({ users: [expect.objectContaining({ uin: 20003, count: 2 })], nextStart: 1 });
    expect(given.users[0]).not.toHaveProperty('bAvailableCnt');
    expect(await data(10001, 'get_profile_like_count', { user_id: 10001 })).toEqual({ count: 4 });
    expect(await data(10001, 'get_profile_like_count', { user_id: 20003 })).toEqual({ count: 2 });
    expect(await call(10001, 'get_profile_like_count', { user_id: 99999 })).toMatchObject({ retcode: 2001 });
  });

  it('get_qq_avatar answers an account’s or a group’s avatar URL', async () => {
    const { call, data } = await onebotWorld();
    expect(await data(10001, 'get_qq_avatar', { user_id: 20002 })).toEqual({ url: 'https://q1.qlogo.cn/g?b=qq&nk=20002&s=640' });
    await data(10001, 'set_qq_avatar', { file: base64Of(pngOf('#00ff00')) });
    expect((await data(20001, 'get_qq_avatar', { user_id: 10001 })).url).toMatch(/^http:\/\/catnap\.test\/media\/[0-9a-f]{64}$/);
    expect(await data(10001, 'get_qq_avatar', { group_id: 30001 })).toEqual({ url: 'https://p.qlogo.cn/gh/30001/30001/640/' });
    expect(await call(10001, 'get_qq_avatar', {})).toMatchObject({ retcode: 1400 });
    expect(await call(10001, 'get_qq_avatar', { user_id: 99999 })).toMatchObject({ retcode: 2001 });
  });

  it('get_recommend_face answers the favourite stickers a word describes', async () => {
    const { data } = await onebotWorld();
    const happy = await data(10001, 'add_custom_face', { file: base64Of(pngOf('#ffff00')), file_name: 'sun.png' });
    await data(10001, 'add_custom_face', { file: base64Of(pngOf('#000000')), file_name: 'night.png' });
    await data(10001, 'set_custom_face_desc', { emoji_id: happy.emoji_id, res_id: happy.res_id, md5: happy.md5, desc: '开心' });
    expect(await data(10001, 'get_recommend_face', { word: '开心' })).toEqual({ url: [happy.url] });
    expect((await data(10001, 'get_recommend_face', { word: 'NIGHT' })).url).toHaveLength(1);
    expect(await data(10001, 'get_recommend_face', { word: '难过' })).toEqual({ url: [] });
  });

  it('scan_qrcode reads the code in an image; none in a plain image; text is refused', async () => {
    const { call, data } = await onebotWorld();
    const qr = await QRCode.toBuffer('https://example.com/test-qr-payload');
    expect(await data(10001, 'scan_qrcode', { file: base64Of(qr) })).toEqual([{ text: 'https://example.com/test-qr-payload' }]);
    expect(await data(10001, 'scan_qrcode', { file: base64Of(pngOf('#123456', 32, 32)) })).toEqual([]);
    expect(await call(10001, 'scan_qrcode', { file: base64Of(Buffer.from('not an image')) })).toMatchObject({ retcode: 2201 });
  });

  it('.get_word_slices splits Chinese into words and drops punctuation', async () => {
    const { data } = await onebotWorld();
    expect(await data(10001, '.get_word_slices', { content: '今天天气真好，我们去公园吧 hello' })).toEqual({
      slices: ['今天', '天气', '真好', '我们', '去', '公园', '吧', 'hello'],
    });
  });

  it('get_supported_actions lists every name served', async () => {
    const { data } = await onebotWorld();
    const names: string[] = await data(10001, 'get_supported_actions');
    expect(names).toEqual(expect.arrayContaining(['send_msg', 'get_rkey', 'scan_qrcode', 'batch_delete_group_member', '.get_word_slices']));
    expect(names).toEqual([...names].sort());
  });
});
