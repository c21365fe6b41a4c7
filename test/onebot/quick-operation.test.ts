import { describe, expect, it } from 'vitest';
import { applyQuickOperation, type QuickContext } from '../../src/onebot/quick-operation.js';
import { WorldError } from '../../src/world/errors.js';
import { transportWorld, until } from '../helpers/transports.js';

/** Records the actions a quick operation runs instead of running them. */
function recorder(fail?: string) {
  const calls: [string, Record<string, unknown>][] = [];
  const call = async (action: string, params: Record<string, unknown>) => {
    calls.push([action, params]);
    if (action === fail) throw new WorldError('PERMISSION_DENIED', `${action} refused`);
  };
  return { calls, call };
}

const groupContext: QuickContext = {
  post_type: 'message',
  message_type: 'group',
  sub_type: 'normal',
  group_id: 30001,
  user_id: 20003,
  message_id: 77,
};

describe('applyQuickOperation: which actions a quick operation runs', () => {
  it('group reply quotes the message, @s the sender only with at_sender, and parses CQ codes', async () => {
    const { calls, call } = recorder();
    await applyQuickOperation(call, groupContext, { reply: 'hi [CQ:face,id=14]', at_sender: true });
    await applyQuickOperation(call, groupContext, { reply: 'a [b]', auto_escape: true });
    await applyQuickOperation(call, groupContext, { reply: [{ type: 'text', data: { text: 'seg' } }] });
    await applyQuickOperation(call, groupContext, { reply: { type: 'text', data: { text: 'one' } } });
    expect(calls).toEqual([
      [
        'send_msg',
        {
          message_type: 'group',
          group_id: 30001,
          message: [
            { type: 'reply', data: { id: '77' } },
            { type: 'at', data: { qq: '20003' } },
            { type: 'text', data: { text: 'hi ' } },
            { type: 'face', data: { id: '14' } },
          ],
        },
      ],
      [
        'send_msg',
        {
          message_type: 'group',
          group_id: 30001,
          message: [
            { type: 'reply', data: { id: '77' } },
            { type: 'text', data: { text: 'a [b]' } },
          ],
        },
      ],
      [
        'send_msg',
        {
          message_type: 'group',
          group_id: 30001,
          message: [
            { type: 'reply', data: { id: '77' } },
            { type: 'text', data: { text: 'seg' } },
          ],
        },
      ],
      [
        'send_msg',
        {
          message_type: 'group',
          group_id: 30001,
          message: [
            { type: 'reply', data: { id: '77' } },
            { type: 'text', data: { text: 'one' } },
          ],
        },
      ],
    ]);
  });

  it('private replies go to the sender (temp chats through their group; own messages to the peer)', async () => {
    const { calls, call } = recorder();
    await applyQuickOperation(
      call,
      { post_type: 'message', message_type: 'private', sub_type: 'friend', user_id: 20001, message_id: 5 },
      { reply: 'hey', auto_escape: true },
    );
    await applyQuickOperation(
      call,
      { post_type: 'message', message_type: 'private', sub_type: 'group', user_id: 20003, group_id: 30001 },
      { reply: 'temp' },
    );
    await applyQuickOperation(
      call,
      { post_type: 'message_sent', message_type: 'private', sub_type: 'friend', user_id: 10001, target_id: 20001 },
      { reply: 'me again' },
    );
    expect(calls).toEqual([
      ['send_msg', { message_type: 'private', user_id: 20001, message: 'hey', auto_escape: true }],
      ['send_msg', { message_type: 'private', user_id: 20003, group_id: 30001, message: 'temp', auto_escape: false }],
      ['send_msg', { message_type: 'private', user_id: 20001, message: 'me again', auto_escape: false }],
    ]);
  });

  it('delete, kick and ban (default 1800 s) in groups, after the reply, in that order', async () => {
    const { calls, call } = recorder();
    await applyQuickOperation(call, groupContext, { reply: 'bye', delete: true, kick: true, ban: true });
    await applyQuickOperation(call, groupContext, { ban: true, ban_duration: 60 });
    expect(calls.map(([action]) => action)).toEqual(['send_msg', 'delete_msg', 'set_group_kick', 'set_group_ban', 'set_group_ban']);
    expect(calls[1]![1]).toEqual({ message_id: 77 });
    expect(calls[2]![1]).toEqual({ group_id: 30001, user_id: 20003 });
    expect(calls[3]![1]).toEqual({ group_id: 30001, user_id: 20003, duration: 1800 });
    expect(calls[4]![1]).toEqual({ group_id: 30001, user_id: 20003, duration: 60 });
  });

  it('answers requests: approve with remark (friend) or reason (group); nothing without approve', async () => {
    const { calls, call } = recorder();
    await applyQuickOperation(
      call,
      { post_type: 'request', request_type: 'friend', user_id: 20001, flag: 'f1' },
      { approve: true, remark: 'pal' },
    );
    await applyQuickOperation(
      call,
      { post_type: 'request', request_type: 'group', sub_type: 'invite', group_id: 30002, user_id: 20001, flag: 'g1' },
      { approve: false, reason: 'no' },
    );
    await applyQuickOperation(
      call,
      { post_type: 'request', request_type: 'friend', user_id: 20001, flag: 'f2' },
      { remark: 'only a remark' },
    );
    await applyQuickOperation(call, { post_type: 'notice' }, { approve: true, reply: 'x' });
    expect(calls).toEqual([
      ['set_friend_add_request', { flag: 'f1', approve: true, remark: 'pal' }],
      ['set_group_add_request', { flag: 'g1', sub_type: 'invite', approve: false, reason: 'no' }],
    ]);
  });

  it('stops at the first failing step and throws it; a context missing a needed field is a 1400', async () => {
    const { calls, call } = recorder('send_msg');
    await expect(applyQuickOperation(call, groupContext, { reply: 'x', kick: true })).rejects.toThrow('send_msg refused');
    expect(calls.map(([action]) => action)).toEqual(['send_msg']);
    const { call: ok } = recorder();
    await expect(
      applyQuickOperation(ok, { post_type: 'message', message_type: 'group', group_id: 30001 }, { reply: 'x' }),
    ).rejects.toMatchObject({
      retcode: 1400,
      message: 'context.message_id is required for this quick operation',
    });
  });

  it('checks every context field the steps need before running the first: no reply goes out for a kick it cannot do', async () => {
    const { calls, call } = recorder();
    const noSender = { post_type: 'message', message_type: 'group', group_id: 30002, message_id: 1 };
    await expect(applyQuickOperation(call, noSender, { reply: 'bye', kick: true })).rejects.toMatchObject({
      retcode: 1400,
      message: 'context.user_id is required for this quick operation',
    });
    await expect(applyQuickOperation(call, { ...noSender, message_id: undefined }, { reply: 'bye', delete: true })).rejects.toMatchObject({
      retcode: 1400,
    });
    await expect(applyQuickOperation(call, noSender, { reply: 'bye', ban: true })).rejects.toMatchObject({ retcode: 1400 });
    expect(calls).toEqual([]);
  });
});

