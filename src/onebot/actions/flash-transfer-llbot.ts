import { Type } from '@sinclair/typebox';
import { flashShareLink, type FlashFileSet } from '../../world/flash/records.js';
import { nowSeconds } from '../../util/clock.js';
import { defineAction, type ActionContext, type AnyActionSpec } from '../action.js';
import { badParams } from '../error-catalogue.js';
import { P } from '../schema.js';
import { FlashDownload, shareCodeOf, toFlashDownloads, totalSize } from '../shapes/flash.js';

/** LLBot names a set by its share link or its id; a link opens it for the account (as get_fileset_id does). */
const setParams = P.object({
  share_link: P.optional(P.str('Share link (https://qfile.qq.com/q/<code>)')),
  file_set_id: P.optional(P.str('File set id')),
});

async function setOf(ctx: ActionContext, params: { share_link?: string; file_set_id?: string }): Promise<FlashFileSet> {
  if (params.share_link) {
    if (!/qfile\.qq\.com\/q\/[\w-]+/.test(params.share_link))
      throw badParams('share_link: is not a link of the form https://qfile.qq.com/q/<code>');
    return ctx.world.flash.redeem(ctx.selfId, shareCodeOf(params.share_link));
  }
  if (!params.file_set_id) throw badParams('share_link or file_set_id: one is required');
  return ctx.world.flash.require(ctx.selfId, params.file_set_id);
}

/** LLBot's flash transfer (闪传) actions, over the same file sets as NapCat's. */
export const llbotFlashActions: AnyActionSpec[] = [
  defineAction({
    name: 'upload_flash_file',
    origin: 'llbot',
    summary: 'Upload files as a flash transfer set; answers its id, share link, expiry and download URLs',
    params: P.object({
      title: P.optional(P.str('Name of the set (default: the first file name)')),
      paths: Type.Array(P.str('A file: a path under media.fileRoots, file://, http(s)://, base64:// or a file id', { minLength: 1 }), {
        minItems: 1,
      }),
    }),
    result: Type.Object({
      file_set_id: Type.String(),
      share_link: Type.String(),
      expire_time: Type.Integer(),
      downloads: Type.Array(FlashDownload),
    }),
    async handler(ctx, params) {
      const set = await ctx.world.flash.create(
        ctx.selfId,
        params.paths.map((source) => ({ source })),
        params.title,
      );
      return {
        file_set_id: set.filesetId,
        share_link: flashShareLink(set.shareCode),
        expire_time: set.expireTime,
        downloads: toFlashDownloads(set, ctx.services.urls, nowSeconds(ctx.world.clock)),
      };
    },
  }),
  defineAction({
    name: 'get_flash_file_info',
    origin: 'llbot',
    summary: 'A flash transfer set by share link or id: title, link, total size and files',
    params: setParams,
    result: Type.Object({
      file_set_id: Type.String(),
      title: Type.String(),
      share_link: Type.String(),
      total_file_size: Type.Integer(),
      files: Type.Array(Type.Object({ name: Type.String(), size: Type.Integer() })),
    }),
    async handler(ctx, params) {
      const set = await setOf(ctx, params);
      return {
        file_set_id: set.filesetId,
        title: set.name,
        share_link: flashShareLink(set.shareCode),
        total_file_size: totalSize(set),
        files: set.files.map((file) => ({ name: file.name, size: file.size })),
      };
    },
  }),
  defineAction({
    name: 'get_flash_file_download_urls',
    origin: 'llbot',
    summary: 'Download URLs of every file of a flash transfer set (served by Catnap; `expire` = seconds the set stays open)',
    params: setParams,
    result: Type.Object({ file_set_id: Type.String(), share_link: Type.String(), files: Type.Array(FlashDownload) }),
    async handler(ctx, params) {
      const set = await setOf(ctx, params);
      return {
        file_set_id: set.filesetId,
        share_link: flashShareLink(set.shareCode),
        files: toFlashDownloads(set, ctx.services.urls, nowSeconds(ctx.world.clock)),
      };
    },
  }),
  defineAction({
    name: 'download_flash_file',
    origin: 'llbot',
    summary: 'Save a flash transfer set (recorded: its listing then shows it downloaded)',
    params: setParams,
    result: Type.Null(),
    async handler(ctx, params) {
      const set = await setOf(ctx, params);
      await ctx.world.flash.download(ctx.selfId, set.filesetId);
      return null;
    },
  }),
  defineAction({
    name: 'reshare_flash_file',
    origin: 'llbot',
    summary: 'Share the files of a set again: a new set and share link, open for 14 days from now',
    params: setParams,
    result: Type.Object({ file_set_id: Type.String(), share_link: Type.String(), expire_time: Type.Integer() }),
    async handler(ctx, params) {
      const set = await ctx.world.flash.reshare(ctx.selfId, (await setOf(ctx, params)).filesetId);
      return { file_set_id: set.filesetId, share_link: flashShareLink(set.shareCode), expire_time: set.expireTime };
    },
  }),
];
