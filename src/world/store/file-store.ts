import type { GroupFile, GroupFolder, PrivateFile } from '../files/records.js';

/** Group file areas and files sent in private chats; the bytes live in the media blob store. Writes run inside a unit of work. */
export interface GroupFileRepository {
  insertFolder(folder: GroupFolder): void;
  getFolder(groupId: number, folderId: string): GroupFolder | undefined;
  findFolderByName(groupId: number, name: string): GroupFolder | undefined;
  folders(groupId: number): GroupFolder[];
  /** Renames a folder, recording who changed it and when; returns the folder as it is now. */
  renameFolder(groupId: number, folderId: string, change: { name: string; modifierId: number; modifyTime: number }): GroupFolder;
  /** Deletes the folder and every file in it; returns the deleted files. */
  deleteFolder(groupId: number, folderId: string): GroupFile[];
  insertFile(file: GroupFile): void;
  getFile(groupId: number, fileId: string): GroupFile | undefined;
  /** A file by id in any group (file ids are unique), for the media resolver. */
  findFile(fileId: string): GroupFile | undefined;
  /** Files of one folder ("/" = root), newest first. */
  files(groupId: number, folderId: string): GroupFile[];
  /** Every file of the group, newest first. */
  allFiles(groupId: number): GroupFile[];
  updateFile(groupId: number, fileId: string, patch: Partial<Pick<GroupFile, 'folderId' | 'name' | 'modifyTime' | 'deadTime'>>): GroupFile;
  deleteFile(groupId: number, fileId: string): boolean;
  countDownload(fileId: string): void;
  usage(groupId: number): { count: number; bytes: number };
}

export interface PrivateFileRepository {
  insert(file: PrivateFile): void;
  get(fileId: string): PrivateFile | undefined;
}
