import { Type, type Static } from '@sinclair/typebox';
import type { PublicUrls } from '../../util/public-urls.js';
import type { AlbumMedia, AlbumMediaView, AlbumSummary } from '../../world/albums/album-model.js';

/**
 * Group albums in the shape QQ's album service answers (snake_case, 64-bit numbers as strings),
 * which NapCat passes through and LLBot converts to the same snake_case names. Only the fields
 * the world has are served; LLBot types every field as optional.
 */

const PhotoUrl = Type.Object({ url: Type.String(), width: Type.Integer(), height: Type.Integer() });

export const AlbumImage = Type.Object({
  name: Type.String(),
  sloc: Type.String(),
  lloc: Type.String(),
  photo_url: Type.Array(Type.Object({ spec: Type.Integer(), url: PhotoUrl })),
  default_url: PhotoUrl,
  is_gif: Type.Boolean(),
  has_raw: Type.Boolean(),
});

export const AlbumVideo = Type.Object({
  id: Type.String(),
  url: Type.String(),
  width: Type.Integer(),
  height: Type.Integer(),
  video_time: Type.String(),
});

export const AlbumUser = Type.Object({ uin: Type.String(), nick: Type.String() });

export const AlbumMediaItem = Type.Object({
  /** 0 a photo, 1 a video. */
  type: Type.Integer(),
  image: Type.Union([AlbumImage, Type.Null()]),
  video: Type.Union([AlbumVideo, Type.Null()]),
  desc: Type.String(),
  uploader: Type.String(),
  batch_id: Type.String(),
  upload_time: Type.String(),
  upload_order: Type.Integer(),
  like: Type.Object({ key: Type.String(), num: Type.Integer(), liked: Type.Boolean() }),
  comment: Type.Object({ num: Type.Integer() }),
  upload_user: AlbumUser,
});
export type AlbumMediaItem = Static<typeof AlbumMediaItem>;

export const AlbumInfo = Type.Object({
  album_id: Type.String(),
  /** The group number. */
  owner: Type.String(),
  name: Type.String(),
  desc: Type.String(),
  create_time: Type.String(),
  modify_time: Type.String(),
  last_upload_time: Type.String(),
  upload_number: Type.String(),
  /** The newest photo or video, or null for an empty album. */
  cover: Type.Union([AlbumMediaItem, Type.Null()]),
  creator: AlbumUser,
});
export type AlbumInfo = Static<typeof AlbumInfo>;

export const AlbumMediaPage = Type.Object({
  album: AlbumInfo,
  media_list: Type.Array(AlbumMediaItem),
  next_attach_info: Type.String(),
  next_has_more: Type.Boolean(),
});

type Nicks = ReadonlyMap<number, string>;

/** The id QQ's like service names a medium by (`421_1_0_<group>|<album>|<lloc>`). */
export const albumLikeKey = (groupId: number, albumId: string, id: string) => `421_1_0_${groupId}|${albumId}|${id}`;

export function toAlbumMediaItem(
  groupId: number,
  medium: AlbumMedia,
  view: Pick<AlbumMediaView, 'likeCount' | 'likedByViewer' | 'commentCount'>,
  nicks: Nicks,
  urls: PublicUrls,
): AlbumMediaItem {
  const url = urls.media(medium.blobId, medium.name);
  const size = { url, width: medium.width, height: medium.height };
  return {
    type: medium.kind === 'image' ? 0 : 1,
    image:
      medium.kind === 'image'
        ? {
            name: medium.name,
            sloc: medium.lloc,
            lloc: medium.lloc,
            photo_url: [{ spec: 1, url: size }],
            default_url: size,
            is_gif: medium.mime === 'image/gif',
            has_raw: true,
          }
        : null,
    video: medium.kind === 'video' ? { id: medium.lloc, url, width: medium.width, height: medium.height, video_time: '0' } : null,
    desc: '',
    uploader: String(medium.uploaderId),
    batch_id: medium.batchId,
    upload_time: String(medium.uploadTime),
    upload_order: medium.order,
    like: { key: albumLikeKey(groupId, medium.albumId, medium.lloc), num: view.likeCount, liked: view.likedByViewer },
    comment: { num: view.commentCount },
    upload_user: { uin: String(medium.uploaderId), nick: nicks.get(medium.uploaderId) ?? '' },
  };
}

export function toAlbumInfo(
  album: AlbumSummary,
  coverView: Pick<AlbumMediaView, 'likeCount' | 'likedByViewer' | 'commentCount'> | undefined,
  nicks: Nicks,
  urls: PublicUrls,
): AlbumInfo {
  return {
    album_id: album.albumId,
    owner: String(album.groupId),
    name: album.name,
    desc: album.description,
    create_time: String(album.createTime),
    modify_time: String(album.modifyTime),
    last_upload_time: String(album.lastUploadTime),
    upload_number: String(album.mediaCount),
    cover: album.cover
      ? toAlbumMediaItem(album.groupId, album.cover, coverView ?? { likeCount: 0, likedByViewer: false, commentCount: 0 }, nicks, urls)
      : null,
    creator: { uin: String(album.creatorId), nick: nicks.get(album.creatorId) ?? '' },
  };
}