describe('.handle_quick_operation', () => {
  it('applies a ban and a kick to the world through the real group rules', async () => {
    const tw = await transportWorld();
    const call = (params: unknown) => tw.dispatcher.dispatch(10001, '.handle_quick_operation', params, { transport: 'test', echo: 'q' });
    const banned = await call({ context: { ...groupContext, user_id: '20003' }, operation: { ban: true, ban_duration: 300 } });
    expect(banned).toEqual({ status: 'ok', retcode: 0, data: null, message: '', wording: '', echo: 'q', stream: 'normal-action' });
    expect((await tw.world.groups.findMember(30001, 20003))!.muteUntil).toBe(Math.floor(tw.clock.nowMs() / 1000) + 300);
    const kicked = await call({ context: groupContext, operation: { kick: 'true' } });
    expect(kicked.status).toBe('ok');
    expect(await tw.world.groups.findMember(30001, 20003)).toBeUndefined();
  });

  it('answers the failing action’s error and changes nothing when the account may not do it', async () => {
    const tw = await transportWorld();
    // Bot A is an admin: the owner (Alice, 20001) outranks it.
    const refused = await tw.dispatcher.dispatch(
      10001,
      '.handle_quick_operation',
      { context: { ...groupContext, user_id: 20001 }, operation: { kick: true } },
      { transport: 'test' },
    );
    expect(refused).toMatchObject({ status: 'failed', retcode: 2104 });
    expect(refused.message).toMatch(/20001/);
    expect(await tw.world.groups.findMember(30001, 20001)).toBeDefined();
  });

  it('sends no reply when the context lacks what a later step needs', async () => {
    const tw = await transportWorld();
    const events: unknown[] = [];
    tw.world.events.on((event) => events.push(event));
    const refused = await tw.dispatcher.dispatch(
      10001,
      '.handle_quick_operation',
      { context: { post_type: 'message', message_type: 'group', group_id: 30001, message_id: 1 }, operation: { reply: 'bye', kick: true } },
      { transport: 'test' },
    );
    expect(refused).toMatchObject({ status: 'failed', retcode: 1400, message: 'context.user_id is required for this quick operation' });
    expect(events).toEqual([]);
    expect(await tw.world.groups.memberIds(30001)).toHaveLength(4);
  });

  it('rejects bad params with 1400 and changes nothing', async () => {
    const tw = await transportWorld();
    for (const params of [
      {},
      { context: groupContext },
      { context: { post_type: 'message' }, operation: { ban_duration: 'long' } },
      { context: 'x', operation: {} },
    ]) {
      const envelope = await tw.dispatcher.dispatch(10001, '.handle_quick_operation', params, { transport: 'test' });
      expect(envelope.retcode, JSON.stringify(params)).toBe(1400);
    }
    expect((await tw.world.groups.findMember(30001, 20003))!.muteUntil).toBe(0);
  });

  it('_async queues the operation and applies it', async () => {
    const tw = await transportWorld();
    const envelope = await tw.dispatcher.dispatch(
      10001,
      '.handle_quick_operation_async',
      { context: groupContext, operation: { ban: true } },
      { transport: 'test' },
    );
    expect(envelope).toMatchObject({ status: 'async', retcode: 1 });
    await until(async () => ((await tw.world.groups.findMember(30001, 20003))?.muteUntil ?? 0) > 0, 10_000, 'the queued ban');
  });
});

