import { Type } from '@sinclair/typebox';
import { flashShareLink, type FlashFileSet } from '../../world/flash/records.js';
import { uidOf } from '../../world/services/account-service.js';
import { defineAction, type ActionContext, type AnyActionSpec } from '../action.js';
import { badParams } from '../error-catalogue.js';
import { P } from '../schema.js';
import { FlashFileList, FlashFileSetInfo, shareCodeOf, toFlashFileList, toFlashFileSetInfo } from '../shapes/flash.js';
import { nowSeconds } from '../../util/clock.js';

const filesetId = P.str('File set id (fileSetId from create_flash_task or get_fileset_id)', { minLength: 1 });
const ntResult = { result: Type.Integer(), errMsg: Type.String() };

/** The viewer's view of a set it may open, with the owner's nickname. */
function infoOf(ctx: ActionContext, set: FlashFileSet) {
  const owner = ctx.world.store.accounts.get(set.ownerId)?.nickname ?? String(set.ownerId);
  return toFlashFileSetInfo(set, owner, nowSeconds(ctx.world.clock), ctx.world.flash.downloadTime(ctx.selfId, set.filesetId) > 0);
}

/** NapCat's flash transfer (闪传) actions, over the world's file sets. */
export const flashTransferActions: AnyActionSpec[] = [
  defineAction({
    name: 'create_flash_task',
    origin: 'napcat',
    summary: 'Upload files as a flash transfer set with a share link that stays open for 14 days',
    description: 'Each file is any media source Catnap accepts (a path under media.fileRoots, file://, http(s)://, base64://, a file id).',
    params: P.object({
      files: Type.Union([P.str('One file', { minLength: 1 }), Type.Array(P.str('A file', { minLength: 1 }), { minItems: 1 })]),
      name: P.optional(P.str('Name of the set (default: the first file name)')),
      thumb_path: P.optional(P.str('Ignored: Catnap draws no thumbnails')),
    }),
    result: Type.Object({
      ...ntResult,
      seq: Type.Integer(),
      createFlashTransferResult: Type.Object({
        fileSetId: Type.String(),
        shareLink: Type.String(),
        expireTime: Type.String(),
        expireLeftTime: Type.String(),
      }),
    }),
    async handler(ctx, params) {
      const files = Array.isArray(params.files) ? params.files : [params.files];
      const set = await ctx.world.flash.create(
        ctx.selfId,
        files.map((source) => ({ source })),
        params.name,
      );
      return {
        result: 0,
        errMsg: '',
        seq: 0,
        createFlashTransferResult: {
          fileSetId: set.filesetId,
          shareLink: flashShareLink(set.shareCode),
          expireTime: String(set.expireTime),
          expireLeftTime: String(set.expireTime - set.createTime),
        },
      };
    },
  }),
  defineAction({
    name: 'send_flash_msg',
    origin: 'napcat',
    summary: "Send a flash transfer set's card to a group or a user; everyone in that chat may open the set",
    params: P.object({
      fileset_id: filesetId,
      user_id: P.optional(P.id('QQ number to send it to')),
      group_id: P.optional(P.id('Group to send it to')),
    }),
    result: Type.Object({
      errCode: Type.Integer(),
      errMsg: Type.String(),
      rsp: Type.Object({
        sendStatus: Type.Array(
          Type.Object({
            result: Type.Integer(),
            msg: Type.String(),
            target: Type.Object({ destType: Type.Integer(), destUid: Type.String() }),
          }),
        ),
      }),
    }),
    async handler(ctx, params) {
      const target =
        params.group_id !== undefined
          ? ({ type: 'group', groupId: params.group_id } as const)
          : params.user_id !== undefined
            ? ({ type: 'private', userId: params.user_id } as const)
            : undefined;
      if (!target) throw badParams('user_id or group_id: one is required');
      const message = await ctx.world.flash.send(ctx.selfId, params.fileset_id, target);
      // NT chat types: 1 friend, 2 group, 100 temp chat through a group.
      const destType = target.type === 'group' ? 2 : message.tempGroupId ? 100 : 1;
      const destUid = target.type === 'group' ? String(target.groupId) : uidOf(target.userId);
      return { errCode: 0, errMsg: '', rsp: { sendStatus: [{ result: 0, msg: '', target: { destType, destUid } }] } };
    },
  }),
  defineAction({
    name: 'get_share_link',
    origin: 'napcat',
    summary: "A flash transfer set's share link and when it expires",
    params: P.object({ fileset_id: filesetId }),
    result: Type.Object({ ...ntResult, shareLink: Type.String(), expireTimestamp: Type.String() }),
    async handler(ctx, params) {
      const set = await ctx.world.flash.require(ctx.selfId, params.fileset_id);
      return { result: 0, errMsg: '', shareLink: flashShareLink(set.shareCode), expireTimestamp: String(set.expireTime) };
    },
  }),
  defineAction({
    name: 'get_fileset_id',
    origin: 'napcat',
    summary: 'Open a share link: the file set id of a share code or link (the account may open the set from now on)',
    params: P.object({ share_code: P.str('The share code, or the share link', { minLength: 1 }) }),
    result: Type.Object({ fileset_id: Type.String() }),
    async handler(ctx, params) {
      const set = await ctx.world.flash.redeem(ctx.selfId, shareCodeOf(params.share_code));
      return { fileset_id: set.filesetId };
    },
  }),
  defineAction({
    name: 'get_fileset_info',
    origin: 'napcat',
    summary: 'A flash transfer set: name, size, file count, uploader, share link and expiry',
    params: P.object({ fileset_id: filesetId }),
    result: FlashFileSetInfo,
    async handler(ctx, params) {
      return infoOf(ctx, await ctx.world.flash.require(ctx.selfId, params.fileset_id));
    },
  }),
  defineAction({
    name: 'get_flash_file_list',
    origin: 'napcat',
    summary: 'The files of a flash transfer set, in order',
    params: P.object({ fileset_id: filesetId }),
    result: FlashFileList,
    async handler(ctx, params) {
      const set = await ctx.world.flash.require(ctx.selfId, params.fileset_id);
      return toFlashFileList(set, ctx.world.flash.downloadTime(ctx.selfId, set.filesetId) > 0);
    },
  }),
  defineAction({
    name: 'get_flash_file_url',
    origin: 'napcat',
    summary: 'The download URL of one file of a set, by name or index (from 0); served by Catnap',
    description: 'A file that is not in the set answers `result` -1 and an empty URL, as NapCat does.',
    params: P.object({
      fileset_id: filesetId,
      file_name: P.optional(P.str('File name')),
      file_index: P.optional(P.int('File index, from 0', { minimum: 0 })),
    }),
    result: Type.Object({ ...ntResult, transferUrl: Type.String() }),
    async handler(ctx, params) {
      if (params.file_name === undefined && params.file_index === undefined) throw badParams('file_name or file_index: one is required');
      const set = await ctx.world.flash.require(ctx.selfId, params.fileset_id);
      const file = set.files.find((candidate) => candidate.name === params.file_name || candidate.index === params.file_index);
      if (!file) return { result: -1, errMsg: '未找到对应文件', transferUrl: '' };
      return { result: 0, errMsg: '', transferUrl: ctx.services.urls.media(file.blobId, file.name) };
    },
  }),
  defineAction({
    name: 'download_fileset',
    origin: 'napcat',
    summary: 'Save a flash transfer set (recorded: its listing then shows it downloaded)',
    params: P.object({ fileset_id: filesetId }),
    result: Type.Object({ ...ntResult, extraInfo: Type.Null() }),
    async handler(ctx, params) {
      await ctx.world.flash.download(ctx.selfId, params.fileset_id);
      return { result: 0, errMsg: '', extraInfo: null };
    },
  }),
];
