import { describe, expect, it } from 'vitest';
import { expectRefused, png } from '../helpers/messages.js';
import { onebotWorld } from '../helpers/onebot.js';

const text = (value: string) => [{ type: 'text', data: { text: value } }];

describe('send_group_msg, send_private_msg, send_msg', () => {
  it('read auto_escape and message_type as NapCat does, which never validates a send: only true or "true" escapes, and an unknown message_type infers the target', async () => {
    const { data } = await onebotWorld();
    const raw = async (auto_escape: unknown) => {
      const sent = await data(10001, 'send_group_msg', { group_id: 30001, message: '[CQ:face,id=14]', auto_escape });
      return (await data(20002, 'get_msg', { message_id: sent.message_id })).raw_message;
    };
    expect(await raw(true)).toBe('&#91;CQ:face,id=14&#93;');
    expect(await raw('true')).toBe('&#91;CQ:face,id=14&#93;');
    expect(await raw(1)).toBe('&#91;CQ:face,id=14&#93;');
    for (const value of [null, '', 'yes', '1', 'True', 'false', 0, false]) expect(await raw(value)).toBe('[CQ:face,id=14]');
    const group = await data(10001, 'send_msg', { message_type: 'discuss', group_id: 30001, user_id: 20001, message: 'x' });
    expect(await data(20002, 'get_msg', { message_id: group.message_id })).toMatchObject({ message_type: 'group', group_id: 30001 });
    const friend = await data(10001, 'send_msg', { message_type: '', user_id: 20001, message: 'x' });
    expect(await data(20001, 'get_msg', { message_id: friend.message_id })).toMatchObject({ message_type: 'private', user_id: 10001 });
  });

  it('send in every message form and answer NapCat’s {message_id}', async () => {
    const { data, call } = await onebotWorld();
    const array = await data(10001, 'send_group_msg', { group_id: '30001', message: text('array') });
    expect(array).toEqual({ message_id: expect.any(Number) });
    const one = await data(10001, 'send_group_msg', { group_id: 30001, message: { type: 'face', data: { id: 14 } } });
    const cq = await data(10001, 'send_group_msg', { group_id: 30001, message: 'cq [CQ:face,id=14]' });
    const escaped = await data(10001, 'send_group_msg', { group_id: 30001, message: 'plain [CQ:face,id=14]', auto_escape: 'true' });
    expect([one.message_id, cq.message_id, escaped.message_id]).toEqual([array.message_id + 1, array.message_id + 2, array.message_id + 3]);
    const history = await data(20002, 'get_group_msg_history', { group_id: 30001 });
    expect(history.messages.map((m: { raw_message: string }) => m.raw_message)).toEqual([
      'array',
      '[CQ:face,id=14]',
      'cq [CQ:face,id=14]',
      'plain &#91;CQ:face,id=14&#93;',
    ]);
    expect((await call(10001, 'send_group_msg', { group_id: 30001, message: 'x', auto_escape: true })).status).toBe('ok');
  });

  it('accept the seed’s send_group_msg body verbatim (group 2 does not exist) and the same body for a real group', async () => {
    const { world, call, data } = await onebotWorld();
    const seed = { group_id: 2, message: [{ data: { text: 'occaecat sunt nisi aute' }, type: 'text' }] };
    await expectRefused(world, () => call(10001, 'send_group_msg', seed), 2002, 'group 2 does not exist');
    const sent = await data(10001, 'send_group_msg', { ...seed, group_id: 30001 });
    expect((await data(20001, 'get_msg', { message_id: sent.message_id })).raw_message).toBe('occaecat sunt nisi aute');
  });

  it('fail the seed’s send_private_msg body verbatim with a 1400 naming the bad segment, changing nothing', async () => {
    const { world, call } = await onebotWorld();
    const seed = {
      user_id: 74,
      message: [
        { data: { text: 'occaecat cupidatat' }, type: 'cupidatat ipsum' },
        { data: { text: 'sint in' }, type: 'quis ullamco ex consectetur' },
      ],
    };
    await expectRefused(world, () => call(10001, 'send_private_msg', seed), 1400, 'message[0]: unknown segment type "cupidatat ipsum"');
    await expectRefused(
      world,
      () => call(10001, 'send_private_msg', { ...seed, user_id: 20001 }),
      1400,
      'message[0]: unknown segment type "cupidatat ipsum"',
    );
  });

  it('refuse bad params with 1400 and change nothing', async () => {
    const { world, call } = await onebotWorld();
    await expectRefused(world, () => call(10001, 'send_group_msg', { group_id: 30001 }), 1400, /^message/);
    await expectRefused(world, () => call(10001, 'send_group_msg', { group_id: 'lounge', message: 'x' }), 1400, /^group_id/);
    await expectRefused(
      world,
      () => call(10001, 'send_group_msg', { group_id: 30001, message: [{ type: 'image', data: { file: '' } }] }),
      1400,
      /^message\[0\] \(image\): data\.file is required/,
    );
    await expectRefused(world, () => call(10001, 'send_group_msg', { group_id: 30001, message: [] }), 1400, 'message is empty');
    await expectRefused(world, () => call(10001, 'send_group_msg', { group_id: 30001, message: '' }), 1400, 'message is empty');
    await expectRefused(
      world,
      () => call(10001, 'send_group_msg', { group_id: 30001, message: [{ type: 'text', data: { text: '' } }] }),
      1400,
      /nothing left to send/,
    );
    await expectRefused(
      world,
      () => call(10001, 'send_msg', { message: 'x' }),
      1400,
      'give group_id (a group message) or user_id (a private message)',
    );
    await expectRefused(
      world,
      () => call(10001, 'send_msg', { message_type: 'group', user_id: 20001, message: 'x' }),
      1400,
      'group_id: is required when message_type is group',
    );
    // An unknown message_type is no type at all (NapCat never validates it): the ids decide.
    await expectRefused(
      world,
      () => call(10001, 'send_msg', { message_type: 'channel', message: 'x' }),
      1400,
      'give group_id (a group message) or user_id (a private message)',
    );
    await expectRefused(
      world,
      () => call(10001, 'send_group_msg', { group_id: 30001, message: [{ type: 'image', data: { file: 'file:///no/such/file.png' } }] }),
      2201,
      /does not exist or cannot be read/,
    );
  });

  it('apply QQ’s rules: members only, mutes, friends or temp chats', async () => {
    const { world, call, data } = await onebotWorld();
    await expectRefused(
      world,
      () => call(10002, 'send_group_msg', { group_id: 30001, message: 'x' }),
      2101,
      'account 10002 is not a member of group 30001',
    );
    await world.groups.mute(20001, 30001, 20002, 600);
    await expectRefused(
      world,
      () => call(20002, 'send_group_msg', { group_id: 30001, message: 'x' }),
      2105,
      /^account 20002 is muted in group 30001/,
    );
    await world.groups.setWholeMute(20001, 30001, true);
    await expectRefused(
      world,
      () => call(20003, 'send_group_msg', { group_id: 30001, message: 'x' }),
      2105,
      'group 30001 is muted; only its owner and admins may speak',
    );
    expect((await call(10001, 'send_group_msg', { group_id: 30001, message: 'admins may' })).status).toBe('ok');
    await expectRefused(
      world,
      () => call(10001, 'send_private_msg', { user_id: 10002, message: 'x' }),
      2102,
      /not friends and share no group/,
    );
    await expectRefused(world, () => call(10001, 'send_private_msg', { user_id: 99999, message: 'x' }), 2001, 'user 99999 does not exist');
    const temp = await data(10001, 'send_private_msg', { user_id: 20002, message: 'temp' });
    const seen = await data(20002, 'get_msg', { message_id: temp.message_id });
    expect(seen).toMatchObject({
      message_type: 'private',
      sub_type: 'group',
      group_id: 30001,
      temp_source: 0,
      target_id: 10001,
      user_id: 10001,
    });
    const friend = await data(10001, 'send_msg', { user_id: '20001', message: 'hi' });
    expect(await data(20001, 'get_msg', { message_id: friend.message_id })).toMatchObject({
      message_type: 'private',
      sub_type: 'friend',
      target_id: 10001,
    });
    const viaGroup = await data(10001, 'send_msg', { group_id: 30001, user_id: 20001, message: 'group wins' });
    expect((await data(20001, 'get_msg', { message_id: viaGroup.message_id })).message_type).toBe('group');
    const explicit = await data(10001, 'send_msg', { message_type: 'private', group_id: 30001, user_id: 20003, message: 'temp via 30001' });
    expect((await data(20003, 'get_msg', { message_id: explicit.message_id })).group_id).toBe(30001);
  });
});

