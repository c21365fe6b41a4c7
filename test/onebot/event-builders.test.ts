import { describe, expect, it } from 'vitest';
import { dialectNames } from '../../src/onebot/dialect.js';
import { allBuilders } from '../../src/onebot/events/builders/index.js';
import type { OutboundEvent } from '../../src/onebot/events/outbound-event.js';
import type { DomainEventType } from '../../src/world/events.js';
import { expectOneBotEvent } from '../helpers/contract.js';
import { messageRecord as record, renderCtx as ctx } from '../helpers/message-records.js';
import { onebotWorld } from '../helpers/onebot.js';

/** Collects what each account receives from the hub. */
async function receiving(...selfIds: number[]) {
  const ob = await onebotWorld();
  const received = new Map<number, OutboundEvent[]>(selfIds.map((id) => [id, []]));
  for (const selfId of selfIds) ob.events.subscribe(selfId, (event) => received.get(selfId)!.push(event));
  const objects = async (selfId: number) => {
    await ob.events.flush();
    // Every event, in both formats and every dialect, is one of the contract's events.
    const events = received
      .get(selfId)!
      .flatMap((event) => dialectNames.flatMap((dialect) => [event.object('array', dialect), event.object('string', dialect)]));
    events.forEach(expectOneBotEvent);
    return received.get(selfId)!.map((event) => event.object('array'));
  };
  return { ...ob, received, objects };
}

