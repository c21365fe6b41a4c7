import { describe, expect, it } from 'vitest';
import { specApiNames } from '../../src/milky/api.js';
import { uidOf } from '../../src/world/services/account-service.js';
import { milkyWorld } from '../helpers/milky.js';
import { png, worldDigest } from '../helpers/messages.js';

const image = `base64://${png.toString('base64')}`;
const text = (value: string) => ({ type: 'text', data: { text: value } });

/**
 * Every Milky 1.2 API, called with good input in a world where it can succeed; `m.data` checks
 * each reply against the spec's response schema (`@saltify/milky-types`). The last test checks
 * that no API of the spec was left out.
 */
describe('Milky APIs over the world', () => {
  const called = new Set<string>();
  const setup = async () => {
    const m = await milkyWorld();
    const data = (selfId: number, api: string, input: unknown = {}) => {
      called.add(api);
      return m.data(selfId, api, input);
    };
    return { ...m, data };
  };

  it('system: the account, its friends, groups and members, its profile and credentials', async () => {
    const m = await setup();
    expect(await m.data(10001, 'get_login_info')).toEqual({ uin: 10001, nickname: 'Bot A' });
    expect(await m.data(10001, 'get_impl_info')).toMatchObject({ impl_name: 'Catnap', milky_version: '1.2' });
    expect(await m.data(10001, 'get_user_profile', { user_id: 20001 })).toMatchObject({
      nickname: 'Alice',
      sex: 'female',
      age: 20,
      remark: 'alice',
    });
    const { friends } = await m.data(10001, 'get_friend_list', {});
    expect(friends).toEqual([
      expect.objectContaining({ user_id: 20001, remark: 'alice', category: expect.objectContaining({ category_name: 'Friends' }) }),
    ]);
    expect((await m.data(10001, 'get_friend_info', { user_id: 20001 })).friend.user_id).toBe(20001);
    expect((await m.data(10001, 'get_group_list')).groups.map((g: any) => g.group_id)).toEqual([30001]);
    expect((await m.data(10001, 'get_group_info', { group_id: 30002 })).group).toMatchObject({ group_name: 'Lab', member_count: 2 });
    const { members } = await m.data(10001, 'get_group_member_list', { group_id: 30001 });
    expect(members.map((member: any) => [member.user_id, member.role])).toContainEqual([20001, 'owner']);
    expect((await m.data(10001, 'get_group_member_info', { group_id: 30001, user_id: 10001 })).member.role).toBe('admin');
    await m.data(10001, 'set_nickname', { new_nickname: 'Bot A2' });
    await m.data(10001, 'set_bio', { new_bio: 'hello' });
    await m.data(10001, 'set_avatar', { uri: image });
    expect(await m.world.accounts.require(10001)).toMatchObject({ nickname: 'Bot A2', longNick: 'hello' });
    expect((await m.world.accounts.require(10001)).avatar).toMatch(/^[0-9a-f]{64}$/);
    expect((await m.data(10001, 'get_custom_face_url_list')).urls).toEqual([]);
    expect((await m.data(10001, 'get_cookies', { domain: 'qun.qq.com' })).cookies).toMatch(/p_skey=/);
    expect((await m.data(10001, 'get_csrf_token')).csrf_token).toMatch(/^\d+$/);
    await m.data(10001, 'set_peer_pin', { message_scene: 'group', peer_id: 30001 });
    await m.data(10001, 'set_peer_pin', { message_scene: 'friend', peer_id: 20001 });
    expect(await m.data(10001, 'get_peer_pins')).toMatchObject({ friends: [{ user_id: 20001 }], groups: [{ group_id: 30001 }] });
    await m.data(10001, 'set_peer_pin', { message_scene: 'friend', peer_id: 20001, is_pinned: false });
    expect((await m.data(10001, 'get_peer_pins')).friends).toEqual([]);
  });

  it('message: send, read, page history, recall, resources, forwards, read marks', async () => {
    const m = await setup();
    const first = await m.data(20001, 'send_group_message', {
      group_id: 30001,
      message: [text('one'), { type: 'image', data: { uri: image } }],
    });
    const second = await m.data(10001, 'send_group_message', {
      group_id: 30001,
      message: [{ type: 'reply', data: { message_seq: first.message_seq } }, text('two'), { type: 'mention', data: { user_id: 20001 } }],
    });
    expect(second.message_seq).toBe(first.message_seq + 1);
    const { message } = await m.data(10001, 'get_message', { message_scene: 'group', peer_id: 30001, message_seq: second.message_seq });
    expect(message.segments[0]).toMatchObject({ type: 'reply', data: { message_seq: first.message_seq, sender_id: 20001 } });
    const { messages: got } = await m.data(10001, 'get_history_messages', { message_scene: 'group', peer_id: 30001, limit: 1 });
    expect(got.map((entry: any) => entry.message_seq)).toEqual([second.message_seq]);
    const page = await m.data(10001, 'get_history_messages', {
      message_scene: 'group',
      peer_id: 30001,
      start_message_seq: first.message_seq,
    });
    expect(page.messages[0].message_seq).toBe(first.message_seq);
    const imageSegment = page.messages[0].segments[1];
    expect(imageSegment).toMatchObject({ type: 'image', data: { width: 1, height: 1, sub_type: 'normal' } });
    expect((await m.data(10001, 'get_resource_temp_url', { resource_id: imageSegment.data.resource_id })).url).toBe(
      imageSegment.data.temp_url,
    );

    const dm = await m.data(10001, 'send_private_message', { user_id: 20001, message: [text('hi alice')] });
    expect(
      (await m.data(20001, 'get_message', { message_scene: 'friend', peer_id: 10001, message_seq: dm.message_seq })).message,
    ).toMatchObject({
      message_scene: 'friend',
      peer_id: 10001,
      sender_id: 10001,
      friend: { user_id: 10001 },
    });
    await m.data(20001, 'mark_message_as_read', { message_scene: 'friend', peer_id: 10001, message_seq: dm.message_seq });
    await m.data(10001, 'recall_private_message', { user_id: 20001, message_seq: dm.message_seq });
    await m.data(10001, 'recall_group_message', { group_id: 30001, message_seq: second.message_seq });
    expect((await m.call(10001, 'get_message', { message_scene: 'group', peer_id: 30001, message_seq: second.message_seq })).retcode).toBe(
      -1009,
    );

    const forward = await m.data(10001, 'send_group_message', {
      group_id: 30001,
      message: [
        {
          type: 'forward',
          data: {
            messages: [
              { user_id: 20002, sender_name: 'Bob', segments: [text('inside')] },
              { user_id: 20003, sender_name: 'Carol', segments: [text('also inside')] },
            ],
            title: 'Chat log',
          },
        },
      ],
    });
    const carrier = (await m.data(10001, 'get_message', { message_scene: 'group', peer_id: 30001, message_seq: forward.message_seq }))
      .message;
    expect(carrier.segments[0]).toMatchObject({ type: 'forward', data: { title: 'Chat log' } });
    const inner = await m.data(10001, 'get_forwarded_messages', { forward_id: carrier.segments[0].data.forward_id });
    expect(inner.messages.map((node: any) => node.sender_name)).toEqual(['Bob', 'Carol']);
  });

  it('friend: nudges, likes, requests answered by uid, removing a friend', async () => {
    const m = await setup();
    await m.data(10001, 'send_friend_nudge', { user_id: 20001 });
    await m.data(10001, 'send_friend_nudge', { user_id: 20001, is_self: true });
    await m.data(10001, 'send_profile_like', { user_id: 20002, count: 3 });
    await m.world.requests.raiseFriend(20002, 10001, { comment: 'hi' });
    await m.world.requests.raiseFriend(20003, 10001, { comment: 'me too' });
    const { requests } = await m.data(10001, 'get_friend_requests', {});
    expect(requests.map((r: any) => [r.initiator_id, r.state, r.comment])).toEqual([
      [20003, 'pending', 'me too'],
      [20002, 'pending', 'hi'],
    ]);
    await m.data(10001, 'accept_friend_request', { initiator_uid: uidOf(20002) });
    await m.data(10001, 'reject_friend_request', { initiator_uid: uidOf(20003), reason: 'no' });
    expect(await m.world.friends.areFriends(10001, 20002)).toBe(true);
    expect(await m.world.friends.areFriends(10001, 20003)).toBe(false);
    await m.data(10001, 'delete_friend', { user_id: 20002 });
    expect(await m.world.friends.get(10001, 20002)).toBeUndefined();
  });

  it('group: profile, members, announcements, essence, reactions, nudges, leaving', async () => {
    const m = await setup();
    await m.data(10001, 'set_group_name', { group_id: 30001, new_group_name: 'Lounge 2' });
    await m.data(10001, 'set_group_avatar', { group_id: 30001, image_uri: image });
    await m.data(10001, 'set_group_member_card', { group_id: 30001, user_id: 20002, card: 'Bobby' });
    await m.data(10002, 'set_group_member_special_title', { group_id: 30002, user_id: 20001, special_title: 'star' });
    await m.data(10002, 'set_group_member_admin', { group_id: 30002, user_id: 20001 });
    await m.data(10001, 'set_group_member_mute', { group_id: 30001, user_id: 20002, duration: 60 });
    await m.data(10001, 'set_group_whole_mute', { group_id: 30001 });
    await m.data(10001, 'set_group_whole_mute', { group_id: 30001, is_mute: false });
    expect(await m.world.groups.findMember(30001, 20002)).toMatchObject({ card: 'Bobby' });
    expect(await m.world.groups.findMember(30002, 20001)).toMatchObject({ role: 'admin', title: 'star' });
    await m.data(10001, 'send_group_announcement', { group_id: 30001, content: 'rules', image_uri: image });
    const { announcements } = await m.data(10001, 'get_group_announcements', { group_id: 30001 });
    expect(announcements[0]).toMatchObject({ content: 'rules', user_id: 10001 });
    await m.data(10001, 'delete_group_announcement', { group_id: 30001, announcement_id: announcements[0].announcement_id });
    const sent = await m.data(20001, 'send_group_message', { group_id: 30001, message: [text('essence me')] });
    await m.data(10001, 'set_group_essence_message', { group_id: 30001, message_seq: sent.message_seq });
    const essence = await m.data(10001, 'get_group_essence_messages', { group_id: 30001, page_index: 0, page_size: 10 });
    expect(essence).toMatchObject({ is_end: true, messages: [{ message_seq: sent.message_seq, operator_id: 10001 }] });
    await m.data(10001, 'set_group_essence_message', { group_id: 30001, message_seq: sent.message_seq, is_set: false });
    await m.data(10001, 'send_group_message_reaction', { group_id: 30001, message_seq: sent.message_seq, reaction: '76' });
    await m.data(10001, 'send_group_message_reaction', {
      group_id: 30001,
      message_seq: sent.message_seq,
      reaction: '👍',
      reaction_type: 'emoji',
    });
    await m.data(10001, 'send_group_nudge', { group_id: 30001, user_id: 20001 });
    await m.data(10001, 'kick_group_member', { group_id: 30001, user_id: 20003 });
    expect(await m.world.groups.findMember(30001, 20003)).toBeUndefined();
    await m.data(10001, 'quit_group', { group_id: 30001 });
    expect(await m.world.groups.findMember(30001, 10001)).toBeUndefined();
  });

  it('group requests: notifications, join requests and invitations answered by seq', async () => {
    const m = await setup();
    const join = await m.world.requests.raiseJoin(20003, 30002, { comment: 'let me in' });
    const { notifications } = await m.data(10002, 'get_group_notifications', {});
    expect(notifications).toEqual([
      expect.objectContaining({ type: 'join_request', notification_seq: join.requestId, initiator_id: 20003 }),
    ]);
    await m.data(10002, 'accept_group_request', { notification_seq: join.requestId, notification_type: 'join_request', group_id: 30002 });
    expect(await m.world.groups.findMember(30002, 20003)).toBeDefined();
    const second = await m.world.requests.raiseJoin(20002, 30002, {});
    await m.data(10002, 'reject_group_request', {
      notification_seq: second.requestId,
      notification_type: 'join_request',
      group_id: 30002,
      reason: 'full',
    });
    const invite = await m.world.requests.invite(20001, 30001, 10002);
    await m.data(10002, 'accept_group_invitation', { group_id: 30001, invitation_seq: invite.requestId });
    expect(await m.world.groups.findMember(30001, 10002)).toBeDefined();
    const another = await m.world.requests.invite(10002, 30002, 20002);
    await m.data(20002, 'reject_group_invitation', { group_id: 30002, invitation_seq: another.requestId });
    expect(await m.world.groups.findMember(30002, 20002)).toBeUndefined();
  });

  it('file: private and group files, folders, download URLs', async () => {
    const m = await setup();
    const privateFile = await m.data(10001, 'upload_private_file', {
      user_id: 20001,
      file_uri: 'base64://aGVsbG8=',
      file_name: 'hello.txt',
    });
    const url = (await m.data(20001, 'get_private_file_download_url', { user_id: 10001, file_id: privateFile.file_id, file_hash: '' }))
      .download_url;
    expect(url).toMatch(/^http:\/\/catnap\.test\/media\/[0-9a-f]{64}/);
    const folder = await m.data(10001, 'create_group_folder', { group_id: 30001, folder_name: 'docs' });
    const uploaded = await m.data(10001, 'upload_group_file', { group_id: 30001, file_uri: 'base64://aGk=', file_name: 'a.txt' });
    await m.data(10001, 'move_group_file', { group_id: 30001, file_id: uploaded.file_id, target_folder_id: folder.folder_id });
    await m.data(10001, 'rename_group_file', {
      group_id: 30001,
      file_id: uploaded.file_id,
      parent_folder_id: folder.folder_id,
      new_file_name: 'b.txt',
    });
    await m.data(10001, 'rename_group_folder', { group_id: 30001, folder_id: folder.folder_id, new_folder_name: 'papers' });
    const root = await m.data(10001, 'get_group_files', { group_id: 30001 });
    expect(root.folders).toEqual([expect.objectContaining({ folder_name: 'papers', file_count: 1 })]);
    const inFolder = await m.data(10001, 'get_group_files', { group_id: 30001, parent_folder_id: folder.folder_id });
    expect(inFolder.files).toEqual([expect.objectContaining({ file_name: 'b.txt', uploader_id: 10001 })]);
    expect((await m.data(20002, 'get_group_file_download_url', { group_id: 30001, file_id: uploaded.file_id })).download_url).toMatch(
      /media/,
    );
    await m.data(10001, 'delete_group_file', { group_id: 30001, file_id: uploaded.file_id });
    await m.data(10001, 'delete_group_folder', { group_id: 30001, folder_id: folder.folder_id });
    expect((await m.data(10001, 'get_group_files', { group_id: 30001 })).folders).toEqual([]);
  });

  it('failures: the spec’s -400 for bad input, stable retcodes for world failures, nothing changed', async () => {
    const m = await milkyWorld();
    const before = worldDigest(m.world);
    expect(await m.call(10001, 'send_group_message', { group_id: -1, message: [] })).toMatchObject({ status: 'failed', retcode: -400 });
    expect(await m.call(10001, 'get_login_info', [])).toMatchObject({ retcode: -400 });
    expect(await m.call(10001, 'send_group_message', { group_id: 39999, message: [text('x')] })).toMatchObject({ retcode: -404 });
    expect(await m.call(20003, 'set_group_name', { group_id: 30001, new_group_name: 'mine' })).toMatchObject({ retcode: -1003 });
    expect(
      await m.call(10001, 'send_group_message', { group_id: 30001, message: [text('a'), { type: 'forward', data: { messages: [] } }] }),
    ).toMatchObject({
      retcode: -400,
    });
    expect(await m.dispatcher.call(10001, 'no_such_api', {})).toBeUndefined();
    expect(worldDigest(m.world)).toBe(before);
  });

  it('a muted member’s upload_group_file is refused with MUTED (-1005), as its message would be, and changes nothing', async () => {
    const m = await milkyWorld();
    await m.data(20001, 'set_group_member_mute', { group_id: 30001, user_id: 20003, duration: 600 });
    const before = worldDigest(m.world);
    const upload = { group_id: 30001, file_uri: 'base64://aGk=', file_name: 'a.txt' };
    expect(await m.call(20003, 'upload_group_file', upload)).toMatchObject({ status: 'failed', retcode: -1005 });
    expect(worldDigest(m.world)).toBe(before);
    await m.data(20001, 'set_group_member_mute', { group_id: 30001, user_id: 20003, duration: 0 });
    await m.data(20001, 'set_group_whole_mute', { group_id: 30001 });
    const muted = worldDigest(m.world);
    expect(await m.call(20003, 'upload_group_file', upload)).toMatchObject({ status: 'failed', retcode: -1005 });
    expect(worldDigest(m.world)).toBe(muted);
    // An admin speaks under a whole-group mute, so it uploads.
    expect((await m.data(10001, 'upload_group_file', upload)).file_id).toEqual(expect.any(String));
  });

  it('covers every API of the spec', () => {
    const missing = specApiNames()
      .map((api) => api.name)
      .filter((name) => !called.has(name));
    expect(missing).toEqual([]);
  });
});
