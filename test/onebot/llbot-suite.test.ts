import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorldFile } from '../../src/world/world-file.js';
import { startCatnap } from '../helpers/catnap.js';
import { until } from '../helpers/transports.js';

/**
 * What LLBot's own conformance suite (test/onebot11-api-test in LuckyLilliaBot) expects, asserted
 * against Catnap with every call and event in the llbot dialect. Its setup: two accounts that are
 * friends, both in a test group the primary owns. The secondary hears events through LLBot's
 * `get_event` polling. One `it` per LLBot test file (or a few small ones together), named after it.
 */
const primary = 10001;
const secondary = 20001;
const group = 40001;
const world: WorldFile = {
  accounts: [
    { user_id: primary, nickname: 'Primary', bot: true },
    { user_id: secondary, nickname: 'Secondary', bot: true },
  ],
  friends: [{ user_id: primary, friend_id: secondary }],
  groups: [{ group_id: group, group_name: 'LLBot tests', owner_id: primary, members: [secondary] }],
};

let env: Awaited<ReturnType<typeof startCatnap>>;
beforeAll(async () => {
  env = await startCatnap(world);
  await call(secondary, 'get_event', { key: 'suite' });
});
afterAll(() => env.catnap.stop());

interface Reply {
  status: string;
  retcode: number;
  data: any;
  message: string;
}
async function call(userId: number, action: string, body: unknown = {}): Promise<Reply> {
  return (await env.admin('POST', `/api/world/act/${userId}/${encodeURIComponent(action)}?dialect=llbot`, body)).json;
}
/** Assertions.assertSuccess and assertResponseHasFields, as LLBot's suite words them. */
async function success(userId: number, action: string, body: unknown = {}, fields: string[] = []) {
  const reply = await call(userId, action, body);
  expect(reply.retcode, `${action}: ${reply.message}`).toBe(0);
  for (const field of fields) expect(reply.data, `${action} answers ${field}`).toHaveProperty(field);
  return reply.data;
}

/** secondaryListener.waitForEvent: polls the secondary's events until one matches. */
const heard: Record<string, unknown>[] = [];
async function waitForEvent(match: Record<string, unknown>): Promise<Record<string, any>> {
  const matches = (event: Record<string, unknown>) => Object.entries(match).every(([key, value]) => event[key] === value);
  let found: Record<string, unknown> | undefined;
  await until(
    async () => {
      heard.push(...((await call(secondary, 'get_event', { key: 'suite', timeout: 200 })).data as Record<string, unknown>[]));
      found = heard.find(matches);
      return found !== undefined;
    },
    10_000,
    JSON.stringify(match),
  );
  heard.splice(heard.indexOf(found!), 1);
  return found!;
}

