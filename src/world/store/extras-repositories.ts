import type { Collection, CustomFace } from '../favorites/records.js';
import type { GroupFile, GroupFolder, PrivateFile } from '../files/records.js';
import type { LikeSummary, ProfileLike } from '../profile/records.js';

/**
 * Repositories of the seed API's extras (migration 003). Like the rest of the store they are
 * asynchronous so another store can implement them.
 */
export interface LikeRepository {
  insert(like: Omit<ProfileLike, 'likeId'>): Promise<ProfileLike>;
  /** Likes `operatorId` gave `targetId` on `day`. */
  givenOn(operatorId: number, targetId: number, day: number): Promise<number>;
  /** Who liked `targetId`, newest first, with totals per liker. */
  received(targetId: number, day: number, start: number, count: number): Promise<LikeSummary[]>;
  /** Whom `operatorId` liked, newest first, with totals per target. */
  given(operatorId: number, day: number, start: number, count: number): Promise<LikeSummary[]>;
  /** Totals of likes received: all time, on `day`, and the latest like's time. */
  receivedTotals(targetId: number, day: number): Promise<{ total: number; today: number; last: number }>;
  givenTotals(operatorId: number, day: number): Promise<{ total: number; today: number; last: number }>;
}

export interface CollectionRepository {
  insert(collection: Omit<Collection, 'collectionId'>): Promise<Collection>;
  /** Newest first; `category` 0 = every category. */
  list(ownerId: number, category: number, limit: number): Promise<Collection[]>;
  count(ownerId: number, category: number): Promise<number>;
}

export interface CustomFaceRepository {
  insert(face: Omit<CustomFace, 'emojiId'>): Promise<CustomFace>;
  /** Newest first. */
  list(ownerId: number, limit: number): Promise<CustomFace[]>;
  findByMd5(ownerId: number, md5: string): Promise<CustomFace | undefined>;
  get(ownerId: number, emojiId: number): Promise<CustomFace | undefined>;
  findByResId(ownerId: number, resId: string): Promise<CustomFace | undefined>;
  remove(ownerId: number, emojiIds: readonly number[]): Promise<number>;
  setDescription(ownerId: number, emojiId: number, description: string): Promise<void>;
}

export interface GroupFileRepository {
  insertFolder(folder: GroupFolder): Promise<void>;
  getFolder(groupId: number, folderId: string): Promise<GroupFolder | undefined>;
  findFolderByName(groupId: number, name: string): Promise<GroupFolder | undefined>;
  folders(groupId: number): Promise<GroupFolder[]>;
  /** Renames a folder, recording who changed it and when; returns the folder as it is now. */
  renameFolder(groupId: number, folderId: string, change: { name: string; modifierId: number; modifyTime: number }): Promise<GroupFolder>;
  /** Deletes the folder and every file in it, in one transaction; returns the deleted files. */
  deleteFolder(groupId: number, folderId: string): Promise<GroupFile[]>;
  insertFile(file: GroupFile): Promise<void>;
  getFile(groupId: number, fileId: string): Promise<GroupFile | undefined>;
  /** A file by id in any group (file ids are unique), for the media resolver. */
  findFile(fileId: string): Promise<GroupFile | undefined>;
  /** Files of one folder ("/" = root), newest first. */
  files(groupId: number, folderId: string): Promise<GroupFile[]>;
  /** Every file of the group, newest first. */
  allFiles(groupId: number): Promise<GroupFile[]>;
  updateFile(groupId: number, fileId: string, patch: Partial<Pick<GroupFile, 'folderId' | 'name' | 'modifyTime'>>): Promise<GroupFile>;
  deleteFile(groupId: number, fileId: string): Promise<boolean>;
  countDownload(fileId: string): Promise<void>;
  usage(groupId: number): Promise<{ count: number; bytes: number }>;
}

export interface PrivateFileRepository {
  insert(file: PrivateFile): Promise<void>;
  get(fileId: string): Promise<PrivateFile | undefined>;
}
