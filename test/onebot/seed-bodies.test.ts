import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onebotWorld } from '../helpers/onebot.js';
import { base64Of, pngOf } from '../helpers/images.js';

/**
 * Every body of the seed document (the NapCat API description Catnap began from) for the profile, favourites, ark, group
 * avatar, group file, OCR and translation endpoints, sent verbatim (ids adapted to smallWorld:
 * bot 10001 is an admin of group 30001). Each succeeds with the seed's data shape or fails with a
 * documented error.
 */
let server: Server;
let imageUrl = '';
beforeAll(async () => {
  const png = pngOf('#00aa00', 32, 32);
  server = createServer((_request, response) => response.setHeader('content-type', 'image/png').end(png));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  imageUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}/400x400`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('seed document bodies, verbatim', () => {
  it('扩展接口: favourites, likes, profile, status, ark cards, translation', async () => {
    const { call, data } = await onebotWorld();
    expect(await call(10001, 'fetch_custom_face', { count: 10 })).toMatchObject({ status: 'ok', retcode: 0, data: [] });
    expect(await call(10001, 'create_collection', { rawData: 'string', brief: 'string' })).toMatchObject({
      status: 'ok',
      data: { result: 0 },
    });
    const list = await data(10001, 'get_collection_list', { category: 0, count: 0 });
    expect(list).toMatchObject({ errCode: 0, errMsg: '', collectionSearchList: { hasMore: false } });
    expect(list.collectionSearchList.collectionItemList[0].summary.textSummary).toMatchObject({ brief: 'string' });
    expect(await call(10001, 'get_profile_like', {})).toMatchObject({
      status: 'ok',
      data: { voteInfo: { total_count: 0 }, favoriteInfo: { total_count: 0 } },
    });
    expect(await call(10001, 'set_self_longnick', { longNick: '朱刚' })).toMatchObject({ status: 'ok' });
    // 50 (busy) with ext status 96 is no QQ status: the documented 1400; with ext status 0 it works.
    expect(await call(10001, 'set_online_status', { status: 50, extStatus: 96, batteryStatus: 75 })).toMatchObject({
      retcode: 1400,
      message: expect.stringContaining('ext_status 96'),
    });
    expect(await call(10001, 'set_online_status', { status: 50, extStatus: 0, batteryStatus: 75 })).toMatchObject({ status: 'ok' });
    // The seed's placeholder sex "string" is refused (1400); a real sex works.
    expect(await call(10001, 'set_self_profile', { nick: 'string', longNick: 'string', sex: 'string' })).toMatchObject({
      retcode: 1400,
      message: expect.stringContaining('sex'),
    });
    expect(await call(10001, 'set_self_profile', { nick: 'string', longNick: 'string', sex: 'male' })).toMatchObject({ status: 'ok' });
    const peer = await data(10001, 'ArkSharePeer', { user_id: '20001', group_id: '30001', phoneNumber: '18' });
    expect(JSON.parse(peer.arkJson)).toMatchObject({
      app: 'com.tencent.contact.lua',
      meta: { contact: { nickname: 'Lounge', contact: '群号：30001' } },
    });
    expect(await call(10001, 'ArkShareGroupEx', { group_id: 'string' })).toMatchObject({
      retcode: 1400,
      message: expect.stringContaining('group_id'),
    });
    expect(JSON.parse(await data(10001, 'ArkShareGroupEx', { group_id: '30001' }))).toMatchObject({ prompt: '推荐群聊：Lounge' });
    const words = [
      'non sed minim aute',
      'nulla nisi',
      'commodo exercitation',
      'dolore Excepteur veniam elit dolor',
      'pariatur dolore exercitation sunt',
    ];
    const translated = await data(10001, 'translate_en2zh', { words });
    expect(translated.words).toHaveLength(5);
    expect(translated.words[1]).toBe('nulla nisi');
  });

  it('OCR and group avatar: the seed URLs cannot be fetched offline (2201); a reachable one works', async () => {
    const { call, data, world } = await onebotWorld();
    expect(
      await call(10001, 'set_group_head', {
        groupCode: '30001',
        file: 'https://iAKPgKOrdKPIclYVhL.naxaUQIfQriKumoYCVe4DFRZjmVvefvk2C4EwfPowcp',
      }),
    ).toMatchObject({
      retcode: 2201,
      message: expect.stringContaining('cannot download'),
    });
    expect(await call(10001, 'set_group_head', { groupCode: '30001', file: imageUrl })).toMatchObject({
      status: 'ok',
      data: { result: 0, errMsg: '' },
    });
    expect((await world.groups.require(30001)).avatar).toMatch(/^[0-9a-f]{64}$/);
    const ocr = await call(10001, 'ocr_image', { image: imageUrl });
    expect(ocr).toMatchObject({ status: 'ok', data: { texts: [] } });
    expect((await data(10001, 'get_group_info', { group_id: 30001 })).avatar_url).toMatch(/\/media\/[0-9a-f]{64}$/);
  }, 60000);

  it('群文件接口: count, list, folder, delete file, delete folder', async () => {
    const { call, data } = await onebotWorld();
    expect(await call(10001, 'get_group_file_count', { group_id: '30001' })).toMatchObject({ status: 'ok', data: { count: 0 } });
    const created = await call(10001, 'set_group_file_folder', { group_id: '30001', folder_name: '神奇文件夹' });
    expect(created).toMatchObject({
      status: 'ok',
      data: {
        result: { retCode: 0, retMsg: 'ok', clientWording: '' },
        groupItem: {
          peerId: '30001',
          type: 2,
          fileInfo: null,
          folderInfo: {
            parentFolderId: '/',
            folderName: '神奇文件夹',
            createUin: '10001',
            creatorName: 'Bot A',
            totalFileCount: 0,
            usedSpace: '0',
          },
        },
      },
    });
    const folderId = (created.data as any).groupItem.folderInfo.folderId;
    const { file_id } = await data(20002, 'upload_group_file', { group_id: 30001, file: base64Of(pngOf()), name: '1145.png' });
    expect(await data(10001, 'get_group_file_count', { group_id: '30001' })).toEqual({ count: 1 });
    const list = await data(10001, 'get_group_file_list', { group_id: '30001', start_index: 0, file_count: 100 });
    expect(list.FileList).toHaveLength(2);
    expect(list.FileList[0]).toMatchObject({ type: 2, folderInfo: { folderId } });
    expect(list.FileList[1]).toMatchObject({
      peerId: '30001',
      type: 1,
      folderInfo: null,
      fileInfo: {
        fileId: file_id,
        fileName: '1145.png',
        busId: 102,
        uploaderName: 'Bob',
        uploaderUin: '20002',
        parentFolderId: '/',
        isFolder: false,
      },
    });
    expect(list.FileList[1].fileInfo.fileModelId).toMatch(/^\d+$/);
    expect((await data(10001, 'get_group_file_list', { group_id: '30001', start_index: 1, file_count: 100 })).FileList).toHaveLength(1);
    expect(await call(10001, 'get_group_file_list', { group_id: '30001', start_index: 0 })).toMatchObject({ retcode: 1400 });
    expect(await call(10001, 'del_group_file', { group_id: '30001', file_id })).toMatchObject({ status: 'ok' });
    expect(
      await call(10001, 'del_group_file', { group_id: '30001', file_id: 'NapCatOneBot-ModeldFile-2-729622539-7408822825986028310' }),
    ).toMatchObject({ retcode: 2005 });
    expect(await call(10001, 'del_group_file_folder', { group_id: '30001', folder_id: folderId })).toEqual({
      status: 'ok',
      retcode: 0,
      data: { retCode: 0, retMsg: 'ok', clientWording: '' },
      message: '',
      wording: '',
      echo: null,
      stream: 'normal-action',
    });
    expect(
      await call(10001, 'del_group_file_folder', { group_id: '30001', folder_id: '/b740a69b-9579-418f-b410-78a798110e21' }),
    ).toMatchObject({ retcode: 2006 });
    expect(await call(20003, 'set_group_file_folder', { group_id: '30001', folder_name: 'x' })).toMatchObject({ retcode: 2103 });
  });
});
