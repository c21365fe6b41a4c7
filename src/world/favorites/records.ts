/** An entry of an account's QQ favourites (收藏). */
export interface Collection {
  readonly collectionId: number;
  readonly ownerId: number;
  /** QQ's collection type: 1 text, 2 link, 3 gallery, ... (create_collection makes text). */
  readonly category: number;
  readonly rawData: string;
  readonly brief: string;
  readonly createTime: number;
}

/** A sticker in an account's favourite faces (收藏表情). */
export interface CustomFace {
  /** QQ's emoji_id. */
  readonly emojiId: number;
  readonly ownerId: number;
  readonly blobId: string;
  readonly md5: string;
  /** QQ's resource id of the uploaded picture. */
  readonly resId: string;
  readonly name: string;
  readonly size: number;
  readonly description: string;
  readonly packageId: number;
  readonly isMarkFace: boolean;
  readonly createTime: number;
}
