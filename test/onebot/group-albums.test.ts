import { describe, expect, it } from 'vitest';
import { groupAlbums, photo as png } from '../helpers/albums.js';
import { onebotWorld } from '../helpers/onebot.js';
import { fileOnebotWorld } from '../helpers/reopen.js';

const text = `base64://${Buffer.from('just some text').toString('base64')}`;

describe('group albums', () => {
  it('members create albums, upload photos, list them with NapCat and LLBot names, like and comment', async () => {
    const ob = await onebotWorld();
    const created = await ob.data(20002, 'create_group_album', { group_id: '30001', name: 'Trip', desc: 'Summer' });
    expect(created).toEqual({ album_id: expect.stringMatching(/^V[0-9a-f]{31}$/), owner: '30001', name: 'Trip', desc: 'Summer' });
    const album = created.album_id as string;

    ob.clock.advance(2000);
    await ob.data(20002, 'upload_image_to_qun_album', { group_id: 30001, album_id: album, album_name: 'Trip', file: png(640, 480) });
    ob.clock.advance(2000);
    expect(
      await ob.data(20003, 'upload_group_album', { group_id: 30001, album_id: album, files: [png(10, 20, 1), text, png(30, 40, 2)] }),
    ).toEqual({
      success_count: 2,
      fail_count: 1,
      fail_indexes: [1],
    });

    const page = await ob.data(10001, 'get_group_album_media_list', { group_id: 30001, album_id: album });
    expect(page.next_has_more).toBe(false);
    expect(page.album).toMatchObject({ album_id: album, name: 'Trip', upload_number: '3', creator: { uin: '20002', nick: 'Bob' } });
    expect(page.media_list.map((m: any) => [m.uploader, m.image.default_url.width, m.upload_order])).toEqual([
      ['20002', 640, 1],
      ['20003', 10, 2],
      ['20003', 30, 3],
    ]);
    const [first, second, third] = page.media_list;
    expect(second.batch_id).toBe(third.batch_id);
    expect(first.batch_id).not.toBe(second.batch_id);
    expect(first.image.default_url.url).toMatch(/^http:\/\/catnap\.test\/media\/[0-9a-f]{64}/);

    const albums = groupAlbums(ob);
    await albums.like(20001, album, first);
    await albums.like(20001, album, first);
    await albums.like(20003, album, first);
    await ob.data(20003, 'set_group_album_media_like', { group_id: 30001, album_id: album, batch_id: second.batch_id });
    expect(ob.world.albums.batchLikes(album, second.batch_id)).toEqual([20003]);
    await albums.unlike(20003, album, first);
    await albums.comment(20002, album, first, 'nice');
    const [liked] = await albums.media(20001, album);
    expect(liked!.like).toEqual({ key: `421_1_0_30001|${album}|${first.image.lloc}`, num: 1, liked: true });
    expect(liked!.comment).toEqual({ num: 1 });

    const napcat = await ob.data(20003, 'get_qun_album_list', { group_id: 30001 });
    expect(napcat).toMatchObject({ attach_info: '', has_more: false, album_list: [{ album_id: album, upload_number: '3' }] });
    expect(napcat.album_list[0].cover.image.lloc).toBe(third.image.lloc);
    expect(await ob.data(20003, 'get_group_album_list', { group_id: 30001 })).toEqual(napcat.album_list);
  });

  it('pages albums and media with attach_info', async () => {
    const ob = await onebotWorld();
    for (let i = 0; i < 21; i++) await ob.data(10001, 'create_group_album', { group_id: 30001, name: `a${i}` });
    const first = await ob.data(10001, 'get_qun_album_list', { group_id: 30001 });
    expect(first).toMatchObject({ attach_info: '20', has_more: true });
    expect(first.album_list).toHaveLength(20);
    const second = await ob.data(10001, 'get_qun_album_list', { group_id: 30001, attach_info: first.attach_info });
    expect(second).toMatchObject({ attach_info: '', has_more: false, album_list: [{ name: 'a20' }] });
    expect(await ob.call(10001, 'get_qun_album_list', { group_id: 30001, attach_info: 'x' })).toMatchObject({ retcode: 1400 });
  });

  it('keeps deletion to uploaders, creators, admins and the owner', async () => {
    const ob = await onebotWorld();
    const { album, item: photo } = await groupAlbums(ob).withPhoto(20002, 'Mine');
    expect(await ob.call(20003, 'del_group_album_media', { group_id: 30001, album_id: album, lloc: photo.image.lloc })).toMatchObject({
      retcode: 2103,
    });
    expect(await ob.call(20003, 'delete_group_album', { group_id: 30001, album_id: album })).toMatchObject({ retcode: 2103 });
    expect(await ob.data(10001, 'del_group_album_media', { group_id: 30001, album_id: album, lloc: photo.image.lloc })).toEqual({
      result: {},
    });
    expect(await ob.call(10001, 'del_group_album_media', { group_id: 30001, album_id: album, lloc: photo.image.lloc })).toMatchObject({
      retcode: 2022,
    });
    await ob.data(20002, 'delete_group_album', { group_id: 30001, album_id: album });
    expect(await ob.data(20002, 'get_group_album_list', { group_id: 30001 })).toEqual([]);
    expect(await ob.call(20002, 'delete_group_album', { group_id: 30001, album_id: album })).toMatchObject({ retcode: 2021 });
  });

  it('refuses bad params, unknown ids, outsiders and non-media, changing nothing', async () => {
    const ob = await onebotWorld();
    const { album_id: album } = await ob.data(10001, 'create_group_album', { group_id: 30001, name: 'A' });
    const before = await ob.data(10001, 'get_group_album_list', { group_id: 30001 });
    expect(await ob.call(10001, 'create_group_album', { group_id: 30001, name: '' })).toMatchObject({ retcode: 1400 });
    expect(await ob.call(10001, 'create_group_album', { group_id: 30001, name: '   ' })).toMatchObject({ retcode: 1400 });
    expect(await ob.call(10001, 'create_group_album', { group_id: 30001 })).toMatchObject({ retcode: 1400 });
    expect(await ob.call(10001, 'create_group_album', { group_id: 39999, name: 'x' })).toMatchObject({ retcode: 2002 });
    expect(await ob.call(10002, 'create_group_album', { group_id: 30001, name: 'x' })).toMatchObject({ retcode: 2101 });
    expect(await ob.call(10002, 'get_qun_album_list', { group_id: 30001 })).toMatchObject({ retcode: 2101 });
    expect(await ob.call(10001, 'upload_group_album', { group_id: 30001, album_id: album, files: [] })).toMatchObject({ retcode: 1400 });
    expect(await ob.call(10001, 'upload_group_album', { group_id: 30001, album_id: 'nope', files: [png(1, 1)] })).toMatchObject({
      retcode: 2021,
    });
    expect(
      await ob.call(10001, 'upload_image_to_qun_album', { group_id: 30001, album_id: album, album_name: 'A', file: text }),
    ).toMatchObject({
      retcode: 2201,
      message: expect.stringContaining('photos and videos'),
    });
    expect(await ob.call(10001, 'upload_image_to_qun_album', { group_id: 30001, album_id: album, file: png(1, 1) })).toMatchObject({
      retcode: 1400,
    });
    expect(await ob.call(10001, 'set_group_album_media_like', { group_id: 30001, album_id: album, batch_id: '1' })).toMatchObject({
      retcode: 2022,
    });
    expect(await ob.call(10001, 'do_group_album_comment', { group_id: 30001, album_id: album, lloc: 'x', content: 'hi' })).toMatchObject({
      retcode: 2022,
    });
    expect(await ob.call(10001, 'do_group_album_comment', { group_id: 30001, album_id: album, lloc: 'x', content: '' })).toMatchObject({
      retcode: 1400,
    });
    expect(await ob.call(20001, 'get_group_album_media_list', { group_id: 30002, album_id: album })).toMatchObject({ retcode: 2021 });
    expect(await ob.data(10001, 'get_group_album_list', { group_id: 30001 })).toEqual(before);
    expect(before[0].upload_number).toBe('0');
  });

  it('survives a restart', async () => {
    const { ob, reopen } = await fileOnebotWorld();
    const albums = groupAlbums(ob);
    const { album, item: photo } = await albums.withPhoto(20002, 'Kept', png(5, 6));
    await albums.like(20001, album, photo);
    await albums.comment(20001, album, photo, 'kept');
    const again = await reopen();
    const page = await again.data(20001, 'get_group_album_media_list', { group_id: 30001, album_id: album });
    expect(page.album).toMatchObject({ name: 'Kept', upload_number: '1' });
    expect(page.media_list[0]).toMatchObject({
      like: { num: 1, liked: true },
      comment: { num: 1 },
      image: { default_url: { width: 5, height: 6 } },
    });
  });
});
