/** The root folder of every group's files. */
export const rootFolderId = '/';

/** A folder of a group's files. QQ folders sit in the root only, one level deep. */
export interface GroupFolder {
  /** "/" + a uuid, as QQ names folders. */
  readonly folderId: string;
  readonly groupId: number;
  readonly name: string;
  readonly creatorId: number;
  readonly createTime: number;
  readonly modifierId: number;
  readonly modifyTime: number;
}

/** A file in a group's file area; its bytes are the media blob `blobId`. */
export interface GroupFile {
  /** "/" + a uuid, as QQ names group files. */
  readonly fileId: string;
  readonly groupId: number;
  /** "/" or the folder it lies in. */
  readonly folderId: string;
  readonly name: string;
  readonly blobId: string;
  readonly size: number;
  readonly md5: string;
  readonly sha1: string;
  /** QQ's storage bus id; 102 for ordinary group files. */
  readonly busid: number;
  readonly uploaderId: number;
  readonly uploadTime: number;
  readonly modifyTime: number;
  /** 0 = kept forever. */
  readonly deadTime: number;
  readonly downloadTimes: number;
}

/** A file one account sent another in a private chat. */
export interface PrivateFile {
  readonly fileId: string;
  readonly senderId: number;
  readonly receiverId: number;
  readonly name: string;
  readonly blobId: string;
  readonly size: number;
  readonly md5: string;
  readonly uploadTime: number;
}
