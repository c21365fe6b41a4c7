import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { OutboundEvent } from '../../src/onebot/events/outbound-event.js';
import { SqliteWorldStore } from '../../src/world/store/sqlite/sqlite-store.js';
import { onebotWorld } from '../helpers/onebot.js';
import { smallWorld } from '../helpers/world.js';

// smallWorld: group 30001 owner 20001, admin 10001, members 20002 and 20003; 10002 is outside it.
const report = `base64://${Buffer.from('quarterly report').toString('base64')}`;
const photo = `base64://${Buffer.from('not really a photo').toString('base64')}`;
const blobOf = (url: string) => /\/media\/([0-9a-f]{64})/.exec(url)![1]!;

async function persistent() {
  const path = join(mkdtempSync(join(tmpdir(), 'catnap-flash-')), 'catnap.db');
  const open = () => onebotWorld(smallWorld, new SqliteWorldStore(path));
  return { first: await open(), reopen: open };
}

describe('flash transfer (闪传), NapCat names', () => {
  it('uploads a set, shares it by link and in a group, lists, serves and saves its files, and keeps it after a restart', async () => {
    const { first: ob, reopen } = await persistent();
    const created = await ob.data(10001, 'create_flash_task', { files: [report, photo], name: 'Q3' });
    expect(created).toMatchObject({ result: 0, errMsg: '', createFlashTransferResult: { expireLeftTime: String(14 * 24 * 3600) } });
    const { fileSetId, shareLink } = created.createFlashTransferResult;
    expect(shareLink).toMatch(/^https:\/\/qfile\.qq\.com\/q\/\w{10}$/);

    const info = await ob.data(10001, 'get_fileset_info', { fileset_id: fileSetId });
    expect(info.fileSet).toMatchObject({
      fileSetId,
      name: 'Q3',
      totalFileCount: 2,
      totalFileSize: 34,
      uploaders: [{ uin: '10001', nickname: 'Bot A' }],
    });
    const list = await ob.data(10001, 'get_flash_file_list', { fileset_id: fileSetId });
    expect(
      list.fileLists[0].fileList.map((f: { cliFileIndex: number; fileSize: string; downloadStatus: number }) => [
        f.cliFileIndex,
        f.fileSize,
        f.downloadStatus,
      ]),
    ).toEqual([
      [0, '16', 0],
      [1, '18', 0],
    ]);
    const second = list.fileLists[0].fileList[1].name;
    const { transferUrl } = await ob.data(10001, 'get_flash_file_url', { fileset_id: fileSetId, file_name: second });
    expect((await ob.world.media.blobs.read(blobOf(transferUrl))).toString()).toBe('not really a photo');
    expect((await ob.data(10001, 'get_flash_file_url', { fileset_id: fileSetId, file_index: 0 })).transferUrl).toContain('/media/');
    expect(await ob.data(10001, 'get_flash_file_url', { fileset_id: fileSetId, file_index: 7 })).toEqual({
      result: -1,
      errMsg: '未找到对应文件',
      transferUrl: '',
    });

    // Someone who was never given it cannot open it; the share code opens it for them.
    expect(await ob.call(20002, 'get_fileset_info', { fileset_id: fileSetId })).toMatchObject({ retcode: 2005 });
    expect(await ob.data(20002, 'get_fileset_id', { share_code: shareLink })).toEqual({ fileset_id: fileSetId });
    expect((await ob.data(20002, 'get_share_link', { fileset_id: fileSetId })).shareLink).toBe(shareLink);

    // Sent to the group: the members receive its card and may open it; 10002 (outside) still may not.
    const received: OutboundEvent[] = [];
    ob.events.subscribe(20003, (event) => received.push(event));
    const sent = await ob.data(10001, 'send_flash_msg', { fileset_id: fileSetId, group_id: 30001 });
    expect(sent).toEqual({
      errCode: 0,
      errMsg: '',
      rsp: { sendStatus: [{ result: 0, msg: '', target: { destType: 2, destUid: '30001' } }] },
    });
    await ob.events.flush();
    expect(received.map((event) => event.object('array'))).toEqual([
      expect.objectContaining({
        message_type: 'group',
        group_id: 30001,
        user_id: 10001,
        message: [{ type: 'flashtransfer', data: { fileSetId } }],
      }),
    ]);
    expect((await ob.data(20003, 'get_fileset_info', { fileset_id: fileSetId })).fileSet.name).toBe('Q3');
    expect(await ob.call(10002, 'get_flash_file_list', { fileset_id: fileSetId })).toMatchObject({ retcode: 2005 });
    expect(await ob.call(10002, 'send_flash_msg', { fileset_id: fileSetId, user_id: 20002 })).toMatchObject({ retcode: 2005 });

    expect(await ob.data(20003, 'download_fileset', { fileset_id: fileSetId })).toEqual({ result: 0, errMsg: '', extraInfo: null });
    expect((await ob.data(20003, 'get_flash_file_list', { fileset_id: fileSetId })).fileLists[0].fileList[0].downloadStatus).toBe(2);
    await ob.world.close();

    const again = await reopen();
    expect((await again.data(20003, 'get_flash_file_list', { fileset_id: fileSetId })).fileLists[0].fileList[0].downloadStatus).toBe(2);
    expect((await again.data(20002, 'get_fileset_info', { fileset_id: fileSetId })).fileSet.shareInfo.shareLink).toBe(shareLink);
    expect(await again.call(10002, 'get_fileset_info', { fileset_id: fileSetId })).toMatchObject({ retcode: 2005 });
    await again.world.close();
  });

  it('refuses bad params with 1400 and unreadable files, creating nothing; a set closes after 14 days', async () => {
    const ob = await onebotWorld();
    expect(await ob.call(10001, 'create_flash_task', {})).toMatchObject({ retcode: 1400 });
    expect(await ob.call(10001, 'create_flash_task', { files: [] })).toMatchObject({ retcode: 1400 });
    expect(await ob.call(10001, 'create_flash_task', { files: '/no/such/file' })).toMatchObject({ status: 'failed' });
    expect(await ob.call(10001, 'send_flash_msg', { fileset_id: 'x' })).toMatchObject({ retcode: 1400 });
    expect(await ob.call(10001, 'get_flash_file_url', { fileset_id: 'x' })).toMatchObject({ retcode: 1400 });
    expect(await ob.call(10001, 'get_fileset_id', { share_code: 'nope' })).toMatchObject({ retcode: 2005 });
    expect(ob.world.store.flash.ownedBy(10001)).toEqual([]);
    expect(
      await ob.call(10001, 'send_group_msg', { group_id: 30001, message: [{ type: 'flashtransfer', data: { fileSetId: 'x' } }] }),
    ).toMatchObject({
      retcode: 1400,
      message: expect.stringContaining('send_flash_msg'),
    });

    const { createFlashTransferResult } = await ob.data(10001, 'create_flash_task', { files: report });
    ob.clock.advance(14 * 24 * 3600 * 1000);
    expect(await ob.call(10001, 'get_fileset_info', { fileset_id: createFlashTransferResult.fileSetId })).toMatchObject({
      retcode: 2005,
      message: expect.stringContaining('expired'),
    });
    expect(await ob.call(20001, 'get_fileset_id', { share_code: createFlashTransferResult.shareLink })).toMatchObject({ retcode: 2005 });
  });
});