describe("LLBot's suite, msg/", () => {
  it('get-friend-msg-history and get-group-msg-history: a page of messages', async () => {
    await success(primary, 'send_private_msg', { user_id: secondary, message: [{ type: 'text', data: { text: 'history' } }] });
    const friend = await success(primary, 'get_friend_msg_history', { user_id: secondary, count: 20 }, ['messages']);
    expect(friend.messages.at(-1).raw_message).toBe('history');
    const groupPage = await success(primary, 'get_group_msg_history', { group_id: group, count: 5 });
    expect(Array.isArray(groupPage.messages)).toBe(true);
  });

  it('forward-single-msg: both names answer message_id, and the copy arrives', async () => {
    const { message_id } = await success(primary, 'send_group_msg', {
      group_id: group,
      message: [{ type: 'text', data: { text: 'fwd' } }],
    });
    await waitForEvent({ post_type: 'message', message_id });
    const toGroup = await success(primary, 'forward_group_single_msg', { group_id: group, message_id }, ['message_id']);
    await waitForEvent({ post_type: 'message', message_type: 'group', message_id: toGroup.message_id });
    const sent = await success(primary, 'send_private_msg', { user_id: secondary, message: [{ type: 'text', data: { text: 'p' } }] });
    await waitForEvent({ post_type: 'message', message_id: sent.message_id });
    const toFriend = await success(primary, 'forward_friend_single_msg', { user_id: secondary, message_id: sent.message_id }, [
      'message_id',
    ]);
    await waitForEvent({ post_type: 'message', message_type: 'private', message_id: toFriend.message_id });
  });

  it('emoji-like: set, fetch (one), unset, fetch (none); the group hears group_msg_emoji_like', async () => {
    const { message_id } = await success(primary, 'send_group_msg', {
      group_id: group,
      message: [{ type: 'text', data: { text: 'like me' } }],
    });
    await success(primary, 'set_msg_emoji_like', { message_id, emoji_id: '4' });
    expect((await success(primary, 'fetch_emoji_like', { message_id, emoji_id: '4', count: 20 })).emojiLikesList).toHaveLength(1);
    await success(primary, 'unset_msg_emoji_like', { message_id, emoji_id: '4' });
    expect((await success(primary, 'fetch_emoji_like', { message_id, emoji_id: '4', count: 20 })).emojiLikesList).toHaveLength(0);
    await success(primary, 'set_msg_emoji_like', { message_id, emoji_id: 76 });
    await waitForEvent({ post_type: 'notice', notice_type: 'group_msg_emoji_like', group_id: group });
  });

  it('get-msg, delete-msg, get-private-msg, delete-private-msg: ids match; gone is an error', async () => {
    const { message_id } = await success(primary, 'send_private_msg', { user_id: secondary, message: 'x' }, ['message_id']);
    const got = await success(primary, 'get_msg', { message_id }, ['message_id', 'message']);
    expect(got.message_id).toBe(message_id);
    await success(primary, 'delete_msg', { message_id });
    expect((await call(primary, 'delete_msg', { message_id })).retcode).not.toBe(0);
    expect((await call(primary, 'get_msg', { message_id: 999999 })).retcode).not.toBe(0);
  });

  it('send-forward-msg and get-forward-msg: message_id and forward_id; the forward reads back by its id', async () => {
    const nodes = [
      { type: 'node', data: { user_id: primary, nickname: 'A', content: [{ type: 'text', data: { text: 'one' } }] } },
      { type: 'node', data: { user_id: secondary, nickname: 'B', content: [{ type: 'text', data: { text: 'two' } }] } },
    ];
    const sent = await success(primary, 'send_group_forward_msg', { group_id: group, messages: nodes }, ['message_id', 'forward_id']);
    expect(typeof sent.forward_id).toBe('string');
    const back = await success(primary, 'get_forward_msg', { message_id: sent.forward_id }, ['messages']);
    expect(back.messages).toHaveLength(2);
    await success(primary, 'send_private_forward_msg', { user_id: secondary, messages: nodes }, ['message_id', 'forward_id']);
    await success(primary, 'send_forward_msg', { group_id: group, messages: nodes }, ['message_id']);
  });

  it('get-recommend-face and fetch-custom-face answer', async () => {
    await success(primary, 'get_recommend_face', { word: '开心' }, ['url']);
    expect(Array.isArray(await success(primary, 'fetch_custom_face', {}))).toBe(true);
  });
});

