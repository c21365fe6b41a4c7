import { describe, expect, it } from 'vitest';
import { onebotWorld } from '../helpers/onebot.js';
import { base64Of, pngOf } from '../helpers/images.js';

describe('favourites and stickers', () => {
  it('collections are listed newest first, by category, with count and hasMore', async () => {
    const { call, data } = await onebotWorld();
    for (const n of [1, 2, 3]) await data(10001, 'create_collection', { rawData: `text ${n}`, brief: `brief ${n}` });
    await data(20001, 'create_collection', { rawData: 'alice', brief: 'a' });
    const all = await data(10001, 'get_collection_list', { category: '0', count: '2' });
    const items = all.collectionSearchList.collectionItemList;
    expect(items.map((item: { summary: { textSummary: { brief: string } } }) => item.summary.textSummary.brief)).toEqual([
      'brief 3',
      'brief 2',
    ]);
    expect(all.collectionSearchList.hasMore).toBe(true);
    expect(items[0]).toMatchObject({ type: 1, category: 1, author: { numId: '10001', strId: 'Bot A' } });
    expect((await data(10001, 'get_collection_list', { category: 1, count: 50 })).collectionSearchList.collectionItemList).toHaveLength(3);
    expect((await data(10001, 'get_collection_list', { category: 2 })).collectionSearchList.collectionItemList).toEqual([]);
    expect(await call(10001, 'create_collection', { rawData: '  ', brief: 'x' })).toMatchObject({ retcode: 1400 });
    expect(await call(10001, 'create_collection', { brief: 'x' })).toMatchObject({ retcode: 1400 });
    expect(await call(10001, 'get_collection_list', {})).toMatchObject({ retcode: 1400, message: expect.stringContaining('category') });
    expect((await data(10001, 'get_collection_list', { category: 0 })).collectionSearchList.collectionItemList).toHaveLength(3);
  });

  it('custom faces: add, list as served URLs, detail, describe, delete', async () => {
    const { call, data, world } = await onebotWorld();
    const red = pngOf('#ff0000');
    const first = await data(10001, 'add_custom_face', { file: base64Of(red), file_name: 'red.png' });
    const second = await data(10001, 'add_custom_face', { file: base64Of(pngOf('#0000ff')) });
    expect(first).toMatchObject({ result: 0, emoji_id: expect.any(Number), md5: expect.stringMatching(/^[0-9a-f]{32}$/) });
    const urls = await data(10001, 'fetch_custom_face', {});
    expect(urls).toEqual([second.url, first.url]);
    expect(urls[1]).toMatch(/^http:\/\/catnap\.test\/media\/[0-9a-f]{64}\?name=red\.png$/);
    expect(await world.media.blobs.read(/media\/([0-9a-f]{64})/.exec(urls[1])![1]!)).toEqual(red);
    expect(await data(20001, 'fetch_custom_face', { count: 5 })).toEqual([]);
    expect(await call(10001, 'add_custom_face', { file: base64Of(red) })).toMatchObject({
      retcode: 2106,
      message: expect.stringContaining(`emoji_id ${first.emoji_id}`),
    });
    expect(await call(10001, 'add_custom_face', { file: base64Of(Buffer.from('plain text')) })).toMatchObject({ retcode: 2201 });
    await data(10001, 'set_custom_face_desc', { emoji_id: first.emoji_id, res_id: first.res_id, md5: first.md5, desc: 'angry' });
    const detail = await data(10001, 'fetch_custom_face_detail', { count: 10 });
    expect(detail.map((d: { emoId: number; desc: string }) => [d.emoId, d.desc])).toEqual([
      [second.emoji_id, ''],
      [first.emoji_id, 'angry'],
    ]);
    expect(await call(10001, 'set_custom_face_desc', { emoji_id: 9999, res_id: 'x', md5: 'x', desc: 'x' })).toMatchObject({
      retcode: 2005,
    });
    // Deleting an unknown one deletes nothing.
    expect(await call(10001, 'delete_custom_face', { id: [String(first.emoji_id), '9999'] })).toMatchObject({
      retcode: 2005,
      message: expect.stringContaining('emoji_id 9999'),
    });
    expect(await call(10001, 'delete_custom_face', {})).toMatchObject({ retcode: 1400 });
    expect(await call(10001, 'delete_custom_face', { id: 'abc' })).toMatchObject({ retcode: 1400 });
    expect(await data(10001, 'fetch_custom_face')).toHaveLength(2);
    expect(await data(10001, 'delete_custom_face', { md5: first.md5 })).toMatchObject({ deleted: [first.emoji_id] });
    expect(await data(10001, 'delete_custom_face', { ids: [String(second.emoji_id)] })).toMatchObject({ deleted: [second.emoji_id] });
    expect(await data(10001, 'fetch_custom_face')).toEqual([]);
  });
});

