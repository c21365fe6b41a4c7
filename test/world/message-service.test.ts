import { describe, expect, it } from 'vitest';
import type { ContentDraft, ElementDraft } from '../../src/world/messages/draft.js';
import { WorldError } from '../../src/world/errors.js';
import { memoryWorld, smallWorld } from '../helpers/world.js';

const text = (value: string): ContentDraft => ({ kind: 'elements', elements: [{ kind: 'text', text: value }] });
const content = (...elements: ElementDraft[]): ContentDraft => ({ kind: 'elements', elements });

/** What a call answers: 'ok', or its world error (sync or async). */
async function code(run: () => unknown): Promise<string> {
  try {
    await run();
  } catch (error) {
    if (error instanceof WorldError) return `${error.code}: ${error.message}`;
    throw error;
  }
  return 'ok';
}

describe('sending messages', () => {
  it('gives global, increasing message ids and a seq per conversation, and tells the audience', async () => {
    const { world, events } = await memoryWorld(smallWorld);
    const a = await world.messages.send(10001, { type: 'group', groupId: 30001 }, text('hi'));
    const b = await world.messages.send(20001, { type: 'group', groupId: 30001 }, text('hello'));
    const c = await world.messages.send(10001, { type: 'private', userId: 20001 }, text('psst'));
    expect([a.messageId, b.messageId, c.messageId]).toEqual([a.messageId, a.messageId + 1, a.messageId + 2]);
    expect([a.seq, b.seq, c.seq]).toEqual([1, 2, 1]);
    expect(c).toMatchObject({ conversation: { type: 'private', userIds: [10001, 20001] }, targetId: 20001, tempGroupId: 0 });
    const created = events.filter((event) => event.type === 'message.created');
    expect(created.map((event) => [...event.audience].sort())).toEqual([
      [10001, 20001, 20002, 20003],
      [10001, 20001, 20002, 20003],
      [10001, 20001],
    ]);
    expect((await world.groups.findMember(30001, 10001))?.lastSentTime).toBe(a.time);
  });

  it('lets only members send to a group', async () => {
    const { world, events } = await memoryWorld(smallWorld);
    expect(await code(() => world.messages.send(10002, { type: 'group', groupId: 30001 }, text('x')))).toBe(
      'NOT_A_MEMBER: account 10002 is not a member of group 30001',
    );
    expect(await code(() => world.messages.send(10001, { type: 'group', groupId: 39999 }, text('x')))).toBe(
      'GROUP_NOT_FOUND: group 39999 does not exist',
    );
    expect(events).toEqual([]);
  });

  it('blocks muted members, and plain members under a whole-group mute, but not the owner or admins', async () => {
    const { world, clock } = await memoryWorld(smallWorld);
    await world.groups.mute(20001, 30001, 20002, 60);
    expect(await code(() => world.messages.send(20002, { type: 'group', groupId: 30001 }, text('x')))).toMatch(
      /^MUTED: account 20002 is muted in group 30001 until/,
    );
    clock.advance(61_000);
    expect(await code(() => world.messages.send(20002, { type: 'group', groupId: 30001 }, text('x')))).toBe('ok');
    await world.groups.setWholeMute(20001, 30001, true);
    expect(await code(() => world.messages.send(20003, { type: 'group', groupId: 30001 }, text('x')))).toBe(
      'MUTED: group 30001 is muted; only its owner and admins may speak',
    );
    expect(await code(() => world.messages.send(10001, { type: 'group', groupId: 30001 }, text('admin')))).toBe('ok');
    expect(await code(() => world.messages.send(20001, { type: 'group', groupId: 30001 }, text('owner')))).toBe('ok');
    await world.groups.mute(20001, 30001, 10001, 60);
    expect(await code(() => world.messages.send(10001, { type: 'group', groupId: 30001 }, text('admin')))).toMatch(
      /^MUTED: account 10001 is muted/,
    );
  });

  it('holds a group file upload to the same mutes: in QQ it posts a file message into the chat', async () => {
    const { world, events } = await memoryWorld(smallWorld);
    const upload = (actor: number, name: string) =>
      code(() => world.groupFiles.upload(actor, 30001, { source: `base64://${Buffer.from(name).toString('base64')}`, name }));
    await world.groups.mute(20001, 30001, 20002, 60);
    events.length = 0;
    expect(await upload(20002, 'muted.txt')).toMatch(/^MUTED: account 20002 is muted in group 30001 until/);
    expect(events).toEqual([]);
    await world.groups.setWholeMute(20001, 30001, true);
    events.length = 0;
    expect(await upload(20003, 'member.txt')).toBe('MUTED: group 30001 is muted; only its owner and admins may speak');
    expect(events).toEqual([]);
    expect(world.groupFiles.allFiles(20001, 30001)).toEqual([]);
    // The owner and admins still speak under a whole-group mute, so they still upload.
    expect(await upload(10001, 'admin.txt')).toBe('ok');
    expect(await upload(20001, 'owner.txt')).toBe('ok');
    expect(
      world.groupFiles
        .allFiles(20001, 30001)
        .map((file) => file.name)
        .sort(),
    ).toEqual(['admin.txt', 'owner.txt']);
  });

  it('sends private messages between friends, else as a temp chat through a shared group, else NOT_FRIENDS', async () => {
    const { world } = await memoryWorld(smallWorld);
    const temp = await world.messages.send(10001, { type: 'private', userId: 20002 }, text('temp'));
    expect(temp).toMatchObject({ tempGroupId: 30001, targetId: 20002 });
    const named = await world.messages.send(20001, { type: 'private', userId: 10002, groupId: 30002 }, text('via lab'));
    expect(named.tempGroupId).toBe(30002);
    expect(await code(() => world.messages.send(20001, { type: 'private', userId: 10002, groupId: 30001 }, text('x')))).toBe(
      'NOT_FRIENDS: account 20001 and user 10002 are not friends and do not share group 30001, so no temp chat goes through it',
    );
    expect(await code(() => world.messages.send(10001, { type: 'private', userId: 10002 }, text('x')))).toBe(
      'NOT_FRIENDS: account 10001 and user 10002 are not friends and share no group; a private message needs one or the other',
    );
    expect(await code(() => world.messages.send(10001, { type: 'private', userId: 99999 }, text('x')))).toBe(
      'USER_NOT_FOUND: user 99999 does not exist',
    );
    expect(await code(() => world.messages.send(10001, { type: 'private', userId: 10001 }, text('x')))).toMatch(/^INVALID_ARGUMENT/);
  });

  it('names @ targets, drops @ in private chats, reserves @all for admins, and refuses empty messages', async () => {
    const { world } = await memoryWorld(smallWorld);
    await world.groups.setCard(20002, 30001, 20002, 'Bobby');
    const group = await world.messages.send(
      10001,
      { type: 'group', groupId: 30001 },
      content({ kind: 'at', target: 20002 }, { kind: 'at', target: 'all' }, { kind: 'at', target: 20001 }),
    );
    expect(group.elements).toEqual([
      { kind: 'at', target: 20002, name: 'Bobby' },
      { kind: 'at', target: 'all', name: '全体成员' },
      { kind: 'at', target: 20001, name: 'Alice' },
    ]);
    expect(await code(() => world.messages.send(20003, { type: 'group', groupId: 30001 }, content({ kind: 'at', target: 'all' })))).toMatch(
      /^PERMISSION_DENIED: .*cannot @all/,
    );
    expect(await code(() => world.messages.send(10001, { type: 'group', groupId: 30001 }, content({ kind: 'at', target: 55555 })))).toBe(
      'USER_NOT_FOUND: user 55555 does not exist',
    );
    const dm = await world.messages.send(
      10001,
      { type: 'private', userId: 20001 },
      content({ kind: 'at', target: 20001 }, { kind: 'text', text: 'hey' }),
    );
    expect(dm.elements).toEqual([{ kind: 'text', text: 'hey' }]);
    expect(
      await code(() =>
        world.messages.send(10001, { type: 'private', userId: 20001 }, content({ kind: 'at', target: 20001 }, { kind: 'text', text: '' })),
      ),
    ).toMatch(/^EMPTY_MESSAGE/);
  });

  it('checks replies: visible, not recalled, same conversation, one per message', async () => {
    const { world } = await memoryWorld(smallWorld);
    const first = await world.messages.send(20001, { type: 'group', groupId: 30001 }, text('q'));
    const reply = await world.messages.send(
      10001,
      { type: 'group', groupId: 30001 },
      content({ kind: 'reply', messageId: first.messageId }, { kind: 'text', text: 'a' }),
    );
    expect(reply.replyTo).toBe(first.messageId);
    const lab = await world.messages.send(10002, { type: 'group', groupId: 30002 }, text('lab'));
    expect(
      await code(() => world.messages.send(10001, { type: 'group', groupId: 30001 }, content({ kind: 'reply', messageId: lab.messageId }))),
    ).toBe(`MESSAGE_NOT_FOUND: message ${lab.messageId} does not exist`);
    const dm = await world.messages.send(10001, { type: 'private', userId: 20001 }, text('dm'));
    expect(
      await code(() => world.messages.send(10001, { type: 'group', groupId: 30001 }, content({ kind: 'reply', messageId: dm.messageId }))),
    ).toMatch(/another conversation/);
    expect(
      await code(() =>
        world.messages.send(
          10001,
          { type: 'group', groupId: 30001 },
          content({ kind: 'reply', messageId: first.messageId }, { kind: 'reply', messageId: first.messageId }),
        ),
      ),
    ).toMatch(/one message only/);
    await world.messages.recall(20001, first.messageId);
    expect(
      await code(() =>
        world.messages.send(10001, { type: 'group', groupId: 30001 }, content({ kind: 'reply', messageId: first.messageId })),
      ),
    ).toBe(`MESSAGE_RECALLED: message ${first.messageId} was recalled`);
  });

  it('stores media once, hands out file ids, and resolves them (and received file names) as sources again', async () => {
    const { world } = await memoryWorld(smallWorld);
    const bytes = Buffer.from('%PDF-1.4 catnap');
    const sent = await world.messages.send(
      10001,
      { type: 'group', groupId: 30001 },
      content({ kind: 'file', source: { uri: `base64://${bytes.toString('base64')}`, name: '../../report.pdf' } }),
    );
    const file = sent.elements[0]!;
    expect(file.kind).toBe('file');
    if (file.kind !== 'file') return;
    expect(file.media).toMatchObject({ name: 'report.pdf', size: bytes.length, mime: 'application/pdf' });
    expect(await world.media.lookup(file.fileId, 10001)).toEqual(file.media);
    expect(await world.media.lookup('report.pdf', 20003)).toEqual(file.media);
    expect((await world.media.lookup(`${file.media.blobId}.pdf`, 10001))?.blobId).toBe(file.media.blobId);
    expect((await world.media.lookup(`http://elsewhere:1/media/${file.media.blobId}?name=x`, 10001))?.size).toBe(bytes.length);
    expect(await world.media.lookup('unknown-name.pdf', 10001)).toBeUndefined();
    // The file id and the name are capabilities of the group's chat: Bot B is not a member.
    expect(await world.media.lookup(file.fileId, 10002)).toBeUndefined();
    expect(await world.media.lookup('report.pdf', 10002)).toBeUndefined();
    await world.groups.kick('world', 30001, 20003);
    expect(await world.media.lookup('report.pdf', 20003)).toBeUndefined();
  });

  it('rolls dice and rps unless a result is given', async () => {
    const { world } = await memoryWorld(smallWorld);
    const sent = await world.messages.send(10001, { type: 'group', groupId: 30001 }, content({ kind: 'dice' }, { kind: 'rps', result: 2 }));
    const [dice, rps] = sent.elements;
    expect(dice?.kind === 'dice' && dice.result >= 1 && dice.result <= 6).toBe(true);
    expect(rps).toEqual({ kind: 'rps', result: 2 });
  });
});

