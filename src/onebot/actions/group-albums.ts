import { Type } from '@sinclair/typebox';
import { defineAction, type ActionContext, type AnyActionSpec } from '../action.js';
import { badParams } from '../error-catalogue.js';
import { P } from '../schema.js';
import { AlbumInfo, AlbumMediaPage, toAlbumInfo, toAlbumMediaItem } from '../shapes/album.js';
import type { AlbumSummary } from '../../world/albums/album-model.js';

const groupId = P.id('Group number');
const albumId = P.str('album_id from get_qun_album_list / get_group_album_list', { minLength: 1 });
const lloc = P.str("A photo's or video's id (lloc, from get_group_album_media_list)", { minLength: 1 });
const attachInfo = P.str('Paging cursor: empty for the first page, then the attach_info of the previous answer', { default: '' });
/** NapCat answers QQ's album service's reply to a like, an unlike, a comment and a deletion; it carries nothing. */
const Done = Type.Object({ result: Type.Object({}) });
const albumPage = 20;
const mediaPage = 40;

/** A paging cursor is the index where the next page starts, as a decimal string. */
function cursor(value: string): number {
  if (value === '') return 0;
  if (!/^\d{1,9}$/.test(value)) throw badParams('attach_info: pass the attach_info of a previous answer, or nothing');
  return Number(value);
}

async function nicknames(ctx: ActionContext, ids: readonly number[]): Promise<Map<number, string>> {
  const accounts = await ctx.world.accounts.getMany([...new Set(ids)]);
  return new Map([...accounts].map(([id, account]) => [id, account.nickname]));
}

async function albumInfos(ctx: ActionContext, albums: readonly AlbumSummary[]): Promise<AlbumInfo[]> {
  const nicks = await nicknames(
    ctx,
    albums.flatMap((album) => [album.creatorId, ...(album.cover ? [album.cover.uploaderId] : [])]),
  );
  // The covers' likes and comments in one read for the whole page, not one per album.
  const covers = ctx.world.albums.viewsOf(
    ctx.selfId,
    albums.flatMap((album) => (album.cover ? [album.cover] : [])),
  );
  const coverViews = new Map(covers.map((cover) => [cover.lloc, cover]));
  return albums.map((album) => toAlbumInfo(album, album.cover && coverViews.get(album.cover.lloc), nicks, ctx.services.urls));
}

