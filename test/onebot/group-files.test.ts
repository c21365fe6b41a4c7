import { describe, expect, it } from 'vitest';
import { onebotWorld } from '../helpers/onebot.js';

// smallWorld: group 30001 owner 20001, admin 10001, members 20002 and 20003; 10002 is outside.
const bytes = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 31 + 7) % 256));
const b64 = `base64://${bytes.toString('base64')}`;

async function fetchMedia(url: string, world: { media: { blobs: { read(id: string): Promise<Buffer> } } }): Promise<Buffer> {
  const blobId = /\/media\/([0-9a-f]{64})/.exec(url)![1]!;
  return world.media.blobs.read(blobId);
}

describe('group files (go-cqhttp actions)', () => {
  it('a file uploaded to a folder is listed, downloaded byte for byte, moved, renamed and deleted', async () => {
    const { call, data, world, domainEvents } = await onebotWorld();
    const { groupItem } = await data(10001, 'create_group_file_folder', { group_id: 30001, folder_name: 'Docs' });
    const folderId = groupItem.folderInfo.folderId as string;
    expect(folderId).toMatch(/^\/[0-9a-f-]{36}$/);

    const { file_id } = await data(20002, 'upload_group_file', { group_id: '30001', file: b64, name: 'data.bin', folder_id: folderId });
    const uploaded = domainEvents.find((event) => event.type === 'file.uploaded');
    expect(uploaded).toMatchObject({
      type: 'file.uploaded',
      groupId: 30001,
      userId: 20002,
      file: { id: file_id, name: 'data.bin', size: 3000, busid: 102 },
    });
    expect(domainEvents.at(-1)).toMatchObject({ type: 'message.created' }); // the file's card in the chat
    expect(uploaded!.audience).toEqual(expect.arrayContaining([10001, 20001, 20002, 20003]));

    const root = await data(20003, 'get_group_root_files', { group_id: 30001 });
    expect(root.files).toEqual([]);
    expect(root.folders).toEqual([
      expect.objectContaining({
        group_id: 30001,
        folder_id: folderId,
        folder: folderId,
        folder_name: 'Docs',
        creator: 10001,
        creator_name: 'Bot A',
        total_file_count: 1,
      }),
    ]);
    const inFolder = await data(20003, 'get_group_files_by_folder', { group_id: 30001, folder_id: folderId });
    expect(inFolder.files).toEqual([
      expect.objectContaining({
        group_id: 30001,
        file_id,
        file_name: 'data.bin',
        busid: 102,
        size: 3000,
        file_size: 3000,
        uploader: 20002,
        uploader_name: 'Bob',
        download_times: 0,
        dead_time: 0,
      }),
    ]);
    expect(await data(20003, 'get_group_file_system_info', { group_id: 30001 })).toEqual({
      file_count: 1,
      limit_count: 10000,
      used_space: 3000,
      total_space: 10 * 1024 ** 3,
    });

    const { url } = await data(20003, 'get_group_file_url', { group_id: 30001, file_id });
    expect(url).toMatch(/^http:\/\/catnap\.test\/media\/[0-9a-f]{64}\?name=data\.bin$/);
    expect(await fetchMedia(url, world)).toEqual(bytes);
    expect((await data(20003, 'get_group_files_by_folder', { group_id: 30001, folder: folderId })).files[0].download_times).toBe(1);
    // The file id works as a media source anywhere (here: uploaded again to another group by its id).
    expect((await world.media.ingest(file_id, 20003)).blobId).toBe(/\/media\/([0-9a-f]{64})/.exec(url)![1]);

    // A plain member who did not upload it may not move, rename or delete it.
    const denied = await call(20003, 'move_group_file', {
      group_id: 30001,
      file_id,
      current_parent_directory: folderId,
      target_parent_directory: '/',
    });
    expect(denied).toMatchObject({ retcode: 2103, message: expect.stringContaining('only its uploader (20002), admins and the owner') });
    expect(
      await call(20003, 'rename_group_file', { group_id: 30001, file_id, current_parent_directory: folderId, new_name: 'x' }),
    ).toMatchObject({ retcode: 2103 });
    expect(await call(20003, 'delete_group_file', { group_id: 30001, file_id })).toMatchObject({ retcode: 2103 });
    expect(await call(10002, 'get_group_root_files', { group_id: 30001 })).toMatchObject({ retcode: 2101 });

    // The uploader moves it to the root; the admin renames it.
    expect(
      await data(20002, 'move_group_file', { group_id: 30001, file_id, current_parent_directory: folderId, target_parent_directory: '/' }),
    ).toEqual({ ok: true });
    expect(
      await call(20002, 'move_group_file', { group_id: 30001, file_id, current_parent_directory: folderId, target_parent_directory: '/' }),
    ).toMatchObject({ retcode: 1400, message: expect.stringContaining('lies in folder /') });
    expect(
      await data(10001, 'rename_group_file', { group_id: 30001, file_id, current_parent_directory: '/', new_name: 'renamed.bin' }),
    ).toEqual({ ok: true });
    const after = await data(20001, 'get_group_root_files', { group_id: 30001 });
    expect(after.files.map((f: { file_id: string; file_name: string }) => [f.file_id, f.file_name])).toEqual([[file_id, 'renamed.bin']]);
    expect(after.folders[0].total_file_count).toBe(0);
    expect(await fetchMedia((await data(20001, 'get_group_file_url', { group_id: 30001, file_id })).url, world)).toEqual(bytes);

    // The owner deletes it.
    expect(await data(20001, 'delete_group_file', { group_id: 30001, file_id })).toMatchObject({ result: 0 });
    expect((await data(20001, 'get_group_root_files', { group_id: 30001 })).files).toEqual([]);
    expect(await call(20001, 'get_group_file_url', { group_id: 30001, file_id })).toMatchObject({
      retcode: 2005,
      message: `group 30001 has no file ${file_id}`,
    });
  });

  it('only admins and the owner create and delete folders; deleting a folder deletes its files', async () => {
    const { call, data } = await onebotWorld();
    expect(await call(20002, 'create_group_file_folder', { group_id: 30001, name: 'Mine' })).toMatchObject({ retcode: 2103 });
    const { groupItem } = await data(20001, 'create_group_file_folder', { group_id: 30001, name: 'Shared' });
    const folderId = groupItem.folderInfo.folderId;
    expect(await call(10001, 'create_group_file_folder', { group_id: 30001, folder_name: 'Shared' })).toMatchObject({ retcode: 2106 });
    expect(await call(10001, 'create_group_file_folder', { group_id: 30001, folder_name: 'a/b' })).toMatchObject({ retcode: 1400 });
    expect(await call(10001, 'create_group_file_folder', { group_id: 30001, folder_name: 'Sub', parent_id: folderId })).toMatchObject({
      retcode: 1400,
      message: expect.stringContaining('root only'),
    });
    expect(await call(10001, 'create_group_file_folder', { group_id: 30001 })).toMatchObject({ retcode: 1400 });
    await data(20003, 'upload_group_file', { group_id: 30001, file: b64, name: 'a.bin', folder: folderId });
    expect(await call(20003, 'delete_group_folder', { group_id: 30001, folder_id: folderId })).toMatchObject({ retcode: 2103 });
    expect(await data(10001, 'get_group_file_system_info', { group_id: 30001 })).toMatchObject({ file_count: 1 });
    expect(await data(10001, 'delete_group_folder', { group_id: 30001, folder: folderId })).toEqual({
      retCode: 0,
      retMsg: 'ok',
      clientWording: '',
    });
    expect(await data(10001, 'get_group_file_system_info', { group_id: 30001 })).toMatchObject({ file_count: 0, used_space: 0 });
    expect(await call(10001, 'delete_group_folder', { group_id: 30001, folder_id: folderId })).toMatchObject({
      retcode: 2006,
      message: `group 30001 has no folder ${folderId}`,
    });
    expect(await call(10001, 'delete_group_folder', { group_id: 30001 })).toMatchObject({ retcode: 1400 });
  });

  it('upload_group_file refuses bad input, unknown folders, outsiders and unreadable sources without storing anything', async () => {
    const { call, data } = await onebotWorld();
    expect(await call(20002, 'upload_group_file', { group_id: 30001, file: b64 })).toMatchObject({
      retcode: 1400,
      message: expect.stringContaining('name'),
    });
    expect(await call(20002, 'upload_group_file', { group_id: 30001, name: 'x' })).toMatchObject({ retcode: 1400 });
    expect(await call(20002, 'upload_group_file', { group_id: 30001, file: b64, name: 'x', folder_id: '/nope' })).toMatchObject({
      retcode: 2006,
    });
    expect(await call(10002, 'upload_group_file', { group_id: 30001, file: b64, name: 'x' })).toMatchObject({ retcode: 2101 });
    expect(await call(20002, 'upload_group_file', { group_id: 39999, file: b64, name: 'x' })).toMatchObject({ retcode: 2002 });
    expect(await call(20002, 'upload_group_file', { group_id: 30001, file: '/no/such/file', name: 'x' })).toMatchObject({ retcode: 2201 });
    expect(await call(20002, 'upload_group_file', { group_id: 30001, file: b64, name: '../etc/passwd' })).toMatchObject({ retcode: 1400 });
    expect(await data(20002, 'get_group_file_system_info', { group_id: 30001 })).toMatchObject({ file_count: 0 });
  });
});

