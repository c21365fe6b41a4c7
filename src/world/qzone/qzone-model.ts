/**
 * Who may see a QZone post, as QQ numbers it (NapCat's `ugc_right`): 1 everyone, 4 friends,
 * 16 only the named friends, 64 only the poster, 128 every friend but the named ones.
 */
export const qzoneRights = [1, 4, 16, 64, 128] as const;
export type QzoneRight = (typeof qzoneRights)[number];

export interface QzoneImage {
  readonly blobId: string;
  readonly name: string;
  readonly width: number;
  readonly height: number;
}

/** A QZone post (说说). */
export interface QzonePost {
  /** QZone's id of the post. */
  readonly tid: string;
  readonly ownerId: number;
  readonly content: string;
  readonly images: readonly QzoneImage[];
  readonly right: QzoneRight;
  /** The people `right` 16 or 128 names. */
  readonly targets: readonly number[];
  readonly createTime: number;
}

export interface QzoneRepository {
  insert(post: QzonePost): void;
  get(tid: string): QzonePost | undefined;
  /** An account's posts, newest first. */
  listByOwner(ownerId: number): QzonePost[];
  remove(tid: string): boolean;
}
