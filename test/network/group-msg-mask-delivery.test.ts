import { describe, expect, it } from 'vitest';
import { TestSocket, transportWorld } from '../helpers/transports.js';

// smallWorld: group 30001 owner 20001, admin 10001, members 20002 and 20003; group 30002 owned by 10002 with 20001.
const isMessage = (frame: any) => frame.post_type === 'message' || frame.post_type === 'message_sent';

/** What the hub sends `userId`: `pick` of each message event, as it comes. */
function messagesTo<T>(tw: Awaited<ReturnType<typeof transportWorld>>, userId: number, pick: (object: any) => T): T[] {
  const got: T[] = [];
  tw.hub.subscribe(userId, (event) => {
    const object = event.object('array') as any;
    if (object.post_type === 'message') got.push(pick(object));
  });
  return got;
}

describe('set_group_msg_mask decides what the bot is sent', () => {
  it('a blocked group (mask 3) sends the bot no message events, its own included; 4 and 2 still deliver; history stays readable', async () => {
    const tw = await transportWorld();
    await tw.apply(10001, {
      websocketServers: [{ name: 'ws', enable: true, host: '127.0.0.1', port: 0, heartInterval: 0, reportSelfMessage: true }],
    });
    const bot = await TestSocket.open(`ws://127.0.0.1:${tw.port(10001, 'ws')}/`);
    const say = (userId: number, text: string) =>
      tw.dispatcher.dispatch(userId, 'send_group_msg', { group_id: 30001, message: text }, { transport: 'test' });
    const texts = () => bot.frames.filter(isMessage).map((frame) => frame.raw_message);

    expect(await bot.call('set_group_msg_mask', { group_id: 30001, mask: 3 })).toMatchObject({ status: 'ok' });
    await say(20002, 'while blocked');
    expect(await bot.call('send_group_msg', { group_id: 30001, message: 'mine, blocked' })).toMatchObject({ status: 'ok' });
    // Another group is not affected, and other members still hear the blocked bot's message.
    await tw.dispatcher.dispatch(20001, 'send_private_msg', { user_id: 10001, message: 'marker' }, { transport: 'test' });
    await bot.next((frame) => frame.raw_message === 'marker');
    expect(texts()).toEqual(['marker']);
    const history = await bot.call('get_group_msg_history', { group_id: 30001 });
    expect(history.data.messages.map((m: any) => m.raw_message)).toEqual(['while blocked', 'mine, blocked']);

    // Receive without notifying (4) and the group assistant (2) still deliver.
    await bot.call('set_group_msg_mask', { group_id: 30001, mask: 4 });
    await say(20002, 'silent');
    await bot.next((frame) => frame.raw_message === 'silent');
    await bot.call('set_group_msg_mask', { group_id: 30001, mask: 2 });
    await say(20003, 'assistant');
    await bot.next((frame) => frame.raw_message === 'assistant');
    expect(texts()).toEqual(['marker', 'silent', 'assistant']);
    bot.close();
  });

  it('a blocked group sends no recall or reaction notices either; a group received silently (4) does', async () => {
    const tw = await transportWorld();
    const notices: string[] = [];
    tw.hub.subscribe(10001, (event) => {
      const object = event.object('array') as any;
      if (object.post_type === 'notice') notices.push(`${object.notice_type} ${object.message_id}`);
    });
    const call = (userId: number, action: string, params: object) => tw.dispatcher.dispatch(userId, action, params, { transport: 'test' });
    const said = async () => ((await call(20002, 'send_group_msg', { group_id: 30001, message: 'hi' })).data as any).message_id;
    const touch = async (messageId: number) => {
      await call(20003, 'set_msg_emoji_like', { message_id: messageId, emoji_id: '76' });
      await call(20002, 'delete_msg', { message_id: messageId });
      await tw.hub.flush();
    };
    await call(10001, 'set_group_msg_mask', { group_id: 30001, mask: 3 });
    await touch(await said());
    expect(notices).toEqual([]);
    await call(10001, 'set_group_msg_mask', { group_id: 30001, mask: 4 });
    const heard = await said();
    await touch(heard);
    expect(notices).toEqual([`group_msg_emoji_like ${heard}`, `group_recall ${heard}`]);
  });

  it("one account's mask is its own: the other members still receive the group", async () => {
    const tw = await transportWorld();
    const got = messagesTo(tw, 20002, (object) => object.user_id as number);
    await tw.dispatcher.dispatch(10001, 'set_group_msg_mask', { group_id: 30001, mask: 3 }, { transport: 'test' });
    await tw.dispatcher.dispatch(20003, 'send_group_msg', { group_id: 30001, message: 'hi' }, { transport: 'test' });
    await tw.hub.flush();
    expect(got).toEqual([20003]);
  });

  it('a dismissed group takes its masks with it: a new group of the same id delivers to everyone', async () => {
    const tw = await transportWorld();
    const got = messagesTo(tw, 20002, (object) => object.raw_message as string);
    const call = (userId: number, action: string, params: object) => tw.dispatcher.dispatch(userId, action, params, { transport: 'test' });
    await call(20002, 'set_group_msg_mask', { group_id: 30001, mask: 3 });
    await call(20003, 'send_group_msg', { group_id: 30001, message: 'blocked' });
    await tw.world.groups.dismiss('world', 30001);
    await tw.world.groups.create({ groupId: 30001, name: 'Lounge again', ownerId: 20001, memberIds: [20002, 20003] });
    expect(tw.world.groupMsgMasks.mask(20002, 30001)).toBe(1);
    await call(20003, 'send_group_msg', { group_id: 30001, message: 'heard' });
    await tw.hub.flush();
    expect(got).toEqual(['heard']);
  });
});
