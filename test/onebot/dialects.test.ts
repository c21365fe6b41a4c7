import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { ActionTable } from '../../src/onebot/action-table.js';
import { defineAction } from '../../src/onebot/action.js';
import { allActions } from '../../src/onebot/actions/index.js';
import { Dispatcher } from '../../src/onebot/dispatcher.js';
import { renderMessage } from '../../src/onebot/message/render.js';
import { publicUrls } from '../../src/onebot/public-urls.js';
import { P } from '../../src/onebot/schema.js';
import { parseOneBotConfig } from '../../src/network/onebot-config.js';
import type { Element } from '../../src/world/messages/elements.js';
import { subscribeEvents } from '../../src/network/event-feed.js';
import { onebotWorld } from '../helpers/onebot.js';

const llbot = { dialect: 'llbot' } as const;
const gocq = { dialect: 'go-cqhttp' } as const;

describe('dialects: the mechanism', () => {
  it('is a validated adapter setting, napcat by default', () => {
    const config = parseOneBotConfig({ network: { websocketServers: [{ name: 'a' }, { name: 'b', dialect: 'llbot' }] } });
    expect(config.network.websocketServers.map((entry) => entry.dialect)).toEqual(['napcat', 'llbot']);
    expect(() => parseOneBotConfig({ network: { httpServers: [{ dialect: 'lagrange' }] } })).toThrow(
      'network.httpServers.0.dialect: must be one of napcat, llbot, go-cqhttp',
    );
  });

  it("runs a dialect's own handler or reshapes NapCat's answer, each checked against its own schema", async () => {
    const spec = defineAction({
      name: 'dialect_probe',
      origin: 'catnap',
      summary: 'test',
      params: P.object({ n: P.int('n') }),
      result: Type.Object({ n: Type.Integer() }),
      handler: (ctx, params) => ({ n: params.n + (ctx.dialect === 'napcat' ? 0 : 1000) }),
      dialects: {
        llbot: { note: 'answers a string', result: Type.Object({ s: Type.String() }), reshape: (data) => ({ s: String(data.n) }) },
        'go-cqhttp': { note: 'takes m instead', params: P.object({ m: P.int('m') }), result: Type.Null(), handler: () => null },
      },
    });
    const table = new ActionTable([spec]);
    const entry = table.resolve('dialect_probe')!;
    expect(entry.runner('napcat').note).toBeUndefined();
    expect(entry.runner('llbot').note).toBe('answers a string');
    const ob = await onebotWorld();
    const dispatcher = new Dispatcher(table, ob.services);
    const run = (dialect: 'napcat' | 'llbot' | 'go-cqhttp', params: unknown) =>
      dispatcher.dispatch(10001, 'dialect_probe', params, { transport: 'test', dialect });
    expect((await run('napcat', { n: 1 })).data).toEqual({ n: 1 });
    expect((await run('llbot', { n: 1 })).data).toEqual({ s: '1001' });
    expect((await run('go-cqhttp', { m: 1 })).data).toBeNull();
    expect(await run('go-cqhttp', { n: 1 })).toMatchObject({ status: 'failed', retcode: 1400, message: expect.stringContaining('m') });
  });

  it('refuses a variant that says nothing or is neither a handler nor a reshape', () => {
    const base = { name: 'x', origin: 'catnap', summary: 's', params: P.none(), result: Type.Null(), handler: () => null } as const;
    expect(() => new ActionTable([{ ...base, dialects: { llbot: { note: 'x', handler: () => null } } }])).toThrow('say what differs');
    expect(() => new ActionTable([{ ...base, dialects: { llbot: { note: 'differs somehow' } } }])).toThrow('either a handler');
  });

  it('answers an unknown name as each implementation words it', async () => {
    const { call } = await onebotWorld();
    expect(await call(10001, 'no_such', {}, { transport: 'ws' })).toMatchObject({ retcode: 1404, message: 'unknown action: no_such' });
    expect(await call(10001, 'no_such', {}, { transport: 'ws', ...llbot })).toMatchObject({ retcode: 1404, message: 'no_such API 不存在' });
    expect(await call(10001, 'no_such', {}, { transport: 'http', ...llbot })).toMatchObject({
      retcode: 404,
      message: 'no_such API 不存在',
    });
    expect(await call(10001, 'no_such', {}, { transport: 'http', ...gocq })).toMatchObject({
      status: 'failed',
      retcode: 404,
      msg: 'API_NOT_FOUND',
      wording: 'API不存在',
    });
  });

  it('declares a reason for every difference an action makes, and compiles every variant once', () => {
    const table = new ActionTable(allActions);
    for (const spec of table.specs()) {
      for (const [dialect, variant] of Object.entries(spec.dialects ?? {})) {
        expect(table.resolve(spec.name)!.runner(dialect as 'llbot').note, `${spec.name} ${dialect}`).toBe(variant!.note);
      }
    }
  });
});

