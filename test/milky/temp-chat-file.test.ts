import { describe, expect, it } from 'vitest';
import { eventData, milkyWorld } from '../helpers/milky.js';

const file = { file_uri: 'base64://aGVsbG8=', file_name: 'notes.txt' };

/**
 * Milky 1.2 has friend_file_upload (好友文件上传事件, user_id: 好友 QQ 号) and no temp-chat
 * counterpart; LLBot raises it only for friend chats (C2C), never for a temp chat through a group.
 * A file sent in a temp chat still arrives, as the file segment of its message_receive.
 */
describe('Milky friend_file_upload and temp chats', () => {
  it('a file in a temp chat raises no friend_file_upload; its message still carries the file', async () => {
    const m = await milkyWorld();
    const bot = m.listen(10001);
    // Carol shares group 30001 with Bot A but is not its friend: the file goes by temp chat.
    await m.data(20003, 'upload_private_file', { user_id: 10001, ...file });
    await m.hub.flush();
    expect(eventData(bot, 'friend_file_upload')).toEqual([]);
    expect(eventData(bot, 'message_receive')).toMatchObject([
      { message_scene: 'temp', peer_id: 20003, segments: [{ type: 'file', data: { file_name: 'notes.txt' } }] },
    ]);
  });

  it('a file from a friend still raises friend_file_upload', async () => {
    const m = await milkyWorld();
    const bot = m.listen(10001);
    await m.data(20001, 'upload_private_file', { user_id: 10001, ...file });
    await m.hub.flush();
    expect(eventData(bot, 'friend_file_upload')).toMatchObject([{ user_id: 20001, file_name: 'notes.txt', is_self: false }]);
  });
});