describe('.handle_quick_operation on messages and requests (the real message and request actions)', () => {
  /** Calls .handle_quick_operation as the bot and expects success. */
  async function quick(tw: Awaited<ReturnType<typeof transportWorld>>, context: unknown, operation: unknown) {
    const envelope = await tw.dispatcher.dispatch(10001, '.handle_quick_operation', { context, operation }, { transport: 'test' });
    expect(envelope, envelope.message).toMatchObject({ status: 'ok', data: null });
  }
  const act = async (tw: Awaited<ReturnType<typeof transportWorld>>, userId: number, action: string, params: unknown) => {
    const envelope = await tw.dispatcher.dispatch(userId, action, params, { transport: 'admin' });
    expect(envelope.status, envelope.message).toBe('ok');
    return envelope.data as any;
  };

  it('a group reply quotes the message and @s the sender; delete recalls it', async () => {
    const tw = await transportWorld();
    const { message_id } = await act(tw, 20003, 'send_group_msg', { group_id: 30001, message: 'question' });
    const context = { post_type: 'message', message_type: 'group', sub_type: 'normal', group_id: 30001, user_id: 20003, message_id };
    await quick(tw, context, { reply: 'answer', at_sender: true, delete: true });
    const history = await act(tw, 20003, 'get_group_msg_history', { group_id: 30001, count: 10 });
    const answer = history.messages.find((message: { user_id: number }) => message.user_id === 10001);
    expect(answer.message).toEqual([
      { type: 'reply', data: { id: String(message_id) } },
      { type: 'at', data: { qq: '20003' } },
      { type: 'text', data: { text: 'answer' } },
    ]);
    const original = await tw.dispatcher.dispatch(20003, 'get_msg', { message_id }, { transport: 'admin' });
    expect(original.status).toBe('failed');
  });

  it('a private reply goes to the sender', async () => {
    const tw = await transportWorld();
    const { message_id } = await act(tw, 20001, 'send_private_msg', { user_id: 10001, message: 'hi bot' });
    await quick(
      tw,
      { post_type: 'message', message_type: 'private', sub_type: 'friend', user_id: 20001, message_id },
      { reply: 'hi [you]', auto_escape: true },
    );
    const history = await act(tw, 20001, 'get_friend_msg_history', { user_id: 10001, count: 10 });
    expect(history.messages.at(-1)).toMatchObject({ user_id: 10001, message: [{ type: 'text', data: { text: 'hi [you]' } }] });
  });

  it('approves a friend request and a group join request by flag', async () => {
    const tw = await transportWorld();
    const friend = await act(tw, 20002, 'send_friend_request', { user_id: 10001, comment: 'hello' });
    const join = await act(tw, 10002, 'send_group_join_request', { group_id: 30001, comment: 'let me in' });
    expect(friend.status).toBe('pending');
    expect(join.status).toBe('pending');
    await quick(
      tw,
      { post_type: 'request', request_type: 'friend', user_id: 20002, flag: friend.flag },
      { approve: true, remark: 'Bobby' },
    );
    expect(await tw.world.friends.areFriends(10001, 20002)).toBe(true);
    await quick(
      tw,
      { post_type: 'request', request_type: 'group', sub_type: 'add', group_id: 30001, user_id: 10002, flag: join.flag },
      { approve: true },
    );
    expect(await tw.world.groups.findMember(30001, 10002)).toBeDefined();
  });
});
