import { describe, expect, it } from 'vitest';
import { groupAlbums } from '../helpers/albums.js';
import { onebotWorld } from '../helpers/onebot.js';

/**
 * The token is the trust boundary: a bot does what its QQ account could. Hostile calls to the
 * features of issue 17 (flash file sets, online files, album media, stream downloads, to-dos,
 * QZone) name things that belong to someone else: each gets the right retcode and changes nothing.
 *
 * smallWorld: group 30001 owner 20001, admin 10001, members 20002 and 20003; group 30002 owned by
 * 10002 with 20001; friends 10001-20001 and 10002-20002.
 */
const bytes = (text: string) => `base64://${Buffer.from(text).toString('base64')}`;
const retcode = (code: number) => expect.objectContaining({ status: 'failed', retcode: code });
const streamTo = (packets: unknown[]) => ({ stream: async (envelope: unknown) => void packets.push(envelope) });

describe('issue 17 features at the token boundary', () => {
  it("flash file sets: another account's set is unknown to a bot until it is shared with it", async () => {
    const ob = await onebotWorld();
    const created = await ob.data(10001, 'create_flash_task', { files: [bytes('secret plans')], name: 'plans' });
    const fileset_id = created.createFlashTransferResult.fileSetId;
    for (const [action, params] of [
      ['get_fileset_info', { fileset_id }],
      ['get_flash_file_list', { fileset_id }],
      ['get_flash_file_url', { fileset_id, file_index: 0 }],
      ['get_share_link', { fileset_id }],
      ['download_fileset', { fileset_id }],
      ['send_flash_msg', { fileset_id, user_id: 20002 }],
      ['get_flash_file_info', { file_set_id: fileset_id }],
      ['get_flash_file_download_urls', { file_set_id: fileset_id }],
      ['download_flash_file', { file_set_id: fileset_id }],
      ['reshare_flash_file', { file_set_id: fileset_id }],
    ] as const) {
      expect(await ob.call(10002, action, params), action).toEqual(retcode(2005));
    }
    // Its owner cannot share it into a group it is not in, nor to a stranger.
    expect(await ob.call(10001, 'send_flash_msg', { fileset_id, group_id: 30002 })).toEqual(retcode(2101));
    expect(await ob.call(10001, 'send_flash_msg', { fileset_id, user_id: 10002 })).toEqual(retcode(2102));
    expect(() => ob.world.flash.require(10002, fileset_id)).toThrow();
    expect(() => ob.world.flash.require(20001, fileset_id)).toThrow();
    expect(ob.world.flash.downloadTime(10002, fileset_id)).toBe(0);
    // Shared into 30001, its members may open it; 10002, outside the group, still may not.
    await ob.data(10001, 'send_flash_msg', { fileset_id, group_id: 30001 });
    await ob.data(20003, 'get_fileset_info', { fileset_id });
    expect(await ob.call(10002, 'get_fileset_info', { fileset_id })).toEqual(retcode(2005));
  });

  it("online files: only the offer's receiver answers it and only its sender cancels it; others see none of it", async () => {
    const ob = await onebotWorld();
    const offer = await ob.data(10001, 'send_online_file', { user_id: 20001, file_path: bytes('for alice') });
    const ids = { msg_id: offer.msgId, element_id: offer.elementId };
    expect(await ob.call(20002, 'receive_online_file', { user_id: 10001, ...ids })).toEqual(retcode(2005));
    expect(await ob.call(10002, 'refuse_online_file', { user_id: 10001, ...ids })).toEqual(retcode(2005));
    expect(await ob.call(20001, 'cancel_online_file', { user_id: 10001, msg_id: offer.msgId })).toEqual(retcode(2005));
    expect(await ob.call(10002, 'cancel_online_file', { user_id: 20001, msg_id: offer.msgId })).toEqual(retcode(2005));
    expect((await ob.data(20002, 'get_online_file_msg', { user_id: 10001 })).msgList).toEqual([]);
    expect((await ob.data(10002, 'get_online_file_msg', { user_id: 20001 })).msgList).toEqual([]);
    expect(ob.world.store.onlineFiles.get(offer.msgId)).toMatchObject({ state: 'offered', answerTime: 0 });
  });

  it("album media: outsiders and plain members cannot read, like, comment or delete another's photos", async () => {
    const ob = await onebotWorld();
    const { album: album_id, item: medium } = await groupAlbums(ob).withPhoto(20002, 'Trip');
    const photo = { album_id, lloc: medium.image.lloc };
    expect(await ob.call(10002, 'get_group_album_media_list', { group_id: 30001, album_id })).toEqual(retcode(2101));
    // Through a group it does own, the album of another group does not exist.
    expect(await ob.call(10002, 'get_group_album_media_list', { group_id: 30002, album_id })).toEqual(retcode(2021));
    expect(await ob.call(10002, 'del_group_album_media', { group_id: 30002, ...photo })).toEqual(retcode(2021));
    expect(await ob.call(10002, 'set_group_album_media_like', { group_id: 30001, ...photo, batch_id: medium.batch_id })).toEqual(
      retcode(2101),
    );
    expect(await ob.call(10002, 'do_group_album_comment', { group_id: 30001, ...photo, content: 'spam' })).toEqual(retcode(2101));
    expect(await ob.call(10002, 'delete_group_album', { group_id: 30002, album_id })).toEqual(retcode(2021));
    expect(await ob.call(20003, 'del_group_album_media', { group_id: 30001, ...photo })).toEqual(retcode(2103));
    const [still] = ob.world.albums.mediaList(20002, 30001, album_id).media;
    expect(still).toMatchObject({ lloc: medium.image.lloc, likeCount: 0, commentCount: 0 });
  });

  it("stream downloads: a bot streams only files its account could see; another's upload stream is not its own", async () => {
    const ob = await onebotWorld();
    const { file_id } = await ob.data(20002, 'upload_group_file', { group_id: 30001, file: bytes('group only'), name: 'g.txt' });
    const packets: unknown[] = [];
    expect(await ob.call(10002, 'download_file_stream', { file_id }, streamTo(packets))).toMatchObject({ status: 'failed' });
    expect(await ob.call(10002, 'download_file_image_stream', { file: file_id }, streamTo(packets))).toMatchObject({ status: 'failed' });
    expect(packets).toEqual([]);
    await ob.data(20003, 'download_file_stream', { file_id }, streamTo(packets));
    expect(packets.length).toBeGreaterThan(0);

    await ob.data(20001, 'upload_file_stream', { stream_id: 'mine', total_chunks: 2, chunk_index: 0, chunk_data: bytes('a').slice(9) });
    expect(await ob.call(10001, 'upload_file_stream', { stream_id: 'mine', is_complete: true })).toMatchObject({ status: 'failed' });
    expect(await ob.call(10001, 'upload_file_stream', { stream_id: 'mine', reset: true })).toMatchObject({ status: 'ok' });
    expect(ob.world.store.uploadStreams.ownedBy(20001)).toHaveLength(1);
  });

  it('to-dos: only members act, only admins set or cancel, and only on messages of that group they can see', async () => {
    const ob = await onebotWorld();
    const own = (await ob.data(20002, 'send_group_msg', { group_id: 30001, message: 'buy milk' })).message_id;
    const elsewhere = (await ob.data(20001, 'send_group_msg', { group_id: 30002, message: 'other group' })).message_id;
    expect(await ob.call(10002, 'set_group_todo', { group_id: 30001, message_id: own })).toEqual(retcode(2101));
    expect(await ob.call(20002, 'set_group_todo', { group_id: 30001, message_id: own })).toEqual(retcode(2103));
    expect(await ob.call(10001, 'set_group_todo', { group_id: 30001, message_id: elsewhere })).toEqual(retcode(2004));
    // An admin who joined while history was hidden cannot name a message from before.
    await ob.data(20001, 'set_group_new_member_history_visibility', { group_id: 30001, visible: false });
    await ob.world.groups.addMember(30001, 10002);
    await ob.data(20001, 'set_group_admin', { group_id: 30001, user_id: 10002, enable: true });
    expect(await ob.call(10002, 'set_group_todo', { group_id: 30001, message_id: own })).toEqual(retcode(2004));
    expect(ob.world.todos.get(20001, 30001)).toBeUndefined();

    await ob.data(10001, 'set_group_todo', { group_id: 30001, message_id: own });
    expect(await ob.call(20003, 'cancel_group_todo', { group_id: 30001, message_id: own })).toEqual(retcode(2103));
    expect(await ob.call(20001, 'complete_group_todo', { group_id: 30002, message_id: own })).toEqual(retcode(2004));
    expect(ob.world.todos.get(20001, 30001)).toMatchObject({ messageId: own, setterId: 10001 });
  });

  it('QZone: a post is read by whom its ugc_right allows and deleted by its poster only', async () => {
    const ob = await onebotWorld();
    const diary = (await ob.data(20001, 'send_qzone_msg', { content: 'diary', ugc_right: 64 })).tid;
    const friends = (await ob.data(20001, 'send_qzone_msg', { content: 'friends', ugc_right: 4 })).tid;
    expect((await ob.data(10001, 'get_qzone_msg_list', { user_id: 20001 })).map((p: any) => p.tid)).toEqual([friends]);
    expect(await ob.data(20002, 'get_qzone_msg_list', { user_id: 20001 })).toEqual([]);
    expect(await ob.call(10001, 'delete_qzone_msg', { tid: diary })).toEqual(retcode(2023));
    expect(await ob.call(10001, 'delete_qzone_msg', { tid: friends })).toEqual(retcode(2023));
    expect((await ob.data(20001, 'get_qzone_msg_list')).map((p: any) => p.tid)).toEqual([friends, diary]);
  });
});