describe("LLBot's suite, group/ and file/", () => {
  it('group-file: folder_id from create, upload into it, listed there not in the root, downloads byte for byte, deletes', async () => {
    const content = Buffer.from('LLBot group file test content');
    const { folder_id } = await success(primary, 'create_group_file_folder', { group_id: group, name: 'TestUploadFolder' }, ['folder_id']);
    const { file_id } = await success(
      primary,
      'upload_group_file',
      { group_id: group, file: `base64://${content.toString('base64')}`, name: 'infolder.txt', folder_id },
      ['file_id'],
    );
    const inFolder = await success(primary, 'get_group_files_by_folder', { group_id: group, folder_id }, ['files', 'folders']);
    expect(inFolder.files.find((file: { file_id: string }) => file.file_id === file_id)).toBeDefined();
    const root = await success(primary, 'get_group_root_files', { group_id: group }, ['files', 'folders']);
    expect(root.files.find((file: { file_name: string }) => file.file_name === 'infolder.txt')).toBeUndefined();
    expect(root.folders.find((folder: { folder_id: string }) => folder.folder_id === folder_id)).toBeDefined();
    const { url } = await success(primary, 'get_group_file_url', { group_id: group, file_id }, ['url']);
    const download = await fetch(url);
    expect(download.ok).toBe(true);
    expect(Buffer.from(await download.arrayBuffer()).equals(content)).toBe(true);
    await success(primary, 'delete_group_file', { group_id: group, file_id, busid: 102 });
    await success(primary, 'delete_group_folder', { group_id: group, folder_id });
    const after = await success(primary, 'get_group_root_files', { group_id: group });
    expect(after.folders.find((folder: { folder_id: string }) => folder.folder_id === folder_id)).toBeUndefined();
  });

  it('group-file-extra: set_group_file_forever on a root file, rename_group_file_folder (with new_name)', async () => {
    await success(primary, 'upload_group_file', {
      group_id: group,
      file: `base64://${Buffer.from('r').toString('base64')}`,
      name: 'root.txt',
    });
    await success(primary, 'create_group_file_folder', { group_id: group, name: 'to-rename' });
    const root = await success(primary, 'get_group_root_files', { group_id: group });
    await success(primary, 'set_group_file_forever', { group_id: group, file_id: root.files[0].file_id });
    await success(primary, 'rename_group_file_folder', { group_id: group, folder_id: root.folders[0].folder_id, new_name: '重命名测试' });
    expect((await success(primary, 'get_group_root_files', { group_id: group })).folders[0].folder_name).toBe('重命名测试');
  });

  it('get-group-system-msg, get-group-file-system-info, get-essence-msg-list, set-group-msg-mask', async () => {
    const system = await success(primary, 'get_group_system_msg', {}, ['invited_requests', 'join_requests']);
    expect(Array.isArray(system.invited_requests) && Array.isArray(system.join_requests)).toBe(true);
    const info = await success(primary, 'get_group_file_system_info', { group_id: group }, [
      'file_count',
      'limit_count',
      'used_space',
      'total_space',
    ]);
    expect(info.total_space).toBeGreaterThan(0);
    expect(Array.isArray(await success(primary, 'get_essence_msg_list', { group_id: group }))).toBe(true);
    await success(primary, 'set_group_msg_mask', { group_id: group, mask: 3 });
    await success(primary, 'set_group_msg_mask', { group_id: group, mask: 2 });
  });

  it('group-notice: send, list (an array), delete with _delete_group_notice', async () => {
    await success(primary, '_send_group_notice', { group_id: group, content: 'LLBot notice test' });
    const notices = await success(primary, '_get_group_notice', { group_id: group });
    expect(Array.isArray(notices)).toBe(true);
    await success(primary, '_delete_group_notice', { group_id: group, notice_id: notices[0].notice_id });
    expect(await success(primary, '_get_group_notice', { group_id: group })).toEqual([]);
  });

  it('group-poke and friend-poke: raw_info is [operator qq, action nor, target qq]', async () => {
    for (const [action, body] of [
      ['group_poke', { group_id: group, user_id: secondary }],
      ['friend_poke', { user_id: secondary }],
    ] as const) {
      await success(primary, action, body);
      const event = await waitForEvent({ post_type: 'notice', sub_type: 'poke', target_id: secondary });
      expect(event.raw_info.length).toBeGreaterThanOrEqual(3);
      const [operator, verb, target] = event.raw_info;
      expect(operator).toMatchObject({ type: 'qq', uid: String(primary), col: '1' });
      for (const key of ['jp', 'tp', 'nm']) expect(operator).toHaveProperty(key);
      expect(verb).toMatchObject({ type: 'nor', col: '1' });
      for (const key of ['txt', 'jp']) expect(verb).toHaveProperty(key);
      expect(target).toMatchObject({ type: 'qq', uid: String(secondary) });
      for (const key of ['jp', 'tp']) expect(target).toHaveProperty(key);
    }
  });

  it('notice-events: card, admin set/unset, ban/lift_ban, upload, essence add (no notice for delete), title, friend_recall', async () => {
    await success(primary, 'set_group_card', { group_id: group, user_id: secondary, card: 'carded' });
    await waitForEvent({ post_type: 'notice', notice_type: 'group_card', user_id: secondary });
    await success(primary, 'set_group_admin', { group_id: group, user_id: secondary, enable: true });
    await waitForEvent({ notice_type: 'group_admin', sub_type: 'set' });
    await success(primary, 'set_group_admin', { group_id: group, user_id: secondary, enable: false });
    await waitForEvent({ notice_type: 'group_admin', sub_type: 'unset' });
    await success(primary, 'set_group_ban', { group_id: group, user_id: secondary, duration: 60 });
    await waitForEvent({ notice_type: 'group_ban', sub_type: 'ban' });
    await success(primary, 'set_group_ban', { group_id: group, user_id: secondary, duration: 0 });
    await waitForEvent({ notice_type: 'group_ban', sub_type: 'lift_ban' });
    await success(primary, 'upload_group_file', {
      group_id: group,
      file: `base64://${Buffer.from('n').toString('base64')}`,
      name: 'n.txt',
    });
    await waitForEvent({ notice_type: 'group_upload', group_id: group });
    const { message_id } = await success(primary, 'send_group_msg', { group_id: group, message: 'essence' });
    await success(primary, 'set_essence_msg', { message_id });
    await waitForEvent({ notice_type: 'essence', sub_type: 'add' });
    // LLBot builds the essence notice only from QQ's gray tip for a new essence message, so a
    // removal sends none (src/onebot11/entities.ts, event/notice/OB11GroupEssenceEvent.ts).
    await success(primary, 'delete_essence_msg', { message_id });
    await success(primary, 'set_group_special_title', { group_id: group, user_id: secondary, special_title: 'tester' });
    await waitForEvent({ notice_type: 'notify', sub_type: 'title' });
    expect(heard.filter((event) => event.notice_type === 'essence')).toEqual([]);
    const dm = await success(primary, 'send_private_msg', { user_id: secondary, message: 'oops' });
    await success(primary, 'delete_msg', { message_id: dm.message_id });
    await waitForEvent({ notice_type: 'friend_recall' });
  });
});

