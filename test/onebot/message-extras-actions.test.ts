import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../src/world/events.js';
import { expectRefused, png } from '../helpers/messages.js';
import { onebotWorld } from '../helpers/onebot.js';

const hasFfmpeg = spawnSync('ffmpeg', ['-version']).status === 0;

describe('read marks and recent contacts', () => {
  it('get_recent_contact answers NapCat’s shape with the newest message and unread counts (seed body verbatim)', async () => {
    const { data, call } = await onebotWorld();
    await data(20001, 'send_group_msg', { group_id: 30001, message: 'group hello' });
    await data(20002, 'send_group_msg', { group_id: 30001, message: 'second' });
    await data(20001, 'send_private_msg', { user_id: 10001, message: 'dm' });
    await data(20002, 'send_private_msg', { user_id: 10001, message: 'temp' });
    const contacts = await data(10001, 'get_recent_contact', { count: 10 });
    expect(contacts.map((c: Record<string, unknown>) => [c.peerUin, c.chatType, c.unreadCnt, c.peerName, c.remark])).toEqual([
      ['20002', 100, 1, 'Bob', ''],
      ['20001', 1, 1, 'Alice', 'alice'],
      ['30001', 2, 2, 'Lounge', ''],
    ]);
    expect(contacts[2]).toMatchObject({
      sendNickName: 'Bob',
      sendMemberName: '',
      msgTime: expect.stringMatching(/^\d+$/),
      msgId: String(contacts[2].lastestMsg.message_id),
    });
    expect(contacts[2].lastestMsg).toMatchObject({ raw_message: 'second', message_type: 'group', group_id: 30001, self_id: 10001 });
    const stringForm = await call(10001, 'get_recent_contact', { count: '1' }, { messageFormat: 'string' });
    expect(stringForm.data).toEqual([
      expect.objectContaining({ peerUin: '20002', lastestMsg: expect.objectContaining({ message: 'temp', message_format: 'string' }) }),
    ]);
  });

  it('get_recent_contact calls a private chat a friend or temp chat by the friendship as it is now, as Milky’s pins do', async () => {
    const { data, world } = await onebotWorld();
    await data(20002, 'send_private_msg', { user_id: 10001, message: 'temp' });
    await data(20001, 'send_private_msg', { user_id: 10001, message: 'dm' });
    const chatTypes = async () =>
      Object.fromEntries(
        (await data(10001, 'get_recent_contact', {})).map((c: { peerUin: string; chatType: number }) => [c.peerUin, c.chatType]),
      );
    expect(await chatTypes()).toEqual({ '20002': 100, '20001': 1 });
    // No message after either change: the entries follow the friendship, not the last message.
    await world.friends.befriend(10001, 20002);
    await world.friends.unfriend(10001, 20001);
    expect(await chatTypes()).toEqual({ '20002': 1, '20001': 100 });
  });

  it('mark_*_as_read take the seed bodies verbatim and NapCat’s params (message_id, then user_id, then group_id)', async () => {
    const { data, call, world } = await onebotWorld();
    const g = await data(20001, 'send_group_msg', { group_id: 30001, message: 'g' });
    await data(20001, 'send_private_msg', { user_id: 10001, message: 'p' });
    await data(20002, 'send_private_msg', { user_id: 10001, message: 't' });
    const unread = async () =>
      Object.fromEntries(
        (await data(10001, 'get_recent_contact', {})).map((c: { peerUin: string; unreadCnt: number }) => [c.peerUin, c.unreadCnt]),
      );
    expect(await unread()).toEqual({ '30001': 1, '20001': 1, '20002': 1 });
    await expectRefused(world, () => call(10001, 'mark_group_msg_as_read', { group_id: '100' }), 2002, 'group 100 does not exist');
    await expectRefused(world, () => call(10001, 'mark_private_msg_as_read', { group_id: '18' }), 2002, 'group 18 does not exist');
    await expectRefused(world, () => call(10001, 'mark_msg_as_read', {}), 1400, /give message_id, user_id or group_id/);
    await expectRefused(world, () => call(10001, 'mark_msg_as_read', { user_id: 'x' }), 1400, /^user_id/);
    await expectRefused(world, () => call(10002, 'mark_group_msg_as_read', { group_id: 30001 }), 2101);
    await expectRefused(world, () => call(10002, 'mark_msg_as_read', { message_id: g.message_id }), 2004);
    expect(await data(10001, 'mark_private_msg_as_read', { group_id: '30001' })).toBeNull();
    expect(await unread()).toEqual({ '30001': 0, '20001': 1, '20002': 1 });
    expect(await data(10001, 'mark_private_msg_as_read', { user_id: 20001 })).toBeNull();
    expect(await unread()).toEqual({ '30001': 0, '20001': 0, '20002': 1 });
    await data(20001, 'send_group_msg', { group_id: 30001, message: 'g2' });
    expect(await data(10001, 'mark_msg_as_read', { message_id: String(g.message_id), group_id: 99999 })).toBeNull();
    expect((await unread())['30001']).toBe(0);
    expect(await data(10001, '_mark_all_as_read', {})).toBeNull();
    expect(await unread()).toEqual({ '30001': 0, '20001': 0, '20002': 0 });
  });
});