describe('dialects: history', () => {
  /** Alice sends `n` group messages; returns their message_ids and seqs. */
  async function lounge(n: number) {
    const ob = await onebotWorld();
    const sent: { id: number; seq: number }[] = [];
    for (let i = 1; i <= n; i++) {
      const { message_id } = await ob.data(20001, 'send_group_msg', { group_id: 30001, message: `m${i}` });
      sent.push({ id: message_id, seq: (await ob.world.messages.get(20001, message_id)).seq });
    }
    return { ...ob, sent };
  }
  const texts = (page: { messages: { raw_message: string }[] }) => page.messages.map((message) => message.raw_message);

  it('llbot: pages back by message_seq with count and reverseOrder, as LLBot does', async () => {
    const { data, sent, world } = await lounge(6);
    const newest = await data(10001, 'get_group_msg_history', { group_id: 30001, count: 3 }, llbot);
    expect(texts(newest)).toEqual(['m4', 'm5', 'm6']);
    expect(newest.messages.map((message: { message_seq: number }) => message.message_seq)).toEqual(sent.slice(3).map((s) => s.seq));
    const oldest = newest.messages[0].message_seq;
    expect(texts(await data(10001, 'get_group_msg_history', { group_id: 30001, message_seq: oldest - 1, count: 3 }, llbot))).toEqual([
      'm1',
      'm2',
      'm3',
    ]);
    // A recalled message leaves a hole that older messages fill; reverseOrder turns the page around.
    await world.messages.recall(20001, sent[4]!.id);
    const page = await data(
      10001,
      'get_group_msg_history',
      { group_id: 30001, message_seq: String(sent[5]!.seq), count: 3, reverseOrder: true },
      llbot,
    );
    expect(texts(page)).toEqual(['m6', 'm4', 'm3']);
    // reverse_order is not LLBot's: it changes nothing.
    expect(texts(await data(10001, 'get_group_msg_history', { group_id: 30001, count: 2, reverse_order: true }, llbot))).toEqual([
      'm4',
      'm6',
    ]);
    expect(await data(10001, 'get_group_msg_history', { group_id: 30001, count: 0 }, llbot)).toEqual({ messages: [] });
  });

  it('napcat keeps paging by message_id; go-cqhttp pages a window of 20 seqs', async () => {
    const { data, sent } = await lounge(25);
    const napcat = await data(10001, 'get_group_msg_history', { group_id: 30001, message_seq: sent[2]!.id, count: 2 });
    expect(texts(napcat)).toEqual(['m3', 'm4']);
    const window = await data(10001, 'get_group_msg_history', { group_id: 30001, count: 3 }, gocq);
    expect(window.messages).toHaveLength(20);
    expect(texts(window).at(-1)).toBe('m25');
    const back = await data(10001, 'get_group_msg_history', { group_id: 30001, message_seq: sent[4]!.seq }, gocq);
    expect(texts(back)).toEqual(['m1', 'm2', 'm3', 'm4', 'm5']);
  });

  it('llbot: friend history pages the same way', async () => {
    const { data } = await onebotWorld();
    for (const text of ['a', 'b', 'c']) await data(20001, 'send_private_msg', { user_id: 10001, message: text });
    const page = await data(10001, 'get_friend_msg_history', { user_id: 20001, count: 2, reverseOrder: true }, llbot);
    expect(texts(page)).toEqual(['c', 'b']);
    expect(page.messages[1].real_id).toBe(page.messages[1].message_seq);
  });
});

