import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { OutboundEvent } from '../../src/onebot/events/outbound-event.js';
import { SqliteWorldStore } from '../../src/world/store/sqlite/sqlite-store.js';
import { expectOneBotEvent } from '../helpers/contract.js';
import { smallWorld } from '../helpers/world.js';
import { onebotWorld } from '../helpers/onebot.js';

// smallWorld: group 30001 owner 20001, admin 10001, members 20002 and 20003; 10001 and 20001 are friends.
const b64 = `base64://${Buffer.from('the minutes of the meeting').toString('base64')}`;
type Ob = Awaited<ReturnType<typeof onebotWorld>>;

/** What `selfId` receives (array format, NapCat's dialect) while `act` runs. */
async function receiving<T>(ob: Ob, selfId: number, act: () => Promise<T>) {
  const events: OutboundEvent[] = [];
  ob.events.subscribe(selfId, (event) => events.push(event));
  const result = await act();
  await ob.events.flush();
  const objects = events.map((event) => event.object('array') as unknown as Record<string, any>);
  objects.forEach(expectOneBotEvent);
  return { result, events: objects };
}

/** A world in a database file, opened again as after a restart. */
async function persistentWorld() {
  const path = join(mkdtempSync(join(tmpdir(), 'catnap-file-msg-')), 'catnap.db');
  const open = () => onebotWorld(smallWorld, new SqliteWorldStore(path));
  return { first: await open(), reopen: open };
}

