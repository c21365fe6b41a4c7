/** Group albums (QQ's 群相册) as the world stores them. */

export interface GroupAlbum {
  /** QQ-style opaque id, unique in the world. */
  readonly albumId: string;
  readonly groupId: number;
  readonly creatorId: number;
  readonly name: string;
  readonly description: string;
  readonly createTime: number;
  readonly modifyTime: number;
}

/** An album with what its listing shows: how many media it holds, its newest upload. */
export interface AlbumSummary extends GroupAlbum {
  readonly mediaCount: number;
  readonly lastUploadTime: number;
  /** The newest medium (QQ shows it as the cover), if any. */
  readonly cover?: AlbumMedia;
}

export type AlbumMediaKind = 'image' | 'video';

/** One photo or video in an album. `lloc` is QQ's name for a medium's id. */
export interface AlbumMedia {
  readonly lloc: string;
  readonly albumId: string;
  /** Every medium of one upload call shares a batch id (likes may name the whole batch). */
  readonly batchId: string;
  readonly uploaderId: number;
  readonly kind: AlbumMediaKind;
  readonly blobId: string;
  readonly name: string;
  readonly mime: string;
  readonly size: number;
  readonly width: number;
  readonly height: number;
  readonly uploadTime: number;
  /** Its place in the album, oldest first (1-based). */
  readonly order: number;
}

/** A medium's likes (of it alone, not of its batch) and comments as one viewer sees them. */
export interface AlbumMediaStats {
  readonly likeCount: number;
  readonly likedByViewer: boolean;
  readonly commentCount: number;
}

/** A medium with its likes and comments as one viewer sees them. */
export interface AlbumMediaView extends AlbumMedia, AlbumMediaStats {}

export interface AlbumComment {
  readonly lloc: string;
  readonly userId: number;
  readonly content: string;
  readonly time: number;
}

/** A like names a medium (its lloc; with `batchId`, the medium must belong to that batch) or a whole upload batch. */
export type AlbumLikeTarget = { readonly lloc: string; readonly batchId?: string } | { readonly batchId: string };

export const likeTargetKey = (target: AlbumLikeTarget): string => ('lloc' in target ? target.lloc : `batch:${target.batchId}`);