describe('get_msg and delete_msg', () => {
  it('get_msg answers NapCat’s fields in the caller’s format, to those who can see the message', async () => {
    const { world, call, data } = await onebotWorld();
    await world.groups.setCard(10001, 30001, 10001, 'Catnap');
    const sent = await data(10001, 'send_group_msg', {
      group_id: 30001,
      message: [
        { type: 'text', data: { text: 'look ' } },
        { type: 'image', data: { file: `base64://${png.toString('base64')}` } },
      ],
    });
    const view = await data(20002, 'get_msg', { message_id: String(sent.message_id) });
    const blob = view.message[1].data.file.slice(0, 64);
    expect(view).toEqual({
      self_id: 20002,
      user_id: 10001,
      time: expect.any(Number),
      message_id: sent.message_id,
      message_seq: sent.message_id,
      real_id: sent.message_id,
      real_seq: '1',
      message_type: 'group',
      sub_type: 'normal',
      sender: { user_id: 10001, nickname: 'Bot A', card: 'Catnap', role: 'admin' },
      message: [
        { type: 'text', data: { text: 'look ' } },
        {
          type: 'image',
          data: { summary: '', file: `${blob}.png`, sub_type: 0, url: `http://catnap.test/media/${blob}`, file_size: String(png.length) },
        },
      ],
      message_format: 'array',
      raw_message: `look [CQ:image,file=${blob}.png,sub_type=0,url=http://catnap.test/media/${blob},file_size=${png.length}]`,
      font: 14,
      post_type: 'message',
      group_id: 30001,
      group_name: 'Lounge',
      emoji_likes_list: [],
    });
    const own = await call(10001, 'get_msg', { message_id: sent.message_id }, { messageFormat: 'string' });
    expect(own.data).toMatchObject({
      post_type: 'message_sent',
      message_sent_type: 'self',
      message_format: 'string',
      message: view.raw_message,
    });
    await expectRefused(
      world,
      () => call(10002, 'get_msg', { message_id: sent.message_id }),
      2004,
      `message ${sent.message_id} does not exist`,
    );
    await expectRefused(world, () => call(10001, 'get_msg', { message_id: 777777 }), 2004, 'message 777777 does not exist');
    await expectRefused(world, () => call(10001, 'get_msg', { message_id: 'abc' }), 1400, /^message_id/);
    await expectRefused(world, () => call(10001, 'get_msg', {}), 1400, /^message_id/);
  });

  it('delete_msg recalls with QQ’s rank rules; get_msg fails, and history shows recalled messages without their content', async () => {
    const { world, call, data } = await onebotWorld();
    const byOwner = await data(20001, 'send_group_msg', { group_id: 30001, message: 'owner' });
    const byMember = await data(20002, 'send_group_msg', { group_id: 30001, message: 'member' });
    const byAdmin = await data(10001, 'send_group_msg', { group_id: 30001, message: 'admin' });
    await expectRefused(
      world,
      () => call(10001, 'delete_msg', { message_id: byOwner.message_id }),
      2104,
      /^account 10001 \(admin\) cannot recall/,
    );
    await expectRefused(world, () => call(20003, 'delete_msg', { message_id: byMember.message_id }), 2103, /plain member/);
    await expectRefused(world, () => call(10002, 'delete_msg', { message_id: byMember.message_id }), 2004);
    expect(await data(10001, 'delete_msg', { message_id: byMember.message_id })).toBeNull();
    expect(await data(10001, 'delete_msg', { message_id: byAdmin.message_id })).toBeNull();
    await expectRefused(
      world,
      () => call(10001, 'delete_msg', { message_id: byAdmin.message_id }),
      2109,
      `message ${byAdmin.message_id} was recalled`,
    );
    await expectRefused(world, () => call(20003, 'get_msg', { message_id: byMember.message_id }), 2109);
    // NapCat lists what QQ keeps: a recalled message stays, as a recall notice NapCat renders as no segment.
    const history = await data(20003, 'get_group_msg_history', { group_id: 30001 });
    expect(history.messages.map((m: any) => [m.message_id, m.user_id, m.raw_message, m.message])).toEqual([
      [byOwner.message_id, 20001, 'owner', [{ type: 'text', data: { text: 'owner' } }]],
      [byMember.message_id, 20002, '', []],
      [byAdmin.message_id, 10001, '', []],
    ]);
    const strings = await data(20003, 'get_group_msg_history', { group_id: 30001 }, { messageFormat: 'string' });
    expect(strings.messages.map((m: any) => m.message)).toEqual(['owner', '', '']);
    // LLBot's history leaves them out.
    const llbot = await data(20003, 'get_group_msg_history', { group_id: 30001 }, { dialect: 'llbot' });
    expect(llbot.messages.map((m: { raw_message: string }) => m.raw_message)).toEqual(['owner']);
  });
});