describe('event builders', () => {
  it('has one builder per OneBot-visible domain event type', () => {
    const types = allBuilders.map((builder) => builder.type).sort();
    const visible: DomainEventType[] = [
      'message.created',
      'message.recalled',
      'member.joined',
      'member.left',
      'member.role_changed',
      'member.muted',
      'member.card_changed',
      'member.title_changed',
      'group.name_changed',
      'file.uploaded',
      'online_file.answered',
      'essence.changed',
      'message.reaction',
      'friend.added',
      'poke',
      'input_status',
      'profile_like',
      'request.friend',
      'request.group',
      'account.health',
    ];
    expect(types).toEqual([...visible].sort());
  });

  describe('notices from real world changes', () => {
    it('group_increase, group_admin, group_card, title, group_name, group_ban (member and whole group)', async () => {
      const { world, objects } = await receiving(10001);
      await world.groups.addMember(30001, 10002, { operatorId: 20001, subType: 'invite' });
      await world.groups.setAdmin(20001, 30001, 20002, true);
      await world.groups.setAdmin(20001, 30001, 20002, false);
      await world.groups.setCard(20002, 30001, 20002, 'Bobby');
      await world.groups.setTitle(20001, 30001, 20003, 'Star');
      await world.groups.rename(10001, 30001, 'Salon');
      await world.groups.mute(10001, 30001, 20003, 120);
      await world.groups.mute(10001, 30001, 20003, 0);
      await world.groups.setWholeMute(10001, 30001, true);
      await world.groups.setWholeMute(10001, 30001, false);
      const events = (await objects(10001)).map(({ time, ...rest }) => (expect(time).toBeTypeOf('number'), rest));
      const base = { self_id: 10001, post_type: 'notice' };
      expect(events).toEqual([
        { ...base, notice_type: 'group_increase', sub_type: 'invite', group_id: 30001, user_id: 10002, operator_id: 20001 },
        { ...base, notice_type: 'group_admin', sub_type: 'set', group_id: 30001, user_id: 20002 },
        { ...base, notice_type: 'group_admin', sub_type: 'unset', group_id: 30001, user_id: 20002 },
        { ...base, notice_type: 'group_card', group_id: 30001, user_id: 20002, card_new: 'Bobby', card_old: '' },
        { ...base, notice_type: 'notify', sub_type: 'title', group_id: 30001, user_id: 20003, title: 'Star' },
        { ...base, notice_type: 'notify', sub_type: 'group_name', group_id: 30001, user_id: 10001, name_new: 'Salon' },
        { ...base, notice_type: 'group_ban', sub_type: 'ban', group_id: 30001, operator_id: 10001, user_id: 20003, duration: 120 },
        { ...base, notice_type: 'group_ban', sub_type: 'lift_ban', group_id: 30001, operator_id: 10001, user_id: 20003, duration: 0 },
        { ...base, notice_type: 'group_ban', sub_type: 'ban', group_id: 30001, operator_id: 10001, user_id: 0, duration: -1 },
        { ...base, notice_type: 'group_ban', sub_type: 'lift_ban', group_id: 30001, operator_id: 10001, user_id: 0, duration: 0 },
      ]);
    });

    it('group_decrease: leave, kick for onlookers, kick_me for the kicked account, disband once per member', async () => {
      const { world, objects } = await receiving(10001, 10002);
      await world.groups.addMember(30001, 10002);
      await world.groups.leave(30001, 20002);
      await world.groups.kick(20001, 30001, 10002);
      await world.groups.addMember(30002, 10001);
      await world.groups.dismiss(10002, 30002);
      const decreases = async (selfId: number) =>
        (await objects(selfId)).filter((event) => event.post_type === 'notice' && event.notice_type === 'group_decrease');
      expect(await decreases(10001)).toEqual([
        expect.objectContaining({ sub_type: 'leave', group_id: 30001, user_id: 20002, operator_id: 20002 }),
        expect.objectContaining({ sub_type: 'kick', group_id: 30001, user_id: 10002, operator_id: 20001 }),
        expect.objectContaining({ sub_type: 'disband', group_id: 30002, user_id: 10001, operator_id: 10002 }),
      ]);
      expect(await decreases(10002)).toEqual([
        expect.objectContaining({ sub_type: 'leave', user_id: 20002 }),
        expect.objectContaining({ sub_type: 'kick_me', group_id: 30001, user_id: 10002, operator_id: 20001 }),
        expect.objectContaining({ sub_type: 'disband', group_id: 30002, user_id: 10002 }),
      ]);
    });

    it('friend_add tells each side about the other', async () => {
      const { world, objects } = await receiving(10001, 10002);
      await world.friends.befriend(10001, 10002);
      expect(await objects(10001)).toEqual([expect.objectContaining({ notice_type: 'friend_add', user_id: 10002 })]);
      expect(await objects(10002)).toEqual([expect.objectContaining({ notice_type: 'friend_add', user_id: 10001 })]);
    });
  });

  describe('notices and requests whose services live elsewhere (built from the domain events they emit)', () => {
    const build = (type: DomainEventType, event: Record<string, unknown>, selfId: number) => {
      const builder = allBuilders.find((candidate) => candidate.type === type)!;
      return builder.build({ type, time: 100, audience: [], ...event } as never, 'Alice', selfId, 'array', ctx);
    };
    const msg = record({});
    const privateMsg = record({ conversation: { type: 'private', userIds: [10001, 20001] }, targetId: 10001 });

    it('recalls: group_recall with operator, friend_recall with the sender', () => {
      expect(build('message.recalled', { message: msg, operatorId: 20002 }, 10001)).toEqual([
        {
          time: 100,
          self_id: 10001,
          post_type: 'notice',
          notice_type: 'group_recall',
          group_id: 30001,
          user_id: 20001,
          operator_id: 20002,
          message_id: 1234,
        },
      ]);
      expect(build('message.recalled', { message: privateMsg, operatorId: 20001 }, 10001)).toEqual([
        { time: 100, self_id: 10001, post_type: 'notice', notice_type: 'friend_recall', user_id: 20001, message_id: 1234 },
      ]);
    });

    it('group_upload, essence, group_msg_emoji_like (groups only)', () => {
      expect(
        build('file.uploaded', { groupId: 30001, userId: 20001, file: { id: '/abc', name: 'a.txt', size: 3, busid: 102 } }, 10001)[0],
      ).toMatchObject({
        notice_type: 'group_upload',
        group_id: 30001,
        user_id: 20001,
        file: { id: '/abc', name: 'a.txt', size: 3, busid: 102 },
      });
      expect(build('essence.changed', { groupId: 30001, message: msg, operatorId: 20002, added: true }, 10001)[0]).toMatchObject({
        notice_type: 'essence',
        sub_type: 'add',
        group_id: 30001,
        user_id: 20001,
        sender_id: 20001,
        operator_id: 20002,
        message_id: 1234,
      });
      expect(build('essence.changed', { groupId: 30001, message: msg, operatorId: 20002, added: false }, 10001)[0]).toMatchObject({
        sub_type: 'delete',
      });
      const like = { message: msg, userId: 20002, emojiId: '76', emojiType: 1, isAdd: true, likes: [{ emojiId: '76', count: 2 }] };
      expect(build('message.reaction', like, 10001)).toEqual([
        {
          time: 100,
          self_id: 10001,
          post_type: 'notice',
          notice_type: 'group_msg_emoji_like',
          group_id: 30001,
          user_id: 20002,
          message_id: 1234,
          likes: [{ emoji_id: '76', count: 2 }],
          is_add: true,
        },
      ]);
      expect(build('message.reaction', { ...like, message: privateMsg }, 10001)).toEqual([]);
    });

    it('group_msg_emoji_like lists only the emoji that changed, as NapCat builds it from the one reaction QQ pushes', () => {
      const likes = (event: Record<string, unknown>, dialect: 'napcat' | 'llbot' = 'napcat') => {
        const builder = allBuilders.find((candidate) => candidate.type === 'message.reaction')!;
        const built = builder.build({ type: 'message.reaction', time: 100, audience: [], ...event } as never, undefined, 10001, 'array', {
          ...ctx,
          dialect,
        });
        return (built[0] as { likes: unknown }).likes;
      };
      const added = { message: msg, userId: 20002, emojiId: '76', emojiType: 1, isAdd: true };
      const onMessage = [
        { emojiId: '128512', count: 3 },
        { emojiId: '76', count: 2 },
      ];
      expect(likes({ ...added, likes: onMessage })).toEqual([{ emoji_id: '76', count: 2 }]);
      // The last 76 taken away: the notice still names it, with nothing left.
      expect(likes({ ...added, isAdd: false, likes: [{ emojiId: '128512', count: 3 }] })).toEqual([{ emoji_id: '76', count: 0 }]);
      // LLBot writes 1 for the changed emoji, whatever its count (adapter.ts, the 732/16 push).
      expect(likes({ ...added, likes: onMessage }, 'llbot')).toEqual([{ emoji_id: '76', count: 1 }]);
    });

    it('notify: poke in groups and between friends, input_status, profile_like', () => {
      expect(build('poke', { groupId: 30001, senderId: 20001, targetId: 10001 }, 10001)[0]).toMatchObject({
        notice_type: 'notify',
        sub_type: 'poke',
        group_id: 30001,
        user_id: 20001,
        target_id: 10001,
        raw_info: expect.any(Array),
      });
      const friendPoke = build('poke', { groupId: 0, senderId: 20001, targetId: 10001 }, 10001)[0]!;
      expect(friendPoke).toMatchObject({ sub_type: 'poke', user_id: 20001, sender_id: 20001, target_id: 10001 });
      expect(friendPoke).not.toHaveProperty('group_id');
      expect(build('poke', { groupId: 0, senderId: 10001, targetId: 20001 }, 10001)[0]).toMatchObject({ user_id: 20001, sender_id: 10001 });
      expect(build('input_status', { userId: 20001, targetId: 10001, eventType: 1, statusText: '对方正在输入...' }, 10001)).toEqual([
        {
          time: 100,
          self_id: 10001,
          post_type: 'notice',
          notice_type: 'notify',
          sub_type: 'input_status',
          user_id: 20001,
          group_id: 0,
          event_type: 1,
          status_text: '对方正在输入...',
        },
      ]);
      expect(build('input_status', { userId: 20001, targetId: 10001, eventType: 1, statusText: '' }, 20001)).toEqual([]);
      expect(build('profile_like', { operatorId: 20001, targetId: 10001, times: 3 }, 10001)).toEqual([
        {
          time: 100,
          self_id: 10001,
          post_type: 'notice',
          notice_type: 'notify',
          sub_type: 'profile_like',
          operator_id: 20001,
          operator_nick: 'Alice',
          times: 3,
        },
      ]);
    });

    it('requests: friend (to the target only) and group add / invite; only the LLBot and go-cqhttp dialects name the inviter', () => {
      expect(build('request.friend', { flag: 'f1', userId: 20001, targetId: 10001, comment: 'hi' }, 10001)).toEqual([
        { time: 100, self_id: 10001, post_type: 'request', request_type: 'friend', user_id: 20001, comment: 'hi', flag: 'f1' },
      ]);
      expect(build('request.friend', { flag: 'f1', userId: 20001, targetId: 10001, comment: 'hi' }, 20001)).toEqual([]);
      expect(
        build(
          'request.group',
          { flag: 'g1', subType: 'add', groupId: 30001, userId: 20009, invitorId: 20002, comment: 'let me in' },
          10001,
        ),
      ).toEqual([
        {
          time: 100,
          self_id: 10001,
          post_type: 'request',
          request_type: 'group',
          sub_type: 'add',
          group_id: 30001,
          user_id: 20009,
          comment: 'let me in',
          flag: 'g1',
        },
      ]);
      const inDialect = (dialect: 'llbot' | 'go-cqhttp', invitorId: number) => {
        const builder = allBuilders.find((candidate) => candidate.type === 'request.group')!;
        const event = {
          type: 'request.group',
          time: 100,
          audience: [],
          flag: 'g1',
          subType: 'add',
          groupId: 30001,
          userId: 20009,
          invitorId,
        };
        return builder.build({ ...event, comment: '' } as never, undefined, 10001, 'array', { ...ctx, dialect })[0];
      };
      expect(inDialect('llbot', 20002)).toMatchObject({ invitor_id: 20002 });
      expect(inDialect('llbot', 0)).toMatchObject({ invitor_id: 0 });
      expect(inDialect('go-cqhttp', 20002)).toMatchObject({ invitor_id: 20002 });
      expect(inDialect('go-cqhttp', 0)).not.toHaveProperty('invitor_id');
      expect(
        build('request.group', { flag: 'g2', subType: 'invite', groupId: 30002, userId: 20001, invitorId: 0, comment: '' }, 10001)[0],
      ).toMatchObject({
        sub_type: 'invite',
        user_id: 20001,
        flag: 'g2',
      });
    });
  });

  it('serialises once per format and attaches the raw record only for debug', async () => {
    const { world, received, events } = await receiving(10001);
    world.events.emit({ type: 'message.created', time: 1, audience: [10001], message: record({}) });
    await events.flush();
    const [event] = received.get(10001)!;
    const array = { format: 'array', dialect: 'napcat' } as const;
    expect(event!.json(array)).toBe(event!.json(array));
    expect(JSON.parse(event!.json({ ...array, format: 'string' })).message).toBe('hi &amp; &#91;you&#93;');
    expect(JSON.parse(event!.json({ ...array, debug: true })).raw).toMatchObject({ messageId: 1234, seq: 9 });
    expect(JSON.parse(event!.json(array))).not.toHaveProperty('raw');
  });
});