describe('flash transfer, LLBot names', () => {
  it('upload_flash_file, get_flash_file_info, download URLs, download and reshare by link or id', async () => {
    const ob = await onebotWorld();
    const uploaded = await ob.data(10001, 'upload_flash_file', { title: 'photos', paths: [photo] });
    expect(uploaded).toMatchObject({
      share_link: expect.stringMatching(/^https:\/\/qfile\.qq\.com\/q\//),
      expire_time: 1767225600 + 14 * 24 * 3600,
    });
    expect(uploaded.downloads).toEqual([
      { name: expect.any(String), size: 18, url: expect.stringContaining('/media/'), expire: 14 * 24 * 3600 },
    ]);

    // Another account opens it by its link, not by its id alone.
    expect(await ob.call(20001, 'get_flash_file_info', { file_set_id: uploaded.file_set_id })).toMatchObject({ retcode: 2005 });
    expect(await ob.data(20001, 'get_flash_file_info', { share_link: uploaded.share_link })).toEqual({
      file_set_id: uploaded.file_set_id,
      title: 'photos',
      share_link: uploaded.share_link,
      total_file_size: 18,
      files: [{ name: uploaded.downloads[0].name, size: 18 }],
    });
    const urls = await ob.data(20001, 'get_flash_file_download_urls', { file_set_id: uploaded.file_set_id });
    expect(urls.files[0].url).toBe(uploaded.downloads[0].url);
    expect(await ob.data(20001, 'download_flash_file', { file_set_id: uploaded.file_set_id })).toBeNull();

    ob.clock.advance(10 * 24 * 3600 * 1000);
    const reshared = await ob.data(20001, 'reshare_flash_file', { share_link: uploaded.share_link });
    expect(reshared.file_set_id).not.toBe(uploaded.file_set_id);
    expect(reshared.expire_time).toBe(1767225600 + 24 * 24 * 3600);
    expect((await ob.data(20001, 'get_flash_file_info', { file_set_id: reshared.file_set_id })).files).toEqual([
      { name: uploaded.downloads[0].name, size: 18 },
    ]);

    expect(await ob.call(20001, 'get_flash_file_info', {})).toMatchObject({ retcode: 1400 });
    expect(await ob.call(20001, 'get_flash_file_info', { share_link: 'https://example.com/x' })).toMatchObject({ retcode: 1400 });
    expect(await ob.call(20001, 'upload_flash_file', { title: 't', paths: [] })).toMatchObject({ retcode: 1400 });
  });
});