describe('merged forwards', () => {
  it('stores bundles with the message, nests them, and counts depth through forwarded forwards too', async () => {
    const { world } = await memoryWorld(smallWorld);
    const custom = (content: ContentDraft) => ({ kind: 'custom' as const, userId: 20001, nickname: 'Alice', content });
    const forward = (...nodes: ReturnType<typeof custom>[]): ContentDraft => ({ kind: 'forward', nodes, card: {} });
    const three = await world.messages.send(
      10001,
      { type: 'group', groupId: 30001 },
      forward(custom(forward(custom(forward(custom(text('deep'))))))),
    );
    const outer = three.elements[0];
    expect(outer?.kind).toBe('forward');
    if (outer?.kind !== 'forward') return;
    const bundle = await world.forwards.get(outer.forwardId);
    expect(bundle).toMatchObject({
      depth: 3,
      scope: 'group',
      creatorId: 10001,
      card: { summary: '查看1条转发消息', prompt: '[聊天记录]', source: '群聊的聊天记录', news: ['Alice: [聊天记录]'] },
    });
    expect((await world.forwards.ofMessage(20002, three.messageId)).resId).toBe(outer.forwardId);
    const refOfThree: ContentDraft = { kind: 'forward', nodes: [{ kind: 'ref', messageId: three.messageId }], card: {} };
    expect(await code(() => world.messages.send(10001, { type: 'group', groupId: 30001 }, refOfThree))).toBe(
      'INVALID_ARGUMENT: merged forwards nest at most 3 levels deep; this one has 4',
    );
    expect(await code(() => world.messages.send(10001, { type: 'group', groupId: 30001 }, forward()))).toBe(
      'INVALID_ARGUMENT: a merged forward needs at least one node',
    );
    expect(await code(() => world.forwards.get('missing'))).toBe('FORWARD_NOT_FOUND: merged forward missing does not exist');
  });
});

