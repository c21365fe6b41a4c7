import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { OutboundEvent } from '../../src/onebot/events/outbound-event.js';
import { SqliteWorldStore } from '../../src/world/store/sqlite/sqlite-store.js';
import { expectOneBotEvent } from '../helpers/contract.js';
import { onebotWorld } from '../helpers/onebot.js';
import { smallWorld } from '../helpers/world.js';

// smallWorld: 10001 and 20001 are friends; 10001 and 20002 are not.
const notes = `base64://${Buffer.from('meeting notes').toString('base64')}`;
type Ob = Awaited<ReturnType<typeof onebotWorld>>;
const notices = (events: Record<string, any>[]) => events.filter((event) => event.post_type === 'notice');

function listen(ob: Ob, ...selfIds: number[]) {
  const got = new Map<number, OutboundEvent[]>(selfIds.map((id) => [id, []]));
  for (const id of selfIds) ob.events.subscribe(id, (event) => got.get(id)!.push(event));
  return async (selfId: number) => {
    await ob.events.flush();
    const objects = got.get(selfId)!.map((event) => event.object('array') as unknown as Record<string, any>);
    objects.forEach(expectOneBotEvent);
    got.set(selfId, []);
    return objects;
  };
}

describe('online files (在线文件)', () => {
  it('an offer reaches the friend as an onlinefile message; accepting it gives the bytes and tells the sender, and it all survives a restart', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'catnap-online-')), 'catnap.db');
    const ob = await onebotWorld(smallWorld, new SqliteWorldStore(path));
    const events = listen(ob, 10001, 20001);
    const offer = await ob.data(10001, 'send_online_file', { user_id: 20001, file_path: notes, file_name: 'notes.txt' });
    expect(offer).toEqual({
      result: 0,
      errMsg: '',
      msgId: expect.stringMatching(/^\d{19}$/),
      elementId: expect.stringMatching(/^\d{19}$/),
    });
    const [message] = await events(20001);
    expect(message).toMatchObject({ post_type: 'message', message_type: 'private', user_id: 10001 });
    expect(message!.message).toEqual([
      { type: 'onlinefile', data: { msgId: offer.msgId, elementId: offer.elementId, fileName: 'notes.txt', fileSize: '13', isDir: false } },
    ]);
    const seg = message!.message[0].data;
    const { url } = await ob.data(20001, 'receive_online_file', { user_id: 10001, msg_id: seg.msgId, element_id: seg.elementId });
    expect((await ob.world.media.blobs.read(/\/media\/([0-9a-f]{64})/.exec(url)![1]!)).toString()).toBe('meeting notes');
    expect(notices(await events(10001))).toEqual([
      expect.objectContaining({ post_type: 'notice', notice_type: 'online_file_send', sub_type: 'receive', peer_id: 20001 }),
    ]);
    // Answered once: a second answer, or a cancel now, is a conflict.
    expect(await ob.call(20001, 'refuse_online_file', { user_id: 10001, msg_id: seg.msgId, element_id: seg.elementId })).toMatchObject({
      retcode: 2107,
    });
    await ob.world.close();

    const again = await onebotWorld(smallWorld, new SqliteWorldStore(path));
    const { msgList } = await again.data(20001, 'get_online_file_msg', { user_id: 10001 });
    expect(msgList).toEqual([expect.objectContaining({ msgId: offer.msgId, senderUin: '10001', peerUin: '10001', status: 'received' })]);
    expect((await again.data(20001, 'get_friend_msg_history', { user_id: 10001 })).messages.at(-1).message[0].type).toBe('onlinefile');
    await again.world.close();
  });

  it('the receiver refuses, or the sender cancels: the other side hears it; nobody else may answer', async () => {
    const ob = await onebotWorld();
    const events = listen(ob, 10001, 20001);
    const first = await ob.data(10001, 'send_online_file', { user_id: 20001, file_path: notes });
    const second = await ob.data(10001, 'send_online_file', { user_id: 20001, file_path: notes });
    await events(20001);
    // A stranger, the sender itself, or a wrong element id: as if the offer did not exist.
    expect(await ob.call(20002, 'refuse_online_file', { user_id: 10001, msg_id: first.msgId, element_id: first.elementId })).toMatchObject({
      retcode: 2005,
    });
    expect(await ob.call(10001, 'receive_online_file', { user_id: 20001, msg_id: first.msgId, element_id: first.elementId })).toMatchObject(
      { retcode: 2005 },
    );
    expect(await ob.call(20001, 'receive_online_file', { user_id: 10001, msg_id: first.msgId, element_id: '1' })).toMatchObject({
      retcode: 2005,
    });
    expect(await ob.call(20001, 'cancel_online_file', { user_id: 10001, msg_id: first.msgId })).toMatchObject({ retcode: 2005 });

    expect(await ob.data(20001, 'refuse_online_file', { user_id: 10001, msg_id: first.msgId, element_id: first.elementId })).toBeNull();
    expect(notices(await events(10001))).toEqual([
      expect.objectContaining({ notice_type: 'online_file_send', sub_type: 'refuse', peer_id: 20001 }),
    ]);
    expect(await ob.data(10001, 'cancel_online_file', { user_id: 20001, msg_id: second.msgId })).toBeNull();
    expect(notices(await events(20001))).toEqual([
      expect.objectContaining({ notice_type: 'online_file_receive', sub_type: 'cancel', peer_id: 10001 }),
    ]);
    expect(
      await ob.call(20001, 'receive_online_file', { user_id: 10001, msg_id: second.msgId, element_id: second.elementId }),
    ).toMatchObject({
      retcode: 2107,
      message: expect.stringContaining('cancelled'),
    });
    expect((await ob.data(10001, 'get_online_file_msg', { user_id: 20001 })).msgList.map((m: { status: string }) => m.status)).toEqual([
      'refused',
      'cancelled',
    ]);
  });

  it('refuses bad params (1400), strangers and onlinefile segments in ordinary messages, offering nothing', async () => {
    const ob = await onebotWorld();
    expect(await ob.call(10001, 'send_online_file', { user_id: 20001 })).toMatchObject({ retcode: 1400 });
    expect(await ob.call(10001, 'receive_online_file', { user_id: 20001, msg_id: '1' })).toMatchObject({ retcode: 1400 });
    expect(await ob.call(10001, 'send_online_file', { user_id: 20002, file_path: notes })).toMatchObject({ retcode: 2102 });
    expect(await ob.call(10001, 'send_online_file', { user_id: 20001, file_path: notes, file_name: '../x' })).toMatchObject({
      retcode: 1400,
    });
    expect(
      await ob.call(10001, 'send_private_msg', {
        user_id: 20001,
        message: [{ type: 'onlinefile', data: { msgId: '1', elementId: '2', fileName: 'x', fileSize: '1', isDir: false } }],
      }),
    ).toMatchObject({ retcode: 1400, message: expect.stringContaining('send_online_file') });
    expect((await ob.data(10001, 'get_online_file_msg', { user_id: 20001 })).msgList).toEqual([]);
    // No message at all: NapCat fails an empty history.
    expect(await ob.call(10001, 'get_friend_msg_history', { user_id: 20001 })).toMatchObject({ retcode: 2004 });
  });

  it('is for mutual friends only: once the friend removed the account, no offer goes, not even as a temp chat', async () => {
    const ob = await onebotWorld();
    // 20001 removes 10001; 10001 still lists 20001, and both are in group 30001.
    await ob.data(20001, 'delete_friend', { user_id: 10001 });
    expect(await ob.call(10001, 'send_online_file', { user_id: 20001, file_path: notes })).toMatchObject({
      retcode: 2102,
      message: 'account 10001 and user 20001 are not friends; QQ offers online files to friends only',
    });
    expect((await ob.data(10001, 'get_online_file_msg', { user_id: 20001 })).msgList).toEqual([]);
  });
});
