import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { SqliteWorldStore } from '../../src/world/store/sqlite/sqlite-store.js';
import { onebotWorld } from '../helpers/onebot.js';
import { smallWorld } from '../helpers/world.js';

// smallWorld: 10001 and 20001 are friends; 10001 and 20002 are not. Test worlds let bots read any local path.
function folder() {
  const root = join(mkdtempSync(join(tmpdir(), 'catnap-folder-')), 'report');
  mkdirSync(join(root, 'data'), { recursive: true });
  writeFileSync(join(root, 'summary.txt'), 'all good');
  writeFileSync(join(root, 'data', 'numbers.csv'), '1,2,3\n');
  // A link out of the folder is skipped, not followed.
  symlinkSync('/etc/hostname', join(root, 'escape'));
  return root;
}

describe('online folders (send_online_folder)', () => {
  it('offers a folder as one onlinefile (isDir); accepting it gives a zip of its files; it survives a restart', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'catnap-online-folder-')), 'catnap.db');
    const ob = await onebotWorld(smallWorld, new SqliteWorldStore(path));
    const got: Record<string, any>[] = [];
    ob.events.subscribe(20001, (event) => got.push(event.object('array') as any));
    const offer = await ob.data(10001, 'send_online_folder', { user_id: 20001, folder_path: folder() });
    expect(offer).toEqual({
      result: 0,
      errMsg: '',
      msgId: expect.stringMatching(/^\d{19}$/),
      elementId: expect.stringMatching(/^\d{19}$/),
    });
    await ob.events.flush();
    expect(got.find((event) => event.post_type === 'message')!.message).toEqual([
      { type: 'onlinefile', data: { msgId: offer.msgId, elementId: offer.elementId, fileName: 'report', fileSize: '14', isDir: true } },
    ]);
    const listed = (await ob.data(20001, 'get_online_file_msg', { user_id: 10001 })).msgList;
    expect(listed[0].elements[0]).toMatchObject({ elementType: 30, fileElement: { fileName: 'report', fileSize: '14' } });

    const { url } = await ob.data(20001, 'receive_online_file', { user_id: 10001, msg_id: offer.msgId, element_id: offer.elementId });
    expect(url).toMatch(/report\.zip$/);
    const zip = unzipSync(await ob.world.media.blobs.read(/\/media\/([0-9a-f]{64})/.exec(url)![1]!));
    expect(Object.keys(zip).sort()).toEqual(['report/', 'report/data/numbers.csv', 'report/summary.txt']);
    expect(strFromU8(zip['report/summary.txt']!)).toBe('all good');
    await ob.world.close();

    const again = await onebotWorld(smallWorld, new SqliteWorldStore(path));
    const [kept] = (await again.data(10001, 'get_online_file_msg', { user_id: 20001 })).msgList;
    expect(kept).toMatchObject({ status: 'received', elements: [{ elementType: 30 }] });
    await again.world.close();
  });

  it('takes a file:// URL and a folder_name; refuses files, missing folders, non-local paths and strangers, offering nothing', async () => {
    const ob = await onebotWorld();
    const root = folder();
    const named = await ob.data(10001, 'send_online_folder', { user_id: 20001, folder_path: pathToFileURL(root).href, folder_name: 'Q3' });
    expect((await ob.data(10001, 'get_online_file_msg', { user_id: 20001 })).msgList.map((m: any) => m.msgId)).toEqual([named.msgId]);

    expect(await ob.call(10001, 'send_online_folder', { user_id: 20001 })).toMatchObject({ retcode: 1400 });
    expect(await ob.call(10001, 'send_online_folder', { user_id: 20001, folder_path: join(root, 'summary.txt') })).toMatchObject({
      retcode: 1400,
    });
    expect(await ob.call(10001, 'send_online_folder', { user_id: 20001, folder_path: join(root, 'absent') })).toMatchObject({
      retcode: 2201,
    });
    expect(await ob.call(10001, 'send_online_folder', { user_id: 20001, folder_path: 'report' })).toMatchObject({ retcode: 1400 });
    expect(await ob.call(10001, 'send_online_folder', { user_id: 20001, folder_path: root, folder_name: '../x' })).toMatchObject({
      retcode: 1400,
    });
    expect(await ob.call(10001, 'send_online_folder', { user_id: 20002, folder_path: root })).toMatchObject({ retcode: 2102 });
    expect(await ob.call(10001, 'send_online_folder', { user_id: 20001, folder_path: '/proc/self' })).toMatchObject({ retcode: 2204 });
    expect((await ob.data(10001, 'get_online_file_msg', { user_id: 20001 })).msgList).toHaveLength(1);
  });
});