describe('reactions', () => {
  it('set_msg_emoji_like, fetch_emoji_like (seed body verbatim), get_emoji_likes and get_msg show them', async () => {
    const { data, call, world, domainEvents } = await onebotWorld();
    const { message_id } = await data(20001, 'send_group_msg', { group_id: 30001, message: 'like me' });
    expect(await data(10001, 'set_msg_emoji_like', { message_id: String(message_id), emoji_id: 76 })).toEqual({ result: 0, errMsg: '' });
    expect(await data(20002, 'set_msg_emoji_like', { message_id, emoji_id: '76', set: 'true' })).toEqual({ result: 0, errMsg: '' });
    await data(20003, 'set_msg_emoji_like', { message_id, emoji_id: '128512' });
    const seed = { message_id: 1972285709, emojiType: '1', emojiId: '76' };
    await expectRefused(world, () => call(20001, 'fetch_emoji_like', seed), 2004, 'message 1972285709 does not exist');
    expect(await data(20001, 'fetch_emoji_like', { ...seed, message_id })).toEqual({
      result: 0,
      errMsg: '',
      emojiLikesList: [
        { tinyId: '10001', nickName: 'Bot A', headUrl: '' },
        { tinyId: '20002', nickName: 'Bob', headUrl: '' },
      ],
      cookie: '',
      isLastPage: true,
      isFirstPage: true,
    });
    const first = await data(20001, 'fetch_emoji_like', { ...seed, message_id: String(message_id), count: 1 });
    expect(first).toMatchObject({ emojiLikesList: [{ tinyId: '10001' }], cookie: '1', isLastPage: false, isFirstPage: true });
    expect(await data(20001, 'fetch_emoji_like', { ...seed, message_id, count: 1, cookie: first.cookie })).toMatchObject({
      emojiLikesList: [{ tinyId: '20002' }],
      isLastPage: true,
      isFirstPage: false,
    });
    expect(await data(20001, 'get_emoji_likes', { message_id: String(message_id), emoji_id: '76' })).toEqual({
      emoji_like_list: [
        { user_id: '10001', nick_name: 'Bot A' },
        { user_id: '20002', nick_name: 'Bob' },
      ],
    });
    expect(await data(20001, 'get_emoji_likes', { message_id, emoji_id: 76, count: 1 })).toEqual({
      emoji_like_list: [{ user_id: '10001', nick_name: 'Bot A' }],
    });
    expect((await data(20001, 'get_msg', { message_id })).emoji_likes_list).toEqual([
      { emoji_id: '76', emoji_type: '1', likes_cnt: '2' },
      { emoji_id: '128512', emoji_type: '2', likes_cnt: '1' },
    ]);
    await data(20002, 'set_msg_emoji_like', { message_id, emoji_id: '76', set: false });
    const reaction = domainEvents
      .filter((event): event is Extract<DomainEvent, { type: 'message.reaction' }> => event.type === 'message.reaction')
      .at(-1);
    expect(reaction).toMatchObject({
      userId: 20002,
      isAdd: false,
      likes: [
        { emojiId: '76', count: 1 },
        { emojiId: '128512', count: 1 },
      ],
    });
    await expectRefused(world, () => call(10002, 'set_msg_emoji_like', { message_id, emoji_id: '76' }), 2004);
    await expectRefused(world, () => call(10001, 'set_msg_emoji_like', { message_id, emoji_id: 'heart' }), 1400, /emoji id "heart"/);
    await expectRefused(world, () => call(10001, 'set_msg_emoji_like', { message_id: 'abc', emoji_id: '76' }), 1400, /^message_id/);
    await expectRefused(world, () => call(10001, 'fetch_emoji_like', { message_id, emojiId: '76' }), 1400, /^emojiType/);
    await expectRefused(world, () => call(10001, 'fetch_emoji_like', { ...seed, message_id, cookie: 'zzz' }), 1400, /^cookie/);
  });
});