describe('dialects: segments and events', () => {
  const ctx = (dialect: 'napcat' | 'llbot' | 'go-cqhttp') => ({ urls: publicUrls(() => 'http://catnap.test'), dialect });
  const media = { blobId: 'ab'.repeat(32), name: 'a.png', size: 3, mime: 'image/png' };
  const elements: Element[] = [
    { kind: 'face', faceId: 178 },
    { kind: 'dice', result: 3 },
    { kind: 'image', media, subType: 1 },
    { kind: 'at', target: 20001, name: 'Alice' },
  ];

  it("writes each dialect's segment details into raw CQ text", () => {
    const cq = (dialect: 'napcat' | 'llbot' | 'go-cqhttp') => renderMessage(elements, 'array', ctx(dialect)).raw_message;
    expect(cq('llbot')).toMatch(
      /^\[CQ:face,id=178,sub_type=1\]\[CQ:dice,result=3\]\[CQ:image,file=[^,]+,subType=1,url=[^,]+,file_size=3\]\[CQ:at,qq=20001,name=Alice\]$/,
    );
    expect(cq('go-cqhttp')).toMatch(
      /^\[CQ:face,id=178\]\[CQ:dice,value=3\]\[CQ:image,file=[^,]+,subType=1,url=[^\]]+\]\[CQ:at,qq=20001\]$/,
    );
    expect(cq('napcat')).toMatch(
      /^\[CQ:face,id=178\]\[CQ:dice,result=3\]\[CQ:image,file=[^,]+,sub_type=1,url=[^,]+,file_size=3\]\[CQ:at,qq=20001\]$/,
    );
  });

  it('a face sent with sub_type keeps it', async () => {
    const { data } = await onebotWorld();
    const { message_id } = await data(10001, 'send_group_msg', { group_id: 30001, message: '[CQ:face,id=178,sub_type=3]' });
    expect((await data(10001, 'get_msg', { message_id }, llbot)).raw_message).toBe('[CQ:face,id=178,sub_type=3]');
  });

  /** What `selfId` receives after `act`, in a dialect. */
  async function received(
    selfId: number,
    dialect: 'napcat' | 'llbot' | 'go-cqhttp',
    act: (ob: Awaited<ReturnType<typeof onebotWorld>>) => Promise<unknown>,
  ) {
    const ob = await onebotWorld();
    // What an adapter of the dialect is sent (event-feed.ts).
    const events: Record<string, unknown>[] = [];
    subscribeEvents(ob.events, selfId, { format: 'array', reportSelfMessage: true, debug: false, dialect }, (json) =>
      events.push(JSON.parse(json)),
    );
    await act(ob);
    await ob.events.flush();
    return events;
  }

  it('an essence removal has no notice in NapCat and LLBot (they build it only for a new one); go-cqhttp sends delete, without user_id, not for its own', async () => {
    const essence = async (ob: Awaited<ReturnType<typeof onebotWorld>>) => {
      const { message_id } = await ob.data(20002, 'send_group_msg', { group_id: 30001, message: 'pin me' });
      await ob.data(10001, 'set_essence_msg', { message_id });
      await ob.data(10001, 'delete_essence_msg', { message_id });
    };
    const notices = async (dialect: 'napcat' | 'llbot' | 'go-cqhttp') =>
      (await received(20001, dialect, essence)).filter((event) => event.notice_type === 'essence').map((event) => event.sub_type);
    expect(await notices('napcat')).toEqual(['add']);
    expect(await notices('llbot')).toEqual(['add']);
    expect(await notices('go-cqhttp')).toEqual(['add', 'delete']);
    // go-cqhttp's notice has no user_id, and the account's own changes are not reported (coolq/event.go groupEssenceMsg).
    const gocqNotices = (await received(20001, 'go-cqhttp', essence)).filter((event) => event.notice_type === 'essence');
    expect(gocqNotices[0]).toMatchObject({ sender_id: 20002, operator_id: 10001 });
    expect(gocqNotices[0]).not.toHaveProperty('user_id');
    expect((await received(10001, 'go-cqhttp', essence)).filter((event) => event.notice_type === 'essence')).toEqual([]);
    expect((await received(10001, 'napcat', essence)).filter((event) => event.notice_type === 'essence')).toHaveLength(1);
  });

  it('poke raw_info as LLBot builds it (QQ numbers, action text second); go-cqhttp has none', async () => {
    const poke = (ob: Awaited<ReturnType<typeof onebotWorld>>) => ob.data(10001, 'group_poke', { group_id: 30001, user_id: 20002 });
    const [llbotPoke] = await received(20002, 'llbot', poke);
    expect(llbotPoke).toMatchObject({ notice_type: 'notify', sub_type: 'poke', group_id: 30001, user_id: 10001, target_id: 20002 });
    expect(llbotPoke!.raw_info).toEqual([
      { col: '1', jp: '', nm: '', tp: '0', type: 'qq', uid: '10001' },
      { col: '1', jp: '', txt: '戳了戳', type: 'nor' },
      { col: '1', jp: '', nm: '', tp: '0', type: 'qq', uid: '20002' },
    ]);
    const [friendPoke] = await received(20001, 'llbot', (ob) => ob.data(10001, 'friend_poke', { user_id: 20001 }));
    expect(friendPoke).not.toHaveProperty('sender_id');
    const [gocqPoke] = await received(20002, 'go-cqhttp', poke);
    expect(gocqPoke).toMatchObject({ sender_id: 10001, target_id: 20002 });
    expect(gocqPoke).not.toHaveProperty('raw_info');
  });

  it('a dissolved group is group_dismiss for LLBot', async () => {
    const dismiss = (ob: Awaited<ReturnType<typeof onebotWorld>>) =>
      ob.data(10002, 'set_group_leave', { group_id: 30002, is_dismiss: true });
    expect(await received(20001, 'llbot', dismiss)).toEqual([
      expect.objectContaining({ post_type: 'notice', notice_type: 'group_dismiss', group_id: 30002, user_id: 10002 }),
    ]);
    expect(await received(20001, 'napcat', dismiss)).toEqual([
      expect.objectContaining({ notice_type: 'group_decrease', sub_type: 'disband' }),
    ]);
  });
});