describe('ark contact cards', () => {
  it('ArkSharePeer shares an account (arkMsg) or a group (arkJson) by its real name', async () => {
    const { call, data } = await onebotWorld();
    const user = await data(10001, 'ArkSharePeer', { user_id: 20001 });
    const card = JSON.parse(user.arkMsg);
    expect(card).toMatchObject({
      app: 'com.tencent.contact.lua',
      view: 'contact',
      prompt: '推荐联系人：Alice',
      meta: { contact: { nickname: 'Alice', contact: 'QQ号：20001', tag: '推荐联系人', jumpUrl: expect.stringContaining('uin=20001') } },
    });
    expect(
      JSON.parse((await data(10001, 'send_ark_share', { user_id: 20001, phone_number: '13800000000' })).arkMsg).meta.contact.contact,
    ).toBe('手机号：13800000000');
    const group = JSON.parse((await data(10001, 'ArkSharePeer', { group_id: 30002 })).arkJson);
    expect(group).toMatchObject({ meta: { contact: { nickname: 'Lab', contact: '群号：30002', tag: '推荐群聊' } } });
    expect(JSON.parse(await data(10001, 'ArkShareGroup', { group_id: 30001 })).meta.contact.nickname).toBe('Lounge');
    expect(await data(10001, 'send_group_ark_share', { group_id: '30001' })).toBe(await data(10001, 'ArkShareGroup', { group_id: 30001 }));
    expect(await call(10001, 'ArkSharePeer', {})).toMatchObject({ retcode: 1400, message: 'group_id or user_id is required' });
    expect(await call(10001, 'ArkSharePeer', { user_id: 99999 })).toMatchObject({ retcode: 2001 });
    expect(await call(10001, 'ArkShareGroup', { group_id: 39999 })).toMatchObject({ retcode: 2002, message: 'group 39999 does not exist' });
  });
});

describe('group avatar', () => {
  it('owner and admins set it (both names); members may not; group info shows the served URL', async () => {
    const { call, data, world, domainEvents } = await onebotWorld();
    const png = pngOf('#123456');
    expect((await data(20002, 'get_group_info', { group_id: 30001 })).avatar_url).toBe('https://p.qlogo.cn/gh/30001/30001/640/');
    expect(await call(20002, 'set_group_portrait', { group_id: 30001, file: base64Of(png) })).toMatchObject({
      retcode: 2103,
      message: expect.stringContaining('not an admin'),
    });
    expect(await call(10002, 'set_group_head', { groupCode: '30001', file: base64Of(png) })).toMatchObject({ retcode: 2101 });
    expect(await call(10001, 'set_group_portrait', { group_id: 30001, file: base64Of(Buffer.from('nope')) })).toMatchObject({
      retcode: 2201,
    });
    expect(await call(10001, 'set_group_portrait', { group_id: 30001 })).toMatchObject({ retcode: 1400 });
    expect((await world.groups.require(30001)).avatar).toBe('');
    expect(await data(10001, 'set_group_portrait', { group_id: 30001, file: base64Of(png) })).toEqual({ result: 0, errMsg: '' });
    expect(domainEvents.at(-1)).toMatchObject({ type: 'group.updated', changed: ['avatar'], operatorId: 10001 });
    const info = await data(20002, 'get_group_info', { group_id: 30001 });
    expect(info.avatar_url).toMatch(/^http:\/\/catnap\.test\/media\/[0-9a-f]{64}$/);
    expect(await world.media.blobs.read(/([0-9a-f]{64})$/.exec(info.avatar_url)![1]!)).toEqual(png);
    expect((await data(20002, 'get_group_list'))[0].avatar_url).toBe(info.avatar_url);
    await data(20001, 'set_group_head', { groupCode: 30001, file: base64Of(pngOf('#654321')) });
    expect((await data(20002, 'get_group_info', { group_id: 30001 })).avatar_url).not.toBe(info.avatar_url);
    expect(await call(20001, 'set_group_head', { groupCode: 39999, file: base64Of(png) })).toMatchObject({ retcode: 2002 });
  });
});
