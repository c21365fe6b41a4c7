import { Type, type Static } from '@sinclair/typebox';
import type { Collection, CustomFace } from '../../world/favorites/records.js';
import { uidOf } from '../../world/services/account-service.js';
import { defineAction, type ActionContext, type AnyActionSpec } from '../action.js';
import { badParams } from '../error-catalogue.js';
import { P } from '../schema.js';
import { NtResult, ntResultWith } from '../shapes/nt-result.js';

/** NT's collection item (get_collection_list), a text favourite; the other summaries stay null. */
const CollectionItem = Type.Object({
  cid: Type.String(),
  type: Type.Integer(),
  status: Type.Integer(),
  author: Type.Object({
    type: Type.Integer(),
    numId: Type.String(),
    strId: Type.String(),
    groupId: Type.String(),
    groupName: Type.String(),
    uid: Type.String(),
  }),
  bid: Type.Integer(),
  category: Type.Integer(),
  createTime: Type.String(),
  collectTime: Type.String(),
  modifyTime: Type.String(),
  sequence: Type.String(),
  shareUrl: Type.String(),
  customGroupId: Type.Integer(),
  securityBeat: Type.Boolean(),
  summary: Type.Object({
    textSummary: Type.Object({ brief: Type.String(), rawData: Type.String() }),
    linkSummary: Type.Null(),
    gallerySummary: Type.Null(),
    audioSummary: Type.Null(),
    videoSummary: Type.Null(),
    fileSummary: Type.Null(),
    locationSummary: Type.Null(),
    richMediaSummary: Type.Null(),
  }),
});

/** NT's collection search result, as NapCat passes it through. */
const CollectionList = Type.Object({
  errCode: Type.Integer(),
  errMsg: Type.String(),
  collectionSearchList: Type.Object({
    collectionItemList: Type.Array(CollectionItem),
    hasMore: Type.Boolean(),
    bottomTimeStamp: Type.String(),
  }),
});

function toCollectionItem(item: Collection, nickname: string): Static<typeof CollectionItem> {
  const ms = String(item.createTime * 1000);
  return {
    cid: String(item.collectionId),
    type: item.category,
    status: 1,
    author: { type: 1, numId: String(item.ownerId), strId: nickname, groupId: '0', groupName: '', uid: uidOf(item.ownerId) },
    bid: 1,
    category: item.category,
    createTime: ms,
    collectTime: ms,
    modifyTime: ms,
    sequence: String(item.collectionId),
    shareUrl: '',
    customGroupId: 0,
    securityBeat: false,
    summary: {
      textSummary: { brief: item.brief, rawData: item.rawData },
      linkSummary: null,
      gallerySummary: null,
      audioSummary: null,
      videoSummary: null,
      fileSummary: null,
      locationSummary: null,
      richMediaSummary: null,
    },
  };
}

/** NT's favourite-emoji entry (fetch_custom_face_detail). */
const FaceDetail = Type.Object({
  uin: Type.String(),
  emoId: Type.Integer(),
  emoPath: Type.String(),
  isExist: Type.Boolean(),
  resId: Type.String(),
  url: Type.String(),
  md5: Type.String(),
  emoOriginalPath: Type.String(),
  thumbPath: Type.String(),
  RomaingType: Type.String(),
  isAPNG: Type.Boolean(),
  isMarkFace: Type.Boolean(),
  eId: Type.String(),
  epId: Type.String(),
  ocrWord: Type.String(),
  modifyWord: Type.String(),
  exposeNum: Type.Integer(),
  clickNum: Type.Integer(),
  desc: Type.String(),
});

function toFaceDetail(ctx: ActionContext, face: CustomFace): Static<typeof FaceDetail> {
  const url = ctx.services.urls.media(face.blobId, face.name);
  return {
    uin: String(face.ownerId),
    emoId: face.emojiId,
    emoPath: ctx.world.media.blobs.pathOf(face.blobId),
    isExist: true,
    resId: face.resId,
    url,
    md5: face.md5,
    emoOriginalPath: ctx.world.media.blobs.pathOf(face.blobId),
    thumbPath: '',
    RomaingType: '0',
    isAPNG: false,
    isMarkFace: face.isMarkFace,
    eId: '',
    epId: String(face.packageId),
    ocrWord: '',
    modifyWord: '',
    exposeNum: 0,
    clickNum: 0,
    desc: face.description,
  };
}