describe('dialects: result shapes', () => {
  it("get_friend_list: NapCat's OB11Construct.friends fields (no qid, long_nick); LLBot's own; go-cqhttp's three", async () => {
    const { data, world } = await onebotWorld();
    const [napcat] = await data(10001, 'get_friend_list');
    expect(Object.keys(napcat).sort()).toEqual(
      [
        'age',
        'birthday_day',
        'birthday_month',
        'birthday_year',
        'category_id',
        'email',
        'level',
        'nickname',
        'phone_num',
        'remark',
        'sex',
        'user_id',
      ].sort(),
    );
    const { longNick } = await world.accounts.require(20001);
    expect((await data(10001, 'get_friend_list', {}, llbot))[0]).toEqual({
      user_id: 20001,
      nickname: 'Alice',
      remark: 'alice',
      sex: 'female',
      birthday_year: napcat.birthday_year,
      birthday_month: napcat.birthday_month,
      birthday_day: napcat.birthday_day,
      age: 20,
      qid: '',
      long_nick: longNick,
    });
    expect(await data(10001, 'get_friend_list', {}, gocq)).toEqual([{ user_id: 20001, nickname: 'Alice', remark: 'alice' }]);
    // LLBot reads an empty remark as the nickname; NapCat keeps it empty.
    await data(10002, 'set_friend_remark', { user_id: 20002, remark: '' });
    expect((await data(10002, 'get_friend_list', {}, llbot))[0].remark).toBe((await world.accounts.require(20002)).nickname);
    expect((await data(10002, 'get_friend_list'))[0].remark).toBe('');
  });

  it("get_group_info and get_group_list: NapCat's OB11Group has no creation time nor owner; LLBot and go-cqhttp add group_create_time", async () => {
    const { data, world } = await onebotWorld();
    const napcatFields = ['group_all_shut', 'group_remark', 'group_id', 'group_name', 'member_count', 'max_member_count', 'avatar_url'];
    const info = await data(10001, 'get_group_info', { group_id: 30001 });
    expect(Object.keys(info).sort()).toEqual([...napcatFields].sort());
    const [listed] = await data(10001, 'get_group_list');
    expect(Object.keys(listed).sort()).toEqual([...napcatFields].sort());
    const { createTime } = await world.groups.require(30001);
    for (const dialect of [llbot, gocq]) {
      expect(await data(10001, 'get_group_info', { group_id: 30001 }, dialect)).toEqual({ ...info, group_create_time: createTime });
      expect((await data(10001, 'get_group_list', {}, dialect))[0]).toEqual({ ...listed, group_create_time: createTime });
    }
  });

  it('create_group_file_folder: NapCat’s NT item, LLBot’s {folder_id}, go-cqhttp’s null', async () => {
    const { data } = await onebotWorld();
    const napcat = await data(10001, 'create_group_file_folder', { group_id: 30001, folder_name: 'a' });
    expect(napcat.groupItem.folderInfo).toMatchObject({ folderName: 'a' });
    const { folder_id } = await data(10001, 'create_group_file_folder', { group_id: 30001, name: 'b' }, llbot);
    const root = await data(10001, 'get_group_root_files', { group_id: 30001 });
    expect(root.folders.find((folder: { folder_id: string }) => folder.folder_id === folder_id)).toMatchObject({ folder_name: 'b' });
    expect(await data(10001, 'create_group_file_folder', { group_id: 30001, name: 'c', parent_id: '/' }, gocq)).toBeNull();
  });

  it('forward_*_single_msg: null for NapCat, {message_id} of the copy for LLBot', async () => {
    const { data } = await onebotWorld();
    const { message_id } = await data(20001, 'send_private_msg', { user_id: 10001, message: 'pass it on' });
    expect(await data(10001, 'forward_friend_single_msg', { user_id: 20001, message_id })).toBeNull();
    const copy = await data(10001, 'forward_group_single_msg', { group_id: 30001, message_id }, llbot);
    expect(copy).toEqual({ message_id: expect.any(Number) });
    expect(await data(20002, 'get_msg', { message_id: copy.message_id })).toMatchObject({ group_id: 30001, raw_message: 'pass it on' });
    const back = await data(10001, 'forward_friend_single_msg', { user_id: 20001, message_id }, llbot);
    expect(await data(20001, 'get_msg', { message_id: back.message_id })).toMatchObject({
      message_type: 'private',
      raw_message: 'pass it on',
    });
  });

  it('get_profile_like: NapCat’s two lists for any user_id, LLBot’s page of whom the account liked', async () => {
    const { data } = await onebotWorld();
    await data(10001, 'send_like', { user_id: 20001, times: 2 });
    await data(20002, 'send_like', { user_id: 10001 });
    const napcat = await data(10001, 'get_profile_like', {});
    expect(napcat.favoriteInfo.userInfos.map((u: { uin: number }) => u.uin)).toEqual([20001]);
    expect(napcat.voteInfo.userInfos.map((u: { uin: number }) => u.uin)).toEqual([20002]);
    expect(await data(10001, 'get_profile_like', { start: 0, count: 20 }, llbot)).toEqual({
      users: [expect.objectContaining({ uin: 20001, count: 2, isFriend: true, nick: 'Alice' })],
      nextStart: 1,
    });
  });
});

