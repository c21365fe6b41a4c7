import { describe, expect, it } from 'vitest';
import { onebotWorld } from '../helpers/onebot.js';
import { fileOnebotWorld } from '../helpers/reopen.js';

async function say(ob: Awaited<ReturnType<typeof onebotWorld>>, userId: number, text: string) {
  return (await ob.data(userId, 'send_group_msg', { group_id: 30001, message: text })).message_id as number;
}

describe('group to-dos', () => {
  it('admins set one to-do at a time, members complete it for themselves, admins cancel it', async () => {
    const ob = await onebotWorld();
    const first = await say(ob, 20002, 'bring snacks');
    const second = await say(ob, 20003, 'vote by Friday');
    await ob.data(10001, 'set_group_todo', { group_id: '30001', message_id: String(first) });
    expect(ob.world.todos.get(20002, 30001)).toMatchObject({ messageId: first, seq: 1, setterId: 10001, doneBy: [] });
    await ob.data(20002, 'complete_group_todo', { group_id: 30001, message_id: first });
    await ob.data(20002, 'complete_group_todo', { group_id: 30001, message_seq: 1 });
    await ob.data(20003, 'complete_group_todo', { group_id: 30001, message_id: first });
    expect(ob.world.todos.get(20002, 30001)?.doneBy).toEqual([20002, 20003]);

    await ob.data(20001, 'set_group_todo', { group_id: 30001, message_seq: '2' });
    expect(ob.world.todos.get(20002, 30001)).toMatchObject({ messageId: second, setterId: 20001, doneBy: [] });
    expect(await ob.call(20002, 'complete_group_todo', { group_id: 30001, message_id: first })).toMatchObject({ retcode: 2024 });
    expect(await ob.call(20002, 'cancel_group_todo', { group_id: 30001, message_id: second })).toMatchObject({ retcode: 2103 });
    await ob.data(10001, 'cancel_group_todo', { group_id: 30001, message_id: second });
    expect(ob.world.todos.get(20002, 30001)).toBeUndefined();
    expect(await ob.call(10001, 'cancel_group_todo', { group_id: 30001, message_id: second })).toMatchObject({ retcode: 2024 });
  });

  it('refuses bad params, plain members, outsiders, unknown and recalled messages, changing nothing', async () => {
    const ob = await onebotWorld();
    const id = await say(ob, 20002, 'hello');
    const elsewhere = (await ob.data(20001, 'send_group_msg', { group_id: 30002, message: 'lab' })).message_id;
    expect(await ob.call(10001, 'set_group_todo', { group_id: 30001 })).toMatchObject({
      retcode: 1400,
      message: expect.stringContaining('message_id'),
    });
    expect(await ob.call(10001, 'set_group_todo', { group_id: 30001, message_id: 'x' })).toMatchObject({ retcode: 1400 });
    expect(await ob.call(20002, 'set_group_todo', { group_id: 30001, message_id: id })).toMatchObject({ retcode: 2103 });
    expect(await ob.call(10002, 'set_group_todo', { group_id: 30001, message_id: id })).toMatchObject({ retcode: 2101 });
    expect(await ob.call(10001, 'set_group_todo', { group_id: 39999, message_id: id })).toMatchObject({ retcode: 2002 });
    expect(await ob.call(10001, 'set_group_todo', { group_id: 30001, message_id: elsewhere })).toMatchObject({ retcode: 2004 });
    expect(await ob.call(10001, 'set_group_todo', { group_id: 30001, message_seq: 99 })).toMatchObject({ retcode: 2004 });
    await ob.data(20002, 'delete_msg', { message_id: id });
    expect(await ob.call(10001, 'set_group_todo', { group_id: 30001, message_id: id })).toMatchObject({ retcode: 2109 });
    expect(ob.world.todos.get(10001, 30001)).toBeUndefined();
  });

  it('survives a restart', async () => {
    const { ob, reopen } = await fileOnebotWorld();
    const id = await say(ob, 20002, 'kept');
    await ob.data(10001, 'set_group_todo', { group_id: 30001, message_id: id });
    await ob.data(20003, 'complete_group_todo', { group_id: 30001, message_id: id });
    const again = await reopen();
    expect(again.world.todos.get(20002, 30001)).toMatchObject({ messageId: id, doneBy: [20003] });
  });
});