const stringList = (description: string) => P.optional(Type.Union([P.str(description), Type.Array(P.str(description))]));
const listOf = (value: string | string[] | undefined): string[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** QQ favourites (收藏) and favourite stickers (收藏表情). */
export const favoriteActions: AnyActionSpec[] = [
  defineAction({
    name: 'create_collection',
    origin: 'napcat',
    summary: 'Add a text to the favourites',
    params: P.object({ rawData: P.str('The text to keep'), brief: P.str('A short summary shown in the list') }),
    result: ntResultWith({ cid: Type.String() }),
    async handler(ctx, params) {
      const item = await ctx.world.favorites.createCollection(ctx.selfId, params.rawData, params.brief);
      return { result: 0, errMsg: '', cid: String(item.collectionId) };
    },
  }),
  defineAction({
    name: 'get_collection_list',
    origin: 'napcat',
    summary: 'The favourites, newest first (category 0 = all, 1 = text)',
    params: P.object({
      category: P.int('Collection type; 0 = every type', { minimum: 0 }),
      count: P.optional(P.int('How many; 0 or absent = 50', { minimum: 0, maximum: 500, default: 50 })),
    }),
    result: CollectionList,
    async handler(ctx, params) {
      const count = params.count || 50;
      const account = await ctx.world.accounts.require(ctx.selfId);
      const { items, hasMore } = await ctx.world.favorites.listCollections(ctx.selfId, params.category, count);
      return {
        errCode: 0,
        errMsg: '',
        collectionSearchList: {
          collectionItemList: items.map((item) => toCollectionItem(item, account.nickname)),
          hasMore,
          bottomTimeStamp: items.length > 0 ? String(items.at(-1)!.createTime * 1000) : '0',
        },
      };
    },
  }),
  defineAction({
    name: 'fetch_custom_face',
    origin: 'napcat',
    summary: 'URLs of the favourite stickers, newest first (served by Catnap)',
    params: P.object({ count: P.optional(P.int('How many', { minimum: 1, maximum: 300, default: 48 })) }),
    result: Type.Array(Type.String()),
    async handler(ctx, params) {
      const faces = await ctx.world.favorites.listCustomFaces(ctx.selfId, params.count ?? 48);
      return faces.map((face) => ctx.services.urls.media(face.blobId, face.name));
    },
  }),
  defineAction({
    name: 'get_recommend_face',
    origin: 'llbot',
    summary: 'Stickers for a word (表情联想): the favourite stickers whose description or name contains it, newest first',
    description: 'QQ recommends from its sticker servers; in the world the stickers there are are the account’s favourites.',
    params: P.object({ word: P.str('The word typed', { minLength: 1 }) }),
    result: Type.Object({ url: Type.Array(Type.String()) }),
    async handler(ctx, params) {
      const word = params.word.trim().toLowerCase();
      const faces = await ctx.world.favorites.listCustomFaces(ctx.selfId, 300);
      const matching = faces.filter((face) => `${face.description}\n${face.name}`.toLowerCase().includes(word));
      return { url: matching.map((face) => ctx.services.urls.media(face.blobId, face.name)) };
    },
  }),
  defineAction({
    name: 'fetch_custom_face_detail',
    origin: 'napcat',
    summary: 'The favourite stickers with their ids, md5, description and URL, newest first',
    params: P.object({ count: P.optional(P.int('How many', { minimum: 1, maximum: 300, default: 48 })) }),
    result: Type.Array(FaceDetail),
    async handler(ctx, params) {
      const faces = await ctx.world.favorites.listCustomFaces(ctx.selfId, params.count ?? 48);
      return faces.map((face) => toFaceDetail(ctx, face));
    },
  }),
  defineAction({
    name: 'add_custom_face',
    origin: 'napcat',
    summary: 'Add an image to the favourite stickers',
    params: P.object({
      file: P.str('The image: file://, http(s)://, base64://, a path or a file id', { minLength: 1 }),
      file_name: P.optional(P.str('Name to keep it under')),
      package_id: P.optional(Type.Union([Type.Integer({ minimum: 0 }), P.str('Sticker package id')])),
      emoji_id: P.optional(Type.Union([Type.Integer(), P.str('Ignored: Catnap assigns emoji ids')])),
      is_mark_face: P.optional(P.bool('A marketplace sticker')),
    }),
    result: ntResultWith({ emoji_id: Type.Integer(), res_id: Type.String(), md5: Type.String(), url: Type.String() }),
    async handler(ctx, params) {
      const packageId = params.package_id === undefined || params.package_id === '' ? 0 : Number(params.package_id);
      if (!Number.isInteger(packageId) || packageId < 0)
        throw badParams(`package_id: must be a non-negative integer, got ${JSON.stringify(params.package_id)}`);
      const face = await ctx.world.favorites.addCustomFace(ctx.selfId, {
        source: params.file,
        name: params.file_name,
        packageId,
        isMarkFace: params.is_mark_face,
      });
      return {
        result: 0,
        errMsg: '',
        emoji_id: face.emojiId,
        res_id: face.resId,
        md5: face.md5,
        url: ctx.services.urls.media(face.blobId, face.name),
      };
    },
  }),
  defineAction({
    name: 'delete_custom_face',
    origin: 'napcat',
    summary: 'Delete favourite stickers by emoji id (id/ids), res_id or md5',
    params: P.object({
      id: stringList('Emoji id'),
      ids: P.optional(Type.Array(P.str('Emoji id'))),
      res_id: stringList('Resource id'),
      md5: stringList('MD5 of the image'),
    }),
    result: ntResultWith({ deleted: Type.Array(Type.Integer()) }),
    async handler(ctx, params) {
      const rawIds = [...listOf(params.id), ...(params.ids ?? [])];
      const emojiIds = rawIds.map((value) => {
        const id = Number(value);
        if (!Number.isInteger(id) || id < 1) throw badParams(`id: ${JSON.stringify(value)} is not an emoji id`);
        return id;
      });
      const resIds = listOf(params.res_id);
      const md5s = listOf(params.md5);
      if (emojiIds.length + resIds.length + md5s.length === 0)
        throw badParams('id, ids, res_id or md5: name at least one sticker to delete');
      const deleted = await ctx.world.favorites.deleteCustomFaces(ctx.selfId, { emojiIds, resIds, md5s });
      return { result: 0, errMsg: '', deleted: deleted.map((face) => face.emojiId) };
    },
  }),
  defineAction({
    name: 'set_custom_face_desc',
    origin: 'napcat',
    summary: 'Set the description of a favourite sticker',
    params: P.object({
      emoji_id: P.int('Emoji id', { minimum: 1 }),
      desc: P.str('The description'),
      res_id: P.optional(P.str('Ignored: the emoji id names the sticker')),
      md5: P.optional(P.str('Ignored: the emoji id names the sticker')),
    }),
    result: NtResult,
    async handler(ctx, params) {
      await ctx.world.favorites.setCustomFaceDescription(ctx.selfId, params.emoji_id, params.desc);
      return { result: 0, errMsg: '' };
    },
  }),
];