describe('get_group_msg_history and get_friend_msg_history', () => {
  it('fail a chat with no message at all, as NapCat fails an empty history; a recalled message still counts and shows empty', async () => {
    const { world, call, data } = await onebotWorld();
    await expectRefused(
      world,
      () => call(20001, 'get_group_msg_history', { group_id: 30002 }),
      2004,
      'the history of group 30002 has no messages',
    );
    expect(await data(20001, 'get_group_msg_history', { group_id: 30002 }, { dialect: 'llbot' })).toEqual({ messages: [] });
    expect(await data(20001, 'get_group_msg_history', { group_id: 30002 }, { dialect: 'go-cqhttp' })).toEqual({ messages: [] });
    const sent = await data(20001, 'send_group_msg', { group_id: 30002, message: 'gone' });
    await data(20001, 'delete_msg', { message_id: sent.message_id });
    expect(await data(10002, 'get_group_msg_history', { group_id: 30002 })).toEqual({
      messages: [expect.objectContaining({ message_id: sent.message_id, message: [], raw_message: '' })],
    });
  });

  async function tenMessages() {
    const ob = await onebotWorld();
    const ids: number[] = [];
    for (let i = 1; i <= 10; i++)
      ids.push((await ob.data(i % 2 ? 20001 : 10001, 'send_group_msg', { group_id: 30001, message: `m${i}` })).message_id);
    const page = async (params: Record<string, unknown>) =>
      (await ob.data(20002, 'get_group_msg_history', { group_id: 30001, ...params })).messages.map(
        (m: { raw_message: string }) => m.raw_message,
      );
    return { ...ob, ids, page };
  }

  it('accept the seed body verbatim (group 46 does not exist) and page the newest messages by default', async () => {
    const { world, call, page } = await tenMessages();
    await expectRefused(world, () => call(20002, 'get_group_msg_history', { group_id: 46, count: 10 }), 2002, 'group 46 does not exist');
    expect(await page({ count: 10 })).toEqual(['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8', 'm9', 'm10']);
    expect(await page({})).toHaveLength(10);
    expect(await page({ count: 3 })).toEqual(['m8', 'm9', 'm10']);
    expect(await page({ count: 3, message_seq: 0 })).toEqual(['m8', 'm9', 'm10']);
    expect(await page({ count: 3, message_seq: '' })).toEqual(['m8', 'm9', 'm10']);
  });

  it('page from an anchor: newer by default, older with reverse_order (or reverseOrder), anchor included', async () => {
    const { ids, page } = await tenMessages();
    expect(await page({ message_seq: ids[3], count: 3 })).toEqual(['m4', 'm5', 'm6']);
    expect(await page({ message_seq: String(ids[3]), count: 3, reverse_order: true })).toEqual(['m2', 'm3', 'm4']);
    expect(await page({ message_seq: ids[3], count: 3, reverseOrder: 'true' })).toEqual(['m2', 'm3', 'm4']);
    expect(await page({ message_seq: ids[8], count: 5 })).toEqual(['m9', 'm10']);
    // Walking back: the oldest id of a page anchors the next one (and repeats as its last item).
    const seen: string[] = [];
    let anchor: number | undefined;
    for (;;) {
      const messages = await page({ count: 4, reverse_order: true, ...(anchor ? { message_seq: anchor } : {}) });
      const fresh = anchor ? messages.slice(0, -1) : messages;
      if (fresh.length === 0) break;
      seen.unshift(...fresh);
      anchor = ids[Number(messages[0].slice(1)) - 1];
    }
    expect(seen).toEqual(['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8', 'm9', 'm10']);
  });

  it('refuse unknown anchors, non-members and bad params', async () => {
    const { world, call, ids } = await tenMessages();
    const dm = await call(10001, 'send_private_msg', { user_id: 20001, message: 'dm' });
    await expectRefused(
      world,
      () => call(20002, 'get_group_msg_history', { group_id: 30001, message_seq: 999999 }),
      2004,
      'message 999999 is not in the history of group 30001',
    );
    await expectRefused(
      world,
      () => call(10001, 'get_group_msg_history', { group_id: 30001, message_seq: (dm.data as { message_id: number }).message_id }),
      2004,
    );
    await expectRefused(world, () => call(10002, 'get_group_msg_history', { group_id: 30001 }), 2101);
    await expectRefused(
      world,
      () => call(20002, 'get_group_msg_history', { group_id: 30001, message_seq: 'latest' }),
      1400,
      /^message_seq/,
    );
    await expectRefused(world, () => call(20002, 'get_group_msg_history', { group_id: 30001, count: 0 }), 1400, /^count/);
    await expectRefused(world, () => call(20002, 'get_group_msg_history', { count: 5 }), 1400, /^group_id/);
    expect(ids).toHaveLength(10);
  });

  it('get_friend_msg_history pages a private chat the same way, in the caller’s format', async () => {
    const { data, call, world } = await onebotWorld();
    const a = await data(10001, 'send_private_msg', { user_id: 20001, message: 'one' });
    await data(20001, 'send_private_msg', { user_id: 10001, message: 'two [CQ:face,id=1]' });
    const both = await call(20001, 'get_friend_msg_history', { user_id: 10001, count: 20 }, { messageFormat: 'string' });
    expect(
      (both.data as { messages: { message: string; message_format: string }[] }).messages.map((m) => [m.message, m.message_format]),
    ).toEqual([
      ['one', 'string'],
      ['two [CQ:face,id=1]', 'string'],
    ]);
    expect(
      (await data(10001, 'get_friend_msg_history', { user_id: 20001, message_seq: a.message_id, reverse_order: true })).messages,
    ).toHaveLength(1);
    await expectRefused(
      world,
      () => call(10001, 'get_friend_msg_history', { user_id: 20003 }),
      2004,
      'the private chat with 20003 has no messages',
    );
    await expectRefused(world, () => call(10001, 'get_friend_msg_history', { user_id: 88888 }), 2001);
  });
});