describe('files arrive in the chat as QQ shows them', () => {
  it('a group upload reaches another member as a file message and a group_upload notice, and stays in the history', async () => {
    const { first, reopen } = await persistentWorld();
    const { result, events } = await receiving(first, 20003, () =>
      first.data(20002, 'upload_group_file', { group_id: 30001, file: b64, name: 'minutes.txt' }),
    );
    const fileId: string = result.file_id;
    const message = events.find((event) => event.post_type === 'message');
    expect(message).toMatchObject({ message_type: 'group', group_id: 30001, user_id: 20002, sender: { user_id: 20002 } });
    expect(message!.message).toEqual([
      {
        type: 'file',
        data: { file: 'minutes.txt', file_id: fileId, file_size: '26', url: expect.stringMatching(/\/media\/[0-9a-f]{64}/) },
      },
    ]);
    expect(events.find((event) => event.notice_type === 'group_upload')).toMatchObject({
      group_id: 30001,
      user_id: 20002,
      file: { id: fileId, name: 'minutes.txt', size: 26, busid: 102 },
    });
    // The message's file id is the group file's: the receiver downloads it with it.
    expect((await first.data(20003, 'get_group_file_url', { group_id: 30001, file_id: fileId })).url).toBe(message!.message[0].data.url);
    await first.world.close();

    const again = await reopen();
    const { messages } = await again.data(20003, 'get_group_msg_history', { group_id: 30001 });
    expect(messages.at(-1)).toMatchObject({ message_id: message!.message_id, user_id: 20002, message: message!.message });
    await again.world.close();
  });

  it('a refused upload posts nothing: an outsider or a muted member leaves the chat and the files as they were', async () => {
    const ob = await persistentWorld().then((w) => w.first);
    await ob.data(20001, 'set_group_ban', { group_id: 30001, user_id: 20003, duration: 600 });
    const { events } = await receiving(ob, 20002, async () => {
      expect(await ob.call(10002, 'upload_group_file', { group_id: 30001, file: b64, name: 'x.txt' })).toMatchObject({ retcode: 2101 });
      expect(await ob.call(20003, 'upload_group_file', { group_id: 30001, file: b64, name: 'x.txt' })).toMatchObject({ retcode: 2105 });
      // A muted member cannot make the world fetch anything either: refused before the source is read.
      expect(
        await ob.call(20003, 'upload_group_file', { group_id: 30001, file: 'http://203.0.113.1/never.txt', name: 'x.txt' }),
      ).toMatchObject({
        retcode: 2105,
      });
    });
    expect(events.filter((event) => event.post_type !== 'meta_event')).toEqual([]);
    expect(await ob.data(20002, 'get_group_file_system_info', { group_id: 30001 })).toMatchObject({ file_count: 0 });
    // No message at all: NapCat fails an empty history.
    expect(await ob.call(20002, 'get_group_msg_history', { group_id: 30001 })).toMatchObject({ retcode: 2004 });

    // A whole-group mute binds plain members; the owner and admins still upload (a file message is a message).
    await ob.data(20001, 'set_group_ban', { group_id: 30001, user_id: 20003, duration: 0 });
    await ob.data(20001, 'set_group_whole_ban', { group_id: 30001, enable: true });
    expect(await ob.call(20002, 'upload_group_file', { group_id: 30001, file: b64, name: 'x.txt' })).toMatchObject({ retcode: 2105 });
    await ob.data(10001, 'upload_group_file', { group_id: 30001, file: b64, name: 'admin.txt' });
    await ob.data(20001, 'set_group_whole_ban', { group_id: 30001, enable: false });
    await ob.data(20002, 'upload_group_file', { group_id: 30001, file: b64, name: 'after.txt' });
    expect(await ob.data(20002, 'get_group_file_system_info', { group_id: 30001 })).toMatchObject({ file_count: 2 });
    await ob.world.close();
  });

  it('upload_private_file is refused by the rules of a private message before its source is read', async () => {
    const ob = await onebotWorld();
    // 20002 removed 10002 (10002 still lists 20002) and they share no group; 30001 lets no plain member start a temp chat.
    await ob.data(20002, 'delete_friend', { user_id: 10002 });
    await ob.data(10001, 'set_group_member_permissions', { group_id: 30001, allow_member_temporary_session: false });
    // A source that cannot be read: a refusal must come from the rule, not from reading it.
    const unreadable = { file: 'file:///nonexistent/minutes.txt', name: 'minutes.txt' };
    expect(await ob.call(10002, 'upload_private_file', { user_id: 20002, ...unreadable })).toMatchObject({
      retcode: 2102,
      message: 'account 10002 and user 20002 are not friends and share no group; a private message needs one or the other',
    });
    expect(await ob.call(20002, 'upload_private_file', { user_id: 20003, ...unreadable })).toMatchObject({
      retcode: 2103,
      message: 'no group account 20002 shares with user 20003 lets its members start temp chats',
    });
    await ob.world.close();
  });

  it("upload_private_file reaches the receiver as a private file message, kept in both sides' history", async () => {
    const { first, reopen } = await persistentWorld();
    const { result, events } = await receiving(first, 20001, () =>
      first.data(10001, 'upload_private_file', { user_id: 20001, file: b64, name: 'for-alice.txt' }),
    );
    const fileId: string = result.file_id;
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ post_type: 'message', message_type: 'private', user_id: 10001, sender: { user_id: 10001 } });
    expect(events[0]!.message).toEqual([
      { type: 'file', data: { file: 'for-alice.txt', file_id: fileId, file_size: '26', url: expect.stringMatching(/\/media\//) } },
    ]);
    expect((await first.data(20001, 'get_private_file_url', { file_id: fileId })).url).toBe(events[0]!.message[0].data.url);
    // The file id from the message works as a media source for the receiver (forwarding it on), not for others.
    expect((await first.data(20001, 'get_file', { file_id: fileId })).file_size).toBe('26');
    expect(await first.call(20003, 'get_file', { file_id: fileId })).toMatchObject({ status: 'failed' });
    await first.world.close();

    const again = await reopen();
    for (const [self, peer] of [
      [20001, 10001],
      [10001, 20001],
    ] as const) {
      const { messages } = await again.data(self, 'get_friend_msg_history', { user_id: peer });
      expect(messages.at(-1)).toMatchObject({ message_id: events[0]!.message_id, sender: { user_id: 10001 } });
    }
    await again.world.close();
  });
});