describe('reading and recalling', () => {
  it('shows a message only to those who see its conversation', async () => {
    const { world } = await memoryWorld(smallWorld);
    const group = await world.messages.send(20001, { type: 'group', groupId: 30001 }, text('g'));
    const dm = await world.messages.send(10001, { type: 'private', userId: 20001 }, text('p'));
    expect((await world.messages.get(20003, group.messageId)).messageId).toBe(group.messageId);
    expect(await code(() => world.messages.get(10002, group.messageId))).toBe(
      `MESSAGE_NOT_FOUND: message ${group.messageId} does not exist`,
    );
    expect(await code(() => world.messages.get(20002, dm.messageId))).toMatch(/^MESSAGE_NOT_FOUND/);
    expect(await code(() => world.messages.get(20001, 123456))).toBe('MESSAGE_NOT_FOUND: message 123456 does not exist');
  });

  it('recalls own messages always, and others’ by rank: owner > admin > member, never equal or higher', async () => {
    const { world, events } = await memoryWorld(smallWorld);
    const send = (from: number) => world.messages.send(from, { type: 'group', groupId: 30001 }, text(`from ${from}`));
    const byMember = await send(20002);
    const byAdmin = await send(10001);
    const byOwner = await send(20001);
    expect(await code(() => world.messages.recall(20003, byMember.messageId))).toMatch(
      /^PERMISSION_DENIED: account 20003 is a plain member/,
    );
    expect(await code(() => world.messages.recall(10001, byOwner.messageId))).toMatch(
      /^RANK_TOO_LOW: account 10001 \(admin\) cannot recall/,
    );
    await world.groups.setAdmin(20001, 30001, 20003, true);
    expect(await code(() => world.messages.recall(20003, byAdmin.messageId))).toMatch(/^RANK_TOO_LOW/);
    expect(await code(() => world.messages.recall(10001, byMember.messageId))).toBe('ok');
    expect(await code(() => world.messages.recall(20001, byAdmin.messageId))).toBe('ok');
    expect(await code(() => world.messages.recall(20001, byOwner.messageId))).toBe('ok');
    expect(await code(() => world.messages.recall(20001, byOwner.messageId))).toBe(
      `MESSAGE_RECALLED: message ${byOwner.messageId} was recalled`,
    );
    expect(await code(() => world.messages.get(20002, byMember.messageId))).toMatch(/^MESSAGE_RECALLED/);
    const recalls = events.filter((event) => event.type === 'message.recalled');
    expect(recalls.map((event) => (event.type === 'message.recalled' ? [event.message.messageId, event.operatorId] : []))).toEqual([
      [byMember.messageId, 10001],
      [byAdmin.messageId, 20001],
      [byOwner.messageId, 20001],
    ]);
    const dm = await world.messages.send(10001, { type: 'private', userId: 20001 }, text('dm'));
    expect(await code(() => world.messages.recall(20001, dm.messageId))).toMatch(/^PERMISSION_DENIED: .*only its sender/);
  });

  it('pages history deterministically in both directions, anchor included, recalled left out', async () => {
    const { world } = await memoryWorld(smallWorld);
    const ids: number[] = [];
    for (let i = 1; i <= 10; i++) ids.push((await world.messages.send(20001, { type: 'group', groupId: 30001 }, text(`m${i}`))).messageId);
    const page = async (anchor: number | undefined, count: number, newer = false) =>
      (await world.conversations.history(20002, { type: 'group', groupId: 30001 }, { anchor, count, newer })).map(
        (m) => ids.indexOf(m.messageId) + 1,
      );
    expect(await page(undefined, 3)).toEqual([8, 9, 10]);
    expect(await page(ids[7], 3)).toEqual([6, 7, 8]);
    expect(await page(ids[5], 3)).toEqual([4, 5, 6]);
    expect(await page(ids[1], 5)).toEqual([1, 2]);
    expect(await page(ids[1], 3, true)).toEqual([2, 3, 4]);
    expect(await page(ids[8], 5, true)).toEqual([9, 10]);
    await world.messages.recall(20001, ids[6]!);
    expect(await page(ids[7], 3)).toEqual([5, 6, 8]);
    expect(await page(ids[6], 2)).toEqual([5, 6]);
    expect(
      await code(() => world.conversations.history(20002, { type: 'group', groupId: 30001 }, { anchor: 999, count: 3, newer: false })),
    ).toBe('MESSAGE_NOT_FOUND: message 999 is not in the history of group 30001');
    expect(await code(() => world.conversations.history(10002, { type: 'group', groupId: 30001 }, { count: 3, newer: false }))).toMatch(
      /^NOT_A_MEMBER/,
    );
  });

  it('counts unread messages, marks them read, and lists recent contacts newest first', async () => {
    const { world, clock } = await memoryWorld(smallWorld);
    await world.messages.send(20001, { type: 'group', groupId: 30001 }, text('one'));
    clock.advance(1000);
    await world.messages.send(20002, { type: 'group', groupId: 30001 }, text('two'));
    clock.advance(1000);
    await world.messages.send(20001, { type: 'private', userId: 10001 }, text('dm'));
    clock.advance(1000);
    await world.messages.send(10001, { type: 'group', groupId: 30001 }, text('mine'));
    let recent = await world.conversations.recentContacts(10001, 10);
    expect(recent.map((contact) => [contact.summary.key, contact.unread, contact.latest?.elements])).toEqual([
      ['g:30001', 0, [{ kind: 'text', text: 'mine' }]],
      ['p:10001:20001', 1, [{ kind: 'text', text: 'dm' }]],
    ]);
    await world.messages.send(20002, { type: 'group', groupId: 30001 }, text('three'));
    recent = await world.conversations.recentContacts(10001, 1);
    expect(recent.map((contact) => [contact.summary.key, contact.unread])).toEqual([['g:30001', 1]]);
    expect((await world.conversations.recentContacts(20003, 10)).map((contact) => contact.unread)).toEqual([4]);
    await world.conversations.markRead(10001, { type: 'private', userId: 20001 });
    await world.conversations.markRead(10001, { type: 'group', groupId: 30001 });
    expect((await world.conversations.recentContacts(10001, 10)).map((contact) => contact.unread)).toEqual([0, 0]);
    await world.conversations.markAllRead(20003);
    expect((await world.conversations.recentContacts(20003, 10)).map((contact) => contact.unread)).toEqual([0]);
    expect(await world.conversations.recentContacts(10002, 10)).toEqual([]);
  });
});

