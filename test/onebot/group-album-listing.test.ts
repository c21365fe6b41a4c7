import { describe, expect, it } from 'vitest';
import { groupAlbums, photo as png, type AlbumItem } from '../helpers/albums.js';
import { onebotWorld } from '../helpers/onebot.js';

/**
 * Listings of several albums and photos at once: each album's count, newest upload and cover, and
 * each photo's place, likes and comments must be its own (a listing reads them for many albums and
 * photos together, so one album's or photo's numbers must never land on another's).
 */
describe('group album listings', () => {
  it('give every album and photo its own count, order, cover, likes and comments', async () => {
    const ob = await onebotWorld();
    const steps = groupAlbums(ob);
    const create = (name: string) => steps.create(20002, name);
    // A second apart, so each upload is newer than the one before.
    const upload = async (as: number, album: string, files: string[]) => {
      ob.clock.advance(1000);
      await steps.upload(as, album, files);
    };
    const { media, like, comment } = steps;

    const a = await create('A');
    const b = await create('B (empty)');
    const c = await create('C');
    await upload(20002, a, [png(1, 1, 1), png(2, 2, 2)]);
    await upload(20003, c, [png(10, 10, 10)]);
    await upload(20003, a, [png(3, 3, 3)]);
    await upload(20002, c, [png(20, 20, 20), png(30, 30, 30)]);

    const inA = await media(20001, a);
    const inC = await media(20001, c);
    expect(inA.map((m) => [m.image.default_url.width, m.upload_order])).toEqual([
      [1, 1],
      [2, 2],
      [3, 3],
    ]);
    expect(inC.map((m) => [m.image.default_url.width, m.upload_order])).toEqual([
      [10, 1],
      [20, 2],
      [30, 3],
    ]);

    await like(20001, a, inA[0]!);
    await like(20003, a, inA[0]!);
    await like(20003, a, inA[2]!);
    await like(20001, c, inC[1]!);
    await like(20002, c, inC[2]!);
    await like(20003, c, inC[2]!);
    // A like of a whole batch is not a like of any of its photos.
    await ob.data(20001, 'set_group_album_media_like', { group_id: 30001, album_id: c, batch_id: inC[2]!.batch_id });
    await comment(20001, a, inA[1]!, 'one');
    await comment(20002, a, inA[1]!, 'two');
    await comment(20003, c, inC[2]!, 'three');

    const stats = (items: AlbumItem[]) => items.map((m) => [m.image.default_url.width, m.like.num, m.like.liked, m.comment.num]);
    expect(stats(await media(20001, a))).toEqual([
      [1, 2, true, 0],
      [2, 0, false, 2],
      [3, 1, false, 0],
    ]);
    expect(stats(await media(20003, a))).toEqual([
      [1, 2, true, 0],
      [2, 0, false, 2],
      [3, 1, true, 0],
    ]);
    expect(stats(await media(20001, c))).toEqual([
      [10, 0, false, 0],
      [20, 1, true, 0],
      [30, 2, false, 1],
    ]);

    const albums = async (as: number) => (await ob.data(as, 'get_qun_album_list', { group_id: 30001 })).album_list;
    const summary = (list: any[]) =>
      list.map((album) => [
        album.name,
        album.upload_number,
        album.cover && [
          album.cover.image.default_url.width,
          album.cover.upload_order,
          album.cover.like.num,
          album.cover.like.liked,
          album.cover.comment.num,
        ],
      ]);
    expect(summary(await albums(20001))).toEqual([
      ['A', '3', [3, 3, 1, false, 0]],
      ['B (empty)', '0', null],
      ['C', '3', [30, 3, 2, false, 1]],
    ]);
    expect(summary(await albums(20002))).toEqual([
      ['A', '3', [3, 3, 1, false, 0]],
      ['B (empty)', '0', null],
      ['C', '3', [30, 3, 2, true, 1]],
    ]);
    const listed = await albums(20003);
    expect(summary(listed)).toEqual([
      ['A', '3', [3, 3, 1, true, 0]],
      ['B (empty)', '0', null],
      ['C', '3', [30, 3, 2, true, 1]],
    ]);
    expect(listed.map((album: any) => album.album_id)).toEqual([a, b, c]);
    expect(await ob.data(20003, 'get_group_album_list', { group_id: 30001 })).toEqual(listed);
    expect((await ob.data(20003, 'get_group_album_media_list', { group_id: 30001, album_id: c })).album).toEqual(listed[2]);

    // Taking the newest photo out of A makes the one before it the cover; C's stay as they were.
    ob.clock.advance(1000);
    await ob.data(10001, 'del_group_album_media', { group_id: 30001, album_id: a, lloc: inA[2]!.image.lloc });
    await ob.data(10001, 'del_group_album_media', { group_id: 30001, album_id: c, lloc: inC[0]!.image.lloc });
    expect(summary(await albums(20001))).toEqual([
      ['A', '2', [2, 2, 0, false, 2]],
      ['B (empty)', '0', null],
      ['C', '2', [30, 2, 2, false, 1]],
    ]);
    expect(stats(await media(20001, c))).toEqual([
      [20, 1, true, 0],
      [30, 2, false, 1],
    ]);
    expect((await media(20001, c)).map((m) => m.upload_order)).toEqual([1, 2]);
  });
});