describe("LLBot's suite, user/ and system/", () => {
  it('get-profile-like and get-profile-like-me answer users; get-qq-avatar a url', async () => {
    await success(secondary, 'send_like', { user_id: primary, times: 1 });
    const me = await success(primary, 'get_profile_like_me', { start: 0, count: 20 }, ['users']);
    expect(me.users.map((user: { uin: number }) => user.uin)).toEqual([secondary]);
    await success(primary, 'get_profile_like', { start: 0, count: 20 }, ['users']);
    await success(primary, 'get_qq_avatar', { user_id: secondary }, ['url']);
  });

  it('get-rkey, get-config, get-event answer; scan-qr-code reads its payload', async () => {
    const rkey = await success(primary, 'get_rkey');
    expect(rkey).toEqual({
      private_key: expect.stringMatching(/^&rkey=\S+$/),
      group_key: expect.stringMatching(/^&rkey=\S+$/),
      expired_time: expect.any(Number),
      updated_time: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
    });
    expect(rkey.group_key).not.toBe(rkey.private_key);
    expect(rkey.expired_time).toBeGreaterThan(Math.floor(env.catnap.world.clock.nowMs() / 1000));
    // NapCat's network config (this account has none of its own: the defaults, no adapters).
    expect(await success(primary, 'get_config')).toMatchObject({
      network: { httpServers: [], httpSseServers: [], httpClients: [], websocketServers: [], websocketClients: [] },
    });
    await success(primary, 'get_event', {});
    const png = await QRCode.toBuffer('https://example.com/test-qr-payload');
    const codes = await success(primary, 'scan_qrcode', { file: `base64://${png.toString('base64')}` });
    expect(codes.some((code: { text: string }) => code.text === 'https://example.com/test-qr-payload')).toBe(true);
  });

  it('system: status, version, login, credentials, csrf, can_send_*', async () => {
    await success(primary, 'get_status', {}, ['online', 'good']);
    await success(primary, 'get_version_info', {}, ['app_name', 'app_version', 'protocol_version']);
    await success(primary, 'get_login_info', {}, ['user_id', 'nickname']);
    await success(primary, 'get_credentials', { domain: 'qun.qq.com' }, ['cookies', 'csrf_token']);
    await success(primary, 'get_csrf_token', {}, ['token']);
    await success(primary, 'can_send_image', {}, ['yes']);
    await success(primary, 'can_send_record', {}, ['yes']);
    await success(primary, 'get_cookies', { domain: 'qun.qq.com' }, ['cookies']);
    const stranger = await success(primary, 'get_stranger_info', { user_id: secondary }, ['user_id', 'nickname', 'sex', 'age']);
    expect(stranger.user_id).toBe(secondary);
  });
});