/** Group albums (群相册): NapCat's names and LLBot's, over the same albums. */
export const groupAlbumActions: AnyActionSpec[] = [
  defineAction({
    name: 'get_qun_album_list',
    origin: 'napcat',
    summary: "A group's albums, oldest first, a page at a time (the caller must be a member)",
    params: P.object({ group_id: groupId, attach_info: attachInfo }),
    result: Type.Object({ album_list: Type.Array(AlbumInfo), attach_info: Type.String(), has_more: Type.Boolean() }),
    async handler(ctx, params) {
      const start = cursor(params.attach_info);
      const albums = await ctx.world.albums.list(ctx.selfId, params.group_id);
      const page = albums.slice(start, start + albumPage);
      const next = start + page.length;
      return {
        album_list: await albumInfos(ctx, page),
        attach_info: next < albums.length ? String(next) : '',
        has_more: next < albums.length,
      };
    },
  }),
  defineAction({
    name: 'get_group_album_list',
    origin: 'llbot',
    summary: "A group's albums, oldest first (LLBot's name; the caller must be a member)",
    params: P.object({ group_id: groupId }),
    result: Type.Array(AlbumInfo),
    async handler(ctx, params) {
      return albumInfos(ctx, await ctx.world.albums.list(ctx.selfId, params.group_id));
    },
  }),
  defineAction({
    name: 'create_group_album',
    origin: 'llbot',
    summary: "Create an album (members may unless the group's permissions keep albums to admins)",
    params: P.object({
      group_id: groupId,
      name: P.str('Album name', { minLength: 1, maxLength: 30 }),
      desc: P.str('Album description', { default: '', maxLength: 200 }),
    }),
    result: Type.Object({ album_id: Type.String(), owner: Type.String(), name: Type.String(), desc: Type.String() }),
    async handler(ctx, params) {
      const album = await ctx.world.albums.create(ctx.selfId, params.group_id, params.name, params.desc);
      return { album_id: album.albumId, owner: String(album.groupId), name: album.name, desc: album.description };
    },
  }),
  defineAction({
    name: 'delete_group_album',
    origin: 'llbot',
    summary: 'Delete an album with everything in it (its creator, an admin or the owner)',
    params: P.object({ group_id: groupId, album_id: albumId }),
    result: Type.Null(),
    async handler(ctx, params) {
      await ctx.world.albums.remove(ctx.selfId, params.group_id, params.album_id);
      return null;
    },
  }),
  defineAction({
    name: 'upload_image_to_qun_album',
    origin: 'napcat',
    summary: 'Upload one photo (or video) to an album; it is stored in the media store',
    params: P.object({
      group_id: groupId,
      album_id: albumId,
      album_name: P.str("The album's name (NapCat requires it; the album is found by its id)"),
      file: P.str('Image: file path, file:// or http(s) URL, base64://, data: URL or a Catnap media id', { minLength: 1 }),
    }),
    result: Type.Null(),
    async handler(ctx, params) {
      await ctx.world.albums.upload(ctx.selfId, params.group_id, params.album_id, [params.file]);
      return null;
    },
  }),
  defineAction({
    name: 'upload_group_album',
    origin: 'llbot',
    summary: 'Upload photos and videos to an album as one batch; unreadable files are counted, not fatal (LLBot)',
    params: P.object({
      group_id: groupId,
      album_id: albumId,
      files: Type.Array(P.str('A photo or video: path, URL, base64:// or a Catnap media id', { minLength: 1 }), {
        minItems: 1,
        maxItems: 50,
      }),
    }),
    result: Type.Object({ success_count: Type.Integer(), fail_count: Type.Integer(), fail_indexes: Type.Array(Type.Integer()) }),
    async handler(ctx, params) {
      const result = await ctx.world.albums.upload(ctx.selfId, params.group_id, params.album_id, params.files, true);
      return { success_count: result.media.length, fail_count: result.failed.length, fail_indexes: result.failed };
    },
  }),
  defineAction({
    name: 'get_group_album_media_list',
    origin: 'napcat',
    summary: "An album's photos and videos, oldest first, with likes and comment counts (NapCat's and LLBot's name)",
    params: P.object({ group_id: groupId, album_id: albumId, attach_info: attachInfo }),
    result: AlbumMediaPage,
    async handler(ctx, params) {
      const start = cursor(params.attach_info);
      const { album, media } = await ctx.world.albums.mediaList(ctx.selfId, params.group_id, params.album_id);
      const page = media.slice(start, start + mediaPage);
      const next = start + page.length;
      const nicks = await nicknames(ctx, [album.creatorId, ...page.map((medium) => medium.uploaderId)]);
      const [info] = await albumInfos(ctx, [album]);
      return {
        album: info!,
        media_list: page.map((medium) => toAlbumMediaItem(params.group_id, medium, medium, nicks, ctx.services.urls)),
        next_attach_info: next < media.length ? String(next) : '',
        next_has_more: next < media.length,
      };
    },
  }),
  defineAction({
    name: 'del_group_album_media',
    origin: 'napcat',
    summary: 'Delete a photo or video from an album (its uploader, an admin or the owner)',
    params: P.object({ group_id: groupId, album_id: albumId, lloc }),
    result: Done,
    async handler(ctx, params) {
      await ctx.world.albums.removeMedia(ctx.selfId, params.group_id, params.album_id, params.lloc);
      return { result: {} };
    },
  }),
  ...(['set_group_album_media_like', 'cancel_group_album_media_like'] as const).map((name) =>
    defineAction({
      name,
      origin: 'napcat',
      summary:
        name === 'set_group_album_media_like'
          ? 'Like a photo, or a whole upload batch when lloc is left out (again changes nothing)'
          : 'Take back a like of a photo or of a whole upload batch',
      params: P.object({
        group_id: groupId,
        album_id: albumId,
        batch_id: P.str('batch_id of the upload (from get_group_album_media_list)', { minLength: 1 }),
        lloc: P.optional(lloc),
      }),
      result: Done,
      async handler(ctx, params) {
        const target = params.lloc === undefined ? { batchId: params.batch_id } : { lloc: params.lloc, batchId: params.batch_id };
        await ctx.world.albums.setLike(ctx.selfId, params.group_id, params.album_id, target, name === 'set_group_album_media_like');
        return { result: {} };
      },
    }),
  ),
  defineAction({
    name: 'do_group_album_comment',
    origin: 'napcat',
    summary: 'Comment on a photo or video (plain text, any member)',
    params: P.object({ group_id: groupId, album_id: albumId, lloc, content: P.str('The comment', { minLength: 1, maxLength: 500 }) }),
    result: Done,
    async handler(ctx, params) {
      await ctx.world.albums.comment(ctx.selfId, params.group_id, params.album_id, params.lloc, params.content);
      return { result: {} };
    },
  }),
];
