/** One file of a flash transfer set; its bytes are the media blob `blobId`. */
export interface FlashFile {
  /** Its place in the set, from 0 (NapCat's file_index). */
  readonly index: number;
  /** A uuid of its own (QQ's cliFileId). */
  readonly fileId: string;
  readonly name: string;
  readonly blobId: string;
  readonly size: number;
  readonly sha1: string;
}

/** A flash transfer (闪传) file set: files one account uploaded, shared by a code that expires. */
export interface FlashFileSet {
  /** A uuid (QQ's fileSetId). */
  readonly filesetId: string;
  readonly ownerId: number;
  readonly name: string;
  /** The code of its share link (https://qfile.qq.com/q/<code>). */
  readonly shareCode: string;
  readonly createTime: number;
  /** Unix seconds after which nobody opens it any more. */
  readonly expireTime: number;
  readonly files: readonly FlashFile[];
}

/** A chat a set was sent to: a group, or the private chat of two accounts (smaller id first). */
export type FlashShare =
  { readonly kind: 'group'; readonly groupId: number } | { readonly kind: 'private'; readonly userIds: readonly [number, number] };

/** How long a share link stays open in QQ: 14 days. */
export const flashLifetimeSeconds = 14 * 24 * 3600;

/** QQ's share link of a code. */
export function flashShareLink(code: string): string {
  return `https://qfile.qq.com/q/${code}`;
}
