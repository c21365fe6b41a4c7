/**
 * What a group keeps beside its messages: announcements, members' daily check-ins and essence
 * messages. Plain immutable data in camelCase, like `model.ts`; times are Unix seconds.
 */

/** A group announcement (QQ's 群公告). */
export interface GroupNotice {
  /** Opaque 32-hex-digit id, like QQ's feed id. */
  readonly noticeId: string;
  readonly groupId: number;
  readonly senderId: number;
  readonly content: string;
  /** Blob id of the image in the media store, or "". */
  readonly imageBlob: string;
  readonly imageWidth: number;
  readonly imageHeight: number;
  readonly pinned: boolean;
  readonly type: number;
  readonly confirmRequired: boolean;
  readonly showEditCard: boolean;
  readonly tipWindowType: number;
  readonly publishTime: number;
}

/** One member's daily check-in (QQ's 群打卡). `day` is the China-time date, YYYY-MM-DD. */
export interface GroupSign {
  readonly groupId: number;
  readonly userId: number;
  readonly day: string;
  readonly time: number;
}

/** A group message set as essence (QQ's 精华消息). */
export interface EssenceEntry {
  readonly groupId: number;
  readonly messageId: number;
  readonly senderId: number;
  readonly operatorId: number;
  readonly time: number;
}