describe('reactions and pokes', () => {
  it('adds each user’s emoji once, counts them, lists who reacted, and emits the counts', async () => {
    const { world, events } = await memoryWorld(smallWorld);
    const message = await world.messages.send(20001, { type: 'group', groupId: 30001 }, text('react'));
    expect(await world.reactions.set(10001, message.messageId, '76', true)).toBe(true);
    expect(await world.reactions.set(10001, message.messageId, '76', true)).toBe(false);
    expect(await world.reactions.set(20002, message.messageId, '76', true)).toBe(true);
    expect(await world.reactions.set(20002, message.messageId, '128512', true)).toBe(true);
    expect(await world.reactions.counts(20003, message.messageId)).toEqual([
      { emojiId: '76', emojiType: 1, count: 2 },
      { emojiId: '128512', emojiType: 2, count: 1 },
    ]);
    expect((await world.reactions.users(20003, message.messageId, '76', 0, 10)).map((user) => user.userId)).toEqual([10001, 20002]);
    expect((await world.reactions.users(20003, message.messageId, '76', 1, 10)).map((user) => user.userId)).toEqual([20002]);
    expect(await world.reactions.set(10001, message.messageId, '76', false)).toBe(true);
    const last = events.filter((event) => event.type === 'message.reaction').at(-1);
    expect(last).toMatchObject({
      userId: 10001,
      emojiId: '76',
      isAdd: false,
      likes: [
        { emojiId: '76', count: 1 },
        { emojiId: '128512', count: 1 },
      ],
    });
    expect(await code(() => world.reactions.set(10002, message.messageId, '76', true))).toMatch(/^MESSAGE_NOT_FOUND/);
    expect(await code(() => world.reactions.set(10001, message.messageId, 'smile', true))).toMatch(/^INVALID_ARGUMENT/);
  });

  it('pokes members of a shared group and friends, and tells who should know', async () => {
    const { world, events } = await memoryWorld(smallWorld);
    await world.pokes.groupPoke(10001, 30001, 20002);
    await world.pokes.friendPoke(10001, 20001, 20001);
    await world.pokes.friendPoke(10001, 20001, 10001);
    expect(
      events.map((event) =>
        event.type === 'poke' ? [event.groupId, event.senderId, event.targetId, [...event.audience].sort()] : event.type,
      ),
    ).toEqual([
      [30001, 10001, 20002, [10001, 20001, 20002, 20003]],
      [0, 10001, 20001, [10001, 20001]],
      [0, 10001, 10001, [10001, 20001]],
    ]);
    expect(await code(() => world.pokes.groupPoke(10001, 30001, 10002))).toMatch(/^MEMBER_NOT_FOUND/);
    expect(await code(() => world.pokes.groupPoke(10002, 30001, 20001))).toMatch(/^NOT_A_MEMBER/);
    expect(await code(() => world.pokes.friendPoke(10001, 20002, 20002))).toMatch(/^NOT_FRIENDS/);
    expect(await code(() => world.pokes.friendPoke(10001, 20001, 20003))).toMatch(/^INVALID_ARGUMENT/);
    await world.groups.mute(20001, 30001, 20002, 60);
    expect(await code(() => world.pokes.groupPoke(20002, 30001, 20001))).toMatch(/^MUTED/);
  });
});