describe('pokes', () => {
  it('group_poke (seed body verbatim), friend_poke and send_poke notify the right accounts', async () => {
    const { data, call, world, domainEvents } = await onebotWorld({
      accounts: [
        { user_id: 10001, nickname: 'Bot', bot: true },
        { user_id: 1627126029, nickname: 'Seed user' },
        { user_id: 20001, nickname: 'Alice' },
      ],
      friends: [{ user_id: 10001, friend_id: 20001 }],
      groups: [{ group_id: 809079648, group_name: 'Seed group', owner_id: 10001, members: [1627126029, 20001] }],
    });
    expect(await call(10001, 'group_poke', { group_id: 809079648, user_id: 1627126029 })).toMatchObject({ status: 'ok', data: null });
    expect(await data(20001, 'send_poke', { group_id: '809079648', user_id: '10001' })).toBeNull();
    expect(await data(10001, 'friend_poke', { user_id: 20001 })).toBeNull();
    expect(await data(20001, 'send_poke', { user_id: 10001, target_id: 20001 })).toBeNull();
    const pokes = domainEvents.filter((event) => event.type === 'poke');
    expect(
      pokes.map((event) => (event.type === 'poke' ? [event.groupId, event.senderId, event.targetId, [...event.audience].sort()] : [])),
    ).toEqual([
      [809079648, 10001, 1627126029, [10001, 20001, 1627126029].sort()],
      [809079648, 20001, 10001, [10001, 20001, 1627126029].sort()],
      [0, 10001, 20001, [10001, 20001]],
      [0, 20001, 20001, [10001, 20001]],
    ]);
    await expectRefused(world, () => call(10001, 'group_poke', { group_id: 809079648 }), 1400, /user_id/);
    await expectRefused(world, () => call(10001, 'friend_poke', { user_id: 1627126029 }), 2102);
    await expectRefused(world, () => call(10001, 'group_poke', { group_id: 30001, user_id: 20001 }), 2002);
    await expectRefused(world, () => call(10001, 'group_poke', { group_id: 809079648, user_id: 99999 }), 2003);
  });
});