describe('private files and download_file', () => {
  it('upload_private_file sends to a friend; both sides can fetch it, nobody else', async () => {
    const { call, data, world } = await onebotWorld();
    const { file_id } = await data(10001, 'upload_private_file', { user_id: 20001, file: b64, name: 'to-alice.bin' });
    const { url } = await data(20001, 'get_private_file_url', { file_id });
    expect(await fetchMedia(url, world)).toEqual(bytes);
    expect((await data(10001, 'get_private_file_url', { file_id })).url).toBe(url);
    expect(await call(20002, 'get_private_file_url', { file_id })).toMatchObject({ retcode: 2005 });
    // Strangers sharing a group may send files (temp chat); strangers without one may not.
    await data(20003, 'upload_private_file', { user_id: 20002, file: b64, name: 'x.bin' });
    expect(await call(10002, 'upload_private_file', { user_id: 20003, file: b64, name: 'x.bin' })).toMatchObject({ retcode: 2102 });
    expect(await call(10001, 'upload_private_file', { user_id: 99999, file: b64, name: 'x.bin' })).toMatchObject({ retcode: 2001 });
    expect(await call(10001, 'upload_private_file', { user_id: 20001, file: b64 })).toMatchObject({ retcode: 1400 });
  });

  it('download_file stores base64 or a URL and answers a local path with the same bytes', async () => {
    const { call, data } = await onebotWorld();
    const { readFile } = await import('node:fs/promises');
    const { createServer } = await import('node:http');
    const { file } = await data(10001, 'download_file', { base64: bytes.toString('base64'), name: 'saved.bin' });
    expect(file).toMatch(/\/downloads\/10001\/[0-9a-f]{16}\/saved\.bin$/);
    expect(await readFile(file)).toEqual(bytes);
    let seenHeader = '';
    const server = createServer((request, response) => {
      seenHeader = String(request.headers['x-test'] ?? '');
      response.end(bytes);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/files/report.pdf`;
      const fetched = await data(10001, 'download_file', { url, headers: ['X-Test=yes'] });
      expect(seenHeader).toBe('yes');
      expect(await readFile(fetched.file)).toEqual(bytes);
      const plain = await data(10001, 'download_file', { url, headers: '' });
      expect(plain.file).toMatch(/report\.pdf$/);
    } finally {
      server.close();
    }
    expect(await call(10001, 'download_file', {})).toMatchObject({ retcode: 1400, message: expect.stringContaining('url or base64') });
    expect(await call(10001, 'download_file', { url: 'http://127.0.0.1:1/x', headers: 'nonsense' })).toMatchObject({ retcode: 1400 });
    expect(await call(10001, 'download_file', { url: 'http://127.0.0.1:1/x' })).toMatchObject({ retcode: 2201 });
  });

  it("clean_cache deletes the account's download_file copies, keeps the blobs the world refers to, and a new download makes them again", async () => {
    const { call, data, world } = await onebotWorld();
    const { readFile, readdir, stat } = await import('node:fs/promises');
    const { join } = await import('node:path');
    const downloads = join(world.media.blobs.dir, 'downloads', '20001');
    // The file sent keeps its blob referenced; the download of the same bytes is a second name for it.
    const { file_id } = await data(10001, 'upload_private_file', { user_id: 20001, file: b64, name: 'kept.bin' });
    const { file } = await data(20001, 'download_file', { base64: bytes.toString('base64'), name: 'saved.bin' });
    const other = await data(20001, 'download_file', { base64: Buffer.from('only downloaded').toString('base64') });
    expect(await readdir(downloads)).toHaveLength(2);

    // Another account's clean_cache leaves them: each NapCat empties only its own temp folder.
    expect(await call(10002, 'clean_cache')).toMatchObject({ status: 'ok', data: null });
    expect(await readFile(file)).toEqual(bytes);
    expect(await call(20001, 'clean_cache')).toMatchObject({ status: 'ok', data: null });
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(stat(other.file)).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(stat(downloads)).rejects.toMatchObject({ code: 'ENOENT' });
    // The sent file is still served, from its blob.
    const { url } = await data(20001, 'get_private_file_url', { file_id });
    expect(await fetchMedia(url, world)).toEqual(bytes);
    expect((await data(20001, 'get_file', { file_id })).file_size).toBe(String(bytes.length));

    // Downloading again gives the same path, working again; a second clean_cache is harmless.
    expect((await data(20001, 'download_file', { base64: bytes.toString('base64'), name: 'saved.bin' })).file).toBe(file);
    expect(await readFile(file)).toEqual(bytes);
    expect(await call(20001, 'clean_cache')).toMatchObject({ status: 'ok' });
    expect(await call(20001, 'clean_cache')).toMatchObject({ status: 'ok' });
    await expect(stat(downloads)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