describe('dialects: null answers of LLBot and go-cqhttp', () => {
  it('file, folder, profile and portrait changes answer null where the implementation does; the change is made', async () => {
    const { data } = await onebotWorld();
    const png = `base64://${Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360f8cf00000301010018dd8db40000000049454e44ae426082', 'hex').toString('base64')}`;
    const upload = (dialect: typeof gocq | typeof llbot | object) =>
      data(
        10001,
        'upload_group_file',
        { group_id: 30001, file: `base64://${Buffer.from('f').toString('base64')}`, name: 'f.txt' },
        dialect,
      );
    expect(await upload(gocq)).toBeNull();
    const { file_id } = await upload(llbot);
    expect(await data(10001, 'delete_group_file', { group_id: 30001, file_id }, llbot)).toBeNull();
    const { folder_id } = await data(10001, 'create_group_file_folder', { group_id: 30001, name: 'x' }, llbot);
    expect(await data(10001, 'delete_group_folder', { group_id: 30001, folder_id }, gocq)).toBeNull();
    const root = await data(10001, 'get_group_root_files', { group_id: 30001 });
    expect(root.files.map((file: { file_id: string }) => file.file_id)).not.toContain(file_id);
    expect(root.folders).toHaveLength(0);
    expect(await data(10001, 'set_qq_profile', { nickname: 'Renamed' }, llbot)).toBeNull();
    expect((await data(10001, 'get_login_info')).nickname).toBe('Renamed');
    expect(await data(10001, 'set_group_portrait', { group_id: 30001, file: png }, gocq)).toBeNull();
    expect(
      await data(
        20001,
        'upload_private_file',
        { user_id: 10001, file: `base64://${Buffer.from('p').toString('base64')}`, name: 'p.txt' },
        gocq,
      ),
    ).toBeNull();
  });

  it('_send_group_notice answers {notice_id} for go-cqhttp', async () => {
    const { data } = await onebotWorld();
    const { notice_id } = await data(10001, '_send_group_notice', { group_id: 30001, content: 'hi' }, gocq);
    expect((await data(10001, '_get_group_notice', { group_id: 30001 }))[0].notice_id).toBe(notice_id);
  });
});