describe('merged forwards', () => {
  it('get_forward_msg trims each node’s raw_message (and string message) as NapCat’s parseMessage does; LLBot keeps the spaces', async () => {
    const { data, call } = await onebotWorld();
    const sent = await data(10001, 'send_group_forward_msg', {
      group_id: 30001,
      messages: [{ type: 'node', data: { user_id: 20002, nickname: 'Bob', content: [{ type: 'text', data: { text: '  padded \n' } }] } }],
    });
    const [node] = (await data(20002, 'get_forward_msg', { id: sent.res_id })).messages;
    expect(node).toMatchObject({ raw_message: 'padded', message: [{ type: 'text', data: { text: '  padded \n' } }] });
    const asString = await call(20002, 'get_forward_msg', { id: sent.res_id }, { messageFormat: 'string' });
    expect((asString.data as { messages: { message: string }[] }).messages[0]).toMatchObject({ message: 'padded', raw_message: 'padded' });
    const llbot = await call(20002, 'get_forward_msg', { id: sent.res_id }, { dialect: 'llbot' });
    expect((llbot.data as { messages: { raw_message: string }[] }).messages[0]!.raw_message).toBe('  padded \n');
  });

  it('send_group_forward_msg / send_forward_msg / send_private_forward_msg build forwards that get_forward_msg opens', async () => {
    const { data, call } = await onebotWorld();
    const original = await data(20001, 'send_group_msg', { group_id: 30001, message: 'original [CQ:face,id=5]' });
    const sent = await data(10001, 'send_group_forward_msg', {
      group_id: 30001,
      messages: [
        { type: 'node', data: { id: original.message_id } },
        { type: 'node', data: { user_id: 20002, nickname: 'Bob', content: [{ type: 'text', data: { text: 'custom' } }] } },
        { type: 'node', data: { user_id: 20003, nickname: 'Carol', content: [{ type: 'node', data: { content: 'nested' } }] } },
      ],
      summary: '3 messages',
    });
    expect(sent).toEqual({ message_id: expect.any(Number), res_id: expect.any(String), forward_id: sent.res_id });
    const card = await data(20002, 'get_msg', { message_id: sent.message_id });
    expect(card.message[0]).toMatchObject({ type: 'forward', data: { id: sent.res_id } });
    expect(card.message[0].data.content.map((m: { raw_message: string }) => m.raw_message)).toEqual([
      'original [CQ:face,id=5]',
      'custom',
      expect.stringMatching(/^\[CQ:forward,id=/),
    ]);
    const byMessage = await data(20002, 'get_forward_msg', { message_id: sent.message_id });
    const byResId = await data(20002, 'get_forward_msg', { id: sent.res_id });
    expect(byResId).toEqual(byMessage);
    expect(
      byMessage.messages.map((m: { user_id: number; sender: { nickname: string }; message_id: number }) => [
        m.user_id,
        m.sender.nickname,
        m.message_id,
      ]),
    ).toEqual([
      [20001, 'Alice', original.message_id],
      [20002, 'Bob', 0],
      [20003, 'Carol', 0],
    ]);
    const inner = byMessage.messages[2].message[0];
    expect(inner.data.content).toEqual([
      expect.objectContaining({ user_id: 20003, sender: expect.objectContaining({ nickname: 'Carol' }), raw_message: 'nested' }),
    ]);
    expect((await data(20002, 'get_forward_msg', { message_id: inner.data.id })).messages[0].raw_message).toBe('nested');
    const asString = await call(20002, 'get_forward_msg', { message_id: sent.message_id }, { messageFormat: 'string' });
    expect((asString.data as { messages: { message: string }[] }).messages[1]!.message).toBe('custom');

    const dm = await data(10001, 'send_private_forward_msg', {
      user_id: 20001,
      message: [{ type: 'node', data: { id: original.message_id } }],
    });
    expect((await data(20001, 'get_forward_msg', { message_id: dm.message_id })).messages[0]).toMatchObject({
      message_type: 'private',
      user_id: 20001,
    });
    const generic = await data(10001, 'send_forward_msg', {
      group_id: 30001,
      messages: [{ type: 'node', data: { content: 'from send_forward_msg' } }],
    });
    expect((await data(20001, 'get_forward_msg', { id: generic.res_id })).messages[0].sender).toEqual({
      user_id: 10001,
      nickname: 'QQ用户',
      card: '',
    });
    const again = await data(20001, 'send_group_msg', { group_id: 30001, message: [{ type: 'forward', data: { id: sent.res_id } }] });
    expect((await data(20002, 'get_forward_msg', { message_id: again.message_id })).messages).toHaveLength(3);
  });

  it('refuse bad forwards with a clear error and change nothing', async () => {
    const { world, call, data } = await onebotWorld();
    const node = (content: unknown) => [{ type: 'node', data: { content } }];
    await expectRefused(
      world,
      () => call(10001, 'send_group_forward_msg', { group_id: 30001, messages: node(node(node(node('deep')))) }),
      1400,
      /nest at most 3 levels/,
    );
    await expectRefused(
      world,
      () => call(10001, 'send_group_forward_msg', { group_id: 30001, messages: [{ type: 'text', data: { text: 'x' } }] }),
      1400,
      'messages: a merged forward is a list of node segments',
    );
    await expectRefused(world, () => call(10001, 'send_group_forward_msg', { group_id: 30001 }), 1400, 'message: is required');
    await expectRefused(
      world,
      () => call(10001, 'send_group_forward_msg', { group_id: 30001, messages: [{ type: 'node', data: { id: 424242 } }] }),
      2004,
      'message 424242 does not exist',
    );
    await expectRefused(
      world,
      () => call(10001, 'send_group_msg', { group_id: 30001, message: [{ type: 'forward', data: { id: 'nope' } }] }),
      2009,
      'merged forward nope does not exist',
    );
    await expectRefused(world, () => call(10001, 'get_forward_msg', { id: 'nope' }), 2009);
    await expectRefused(world, () => call(10001, 'get_forward_msg', {}), 1400, /give message_id/);
    const plain = await data(10001, 'send_group_msg', { group_id: 30001, message: 'plain' });
    await expectRefused(
      world,
      () => call(10001, 'get_forward_msg', { message_id: plain.message_id }),
      2009,
      `message ${plain.message_id} is not a merged forward`,
    );
    const other = await data(10002, 'send_group_forward_msg', { group_id: 30002, messages: node('lab only') });
    await expectRefused(world, () => call(20002, 'get_forward_msg', { message_id: other.message_id }), 2004);
  });

  it('forward_friend_single_msg and forward_group_single_msg send a copy (user_id wins over group_id)', async () => {
    const { world, data, call } = await onebotWorld();
    const source = await data(20001, 'send_group_msg', { group_id: 30001, message: 'forward me' });
    expect(await data(10001, 'forward_friend_single_msg', { message_id: source.message_id, user_id: '20001', group_id: 30001 })).toBeNull();
    expect(await data(10001, 'forward_group_single_msg', { message_id: String(source.message_id), group_id: 30001 })).toBeNull();
    const dm = (await data(20001, 'get_friend_msg_history', { user_id: 10001 })).messages;
    expect(dm.map((m: { raw_message: string; user_id: number }) => [m.raw_message, m.user_id])).toEqual([['forward me', 10001]]);
    const group = (await data(20001, 'get_group_msg_history', { group_id: 30001 })).messages;
    expect(group.map((m: { raw_message: string; user_id: number }) => [m.raw_message, m.user_id])).toEqual([
      ['forward me', 20001],
      ['forward me', 10001],
    ]);
    await expectRefused(
      world,
      () => call(10001, 'forward_group_single_msg', { message_id: source.message_id }),
      1400,
      'give user_id or group_id to forward to',
    );
    await expectRefused(world, () => call(10002, 'forward_group_single_msg', { message_id: source.message_id, group_id: 30002 }), 2004);
    await expectRefused(world, () => call(10001, 'forward_group_single_msg', { message_id: source.message_id, group_id: 30002 }), 2101);
  });
});

describe('get_image, get_record, get_file', () => {
  it('find received media by the file, file_id, name or URL they came with', async () => {
    const { world, data, call } = await onebotWorld();
    const wav = Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WAVEfmt '), Buffer.alloc(32)]);
    const sent = await data(20001, 'send_group_msg', {
      group_id: 30001,
      message: [
        { type: 'image', data: { file: `base64://${png.toString('base64')}` } },
        { type: 'record', data: { file: `data:audio/wav;base64,${wav.toString('base64')}` } },
        { type: 'file', data: { file: `base64://${Buffer.from('hello file').toString('base64')}`, name: 'notes.txt' } },
      ],
    });
    const [image, record, file] = (await data(10001, 'get_msg', { message_id: sent.message_id })).message;
    const img = await data(10001, 'get_image', { file: image.data.file });
    expect(img).toEqual({
      file: expect.stringContaining(image.data.file.slice(0, 64)),
      url: expect.stringContaining(`/media/${image.data.file.slice(0, 64)}`),
      file_size: String(png.length),
      file_name: image.data.file,
    });
    expect(await readFile(img.file)).toEqual(png);
    expect(await data(10001, 'get_image', { file: image.data.url })).toMatchObject({ file_size: String(png.length) });
    const byId = await data(10001, 'get_file', { file_id: file.data.file_id });
    expect(byId).toMatchObject({ file_name: 'notes.txt', file_size: '10' });
    expect(await readFile(byId.file, 'utf8')).toBe('hello file');
    expect(await data(10001, 'get_file', { file: 'notes.txt' })).toEqual(byId);
    expect(await data(10001, 'get_record', { file: record.data.file, out_format: 'wav' })).toMatchObject({
      base64: wav.toString('base64'),
      file_size: String(wav.length),
    });
    expect(await data(10001, 'get_record', { file: record.data.file })).not.toHaveProperty('base64');
    if (!hasFfmpeg)
      await expectRefused(
        world,
        () => call(10001, 'get_record', { file: record.data.file, out_format: 'mp3' }),
        2205,
        /needs ffmpeg on the PATH/,
      );
    await expectRefused(world, () => call(10001, 'get_record', { file: record.data.file, out_format: 'aac' }), 1400, /^out_format/);
    await expectRefused(world, () => call(10001, 'get_image', {}), 1400, 'give file or file_id');
    await expectRefused(
      world,
      () => call(10001, 'get_image', { file: 'never-sent.png' }),
      2005,
      'no media or file is known as "never-sent.png"',
    );
  });

  it('take received media back as sources: resending an image segment stores no new bytes', async () => {
    const { data } = await onebotWorld();
    const sent = await data(20001, 'send_group_msg', {
      group_id: 30001,
      message: [{ type: 'image', data: { file: `base64://${png.toString('base64')}` } }],
    });
    const received = (await data(10001, 'get_msg', { message_id: sent.message_id })).message;
    for (const segment of [received[0], { type: 'image', data: { file: received[0].data.file } }]) {
      const again = await data(10001, 'send_group_msg', { group_id: 30001, message: [segment] });
      expect((await data(20001, 'get_msg', { message_id: again.message_id })).message[0].data.file).toBe(received[0].data.file);
    }
    const fileMsg = await data(20001, 'send_group_msg', {
      group_id: 30001,
      message: [{ type: 'file', data: { file: `base64://${png.toString('base64')}`, name: 'dot.png' } }],
    });
    const fileSeg = (await data(10001, 'get_msg', { message_id: fileMsg.message_id })).message[0];
    const resent = await data(10001, 'send_group_msg', {
      group_id: 30001,
      message: [{ type: 'file', data: { file: fileSeg.data.file_id } }],
    });
    const copy = (await data(20001, 'get_msg', { message_id: resent.message_id })).message[0];
    expect(copy.data).toMatchObject({ file: 'dot.png', file_size: fileSeg.data.file_size });
    expect(copy.data.file_id).not.toBe(fileSeg.data.file_id);
  });
});
