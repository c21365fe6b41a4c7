import type { GroupFile, GroupFolder, PrivateFile } from '../../files/records.js';
import type { GroupFileRepository, PrivateFileRepository } from '../file-store.js';
import type { SqliteDatabase } from './database.js';
import type { UnitJournal, WriteStatement } from './unit-journal.js';

interface FolderRow {
  folder_id: string;
  group_id: number;
  name: string;
  creator_id: number;
  create_time: number;
  modifier_id: number;
  modify_time: number;
}

const toFolder = (row: FolderRow): GroupFolder => ({
  folderId: row.folder_id,
  groupId: row.group_id,
  name: row.name,
  creatorId: row.creator_id,
  createTime: row.create_time,
  modifierId: row.modifier_id,
  modifyTime: row.modify_time,
});

interface FileRow {
  file_id: string;
  group_id: number;
  folder_id: string;
  name: string;
  blob_id: string;
  size: number;
  md5: string;
  sha1: string;
  busid: number;
  uploader_id: number;
  upload_time: number;
  modify_time: number;
  dead_time: number;
  download_times: number;
}

const toFile = (row: FileRow): GroupFile => ({
  fileId: row.file_id,
  groupId: row.group_id,
  folderId: row.folder_id,
  name: row.name,
  blobId: row.blob_id,
  size: row.size,
  md5: row.md5,
  sha1: row.sha1,
  busid: row.busid,
  uploaderId: row.uploader_id,
  uploadTime: row.upload_time,
  modifyTime: row.modify_time,
  deadTime: row.dead_time,
  downloadTimes: row.download_times,
});

const newestFirst = 'ORDER BY upload_time DESC, rowid DESC';

export class SqliteGroupFileRepository implements GroupFileRepository {
  readonly #insertFolder: WriteStatement;
  readonly #renameFolder: WriteStatement;
  readonly #deleteFolder: WriteStatement;
  readonly #deleteFolderFiles: WriteStatement;
  readonly #insertFile: WriteStatement;
  readonly #deleteFile: WriteStatement;
  readonly #countDownload: WriteStatement;
  readonly #journal: UnitJournal;
  constructor(
    private readonly db: SqliteDatabase,
    journal: UnitJournal,
  ) {
    this.#journal = journal;
    this.#insertFolder = journal.write(`INSERT INTO group_folders (folder_id, group_id, name, creator_id, create_time, modifier_id,
      modify_time) VALUES (?, ?, ?, ?, ?, ?, ?)`);
    this.#renameFolder = journal.write(
      'UPDATE group_folders SET name = ?, modifier_id = ?, modify_time = ? WHERE group_id = ? AND folder_id = ?',
    );
    this.#deleteFolder = journal.write('DELETE FROM group_folders WHERE group_id = ? AND folder_id = ?');
    this.#deleteFolderFiles = journal.write('DELETE FROM group_files WHERE group_id = ? AND folder_id = ?');
    this.#insertFile = journal.write(`INSERT INTO group_files (file_id, group_id, folder_id, name, blob_id, size, md5, sha1, busid,
      uploader_id, upload_time, modify_time, dead_time, download_times)
      VALUES (@fileId, @groupId, @folderId, @name, @blobId, @size, @md5, @sha1, @busid, @uploaderId,
      @uploadTime, @modifyTime, @deadTime, @downloadTimes)`);
    this.#deleteFile = journal.write('DELETE FROM group_files WHERE group_id = ? AND file_id = ?');
    this.#countDownload = journal.write('UPDATE group_files SET download_times = download_times + 1 WHERE file_id = ?');
  }

  insertFolder(folder: GroupFolder): void {
    this.#insertFolder.run(
      folder.folderId,
      folder.groupId,
      folder.name,
      folder.creatorId,
      folder.createTime,
      folder.modifierId,
      folder.modifyTime,
    );
  }

  getFolder(groupId: number, folderId: string): GroupFolder | undefined {
    const row = this.db
      .prepare<[number, string], FolderRow>('SELECT * FROM group_folders WHERE group_id = ? AND folder_id = ?')
      .get(groupId, folderId);
    return row && toFolder(row);
  }

  findFolderByName(groupId: number, name: string): GroupFolder | undefined {
    const row = this.db
      .prepare<[number, string], FolderRow>('SELECT * FROM group_folders WHERE group_id = ? AND name = ?')
      .get(groupId, name);
    return row && toFolder(row);
  }

  folders(groupId: number): GroupFolder[] {
    return this.db
      .prepare<[number], FolderRow>('SELECT * FROM group_folders WHERE group_id = ? ORDER BY create_time DESC, rowid DESC')
      .all(groupId)
      .map(toFolder);
  }

  renameFolder(groupId: number, folderId: string, change: { name: string; modifierId: number; modifyTime: number }): GroupFolder {
    this.#renameFolder.run(change.name, change.modifierId, change.modifyTime, groupId, folderId);
    const folder = this.getFolder(groupId, folderId);
    if (!folder) throw new Error(`folder ${folderId} of group ${groupId} vanished during rename`);
    return folder;
  }

  deleteFolder(groupId: number, folderId: string): GroupFile[] {
    const files = this.db
      .prepare<[number, string], FileRow>('SELECT * FROM group_files WHERE group_id = ? AND folder_id = ?')
      .all(groupId, folderId)
      .map(toFile);
    this.#deleteFolderFiles.run(groupId, folderId);
    this.#deleteFolder.run(groupId, folderId);
    return files;
  }

  insertFile(file: GroupFile): void {
    this.#insertFile.run({ ...file });
  }

  getFile(groupId: number, fileId: string): GroupFile | undefined {
    const row = this.db
      .prepare<[number, string], FileRow>('SELECT * FROM group_files WHERE group_id = ? AND file_id = ?')
      .get(groupId, fileId);
    return row && toFile(row);
  }

  findFile(fileId: string): GroupFile | undefined {
    const row = this.db.prepare<[string], FileRow>('SELECT * FROM group_files WHERE file_id = ?').get(fileId);
    return row && toFile(row);
  }

  files(groupId: number, folderId: string): GroupFile[] {
    return this.db
      .prepare<[number, string], FileRow>(`SELECT * FROM group_files WHERE group_id = ? AND folder_id = ? ${newestFirst}`)
      .all(groupId, folderId)
      .map(toFile);
  }

  allFiles(groupId: number): GroupFile[] {
    return this.db.prepare<[number], FileRow>(`SELECT * FROM group_files WHERE group_id = ? ${newestFirst}`).all(groupId).map(toFile);
  }

  updateFile(groupId: number, fileId: string, patch: Partial<Pick<GroupFile, 'folderId' | 'name' | 'modifyTime' | 'deadTime'>>): GroupFile {
    const sets: string[] = [];
    const values: unknown[] = [];
    if (patch.folderId !== undefined) {
      sets.push('folder_id = ?');
      values.push(patch.folderId);
    }
    if (patch.name !== undefined) {
      sets.push('name = ?');
      values.push(patch.name);
    }
    if (patch.modifyTime !== undefined) {
      sets.push('modify_time = ?');
      values.push(patch.modifyTime);
    }
    if (patch.deadTime !== undefined) {
      sets.push('dead_time = ?');
      values.push(patch.deadTime);
    }
    if (sets.length > 0)
      this.#journal.write(`UPDATE group_files SET ${sets.join(', ')} WHERE group_id = ? AND file_id = ?`).run(...values, groupId, fileId);
    const updated = this.getFile(groupId, fileId);
    if (!updated) throw new Error(`group file ${fileId} vanished during update`);
    return updated;
  }

  deleteFile(groupId: number, fileId: string): boolean {
    return this.#deleteFile.run(groupId, fileId).changes > 0;
  }

  countDownload(fileId: string): void {
    this.#countDownload.run(fileId);
  }

  usage(groupId: number): { count: number; bytes: number } {
    return this.db
      .prepare<[number], { count: number; bytes: number }>(
        'SELECT COUNT(*) AS count, COALESCE(SUM(size), 0) AS bytes FROM group_files WHERE group_id = ?',
      )
      .get(groupId)!;
  }
}

interface PrivateFileRow {
  file_id: string;
  sender_id: number;
  receiver_id: number;
  name: string;
  blob_id: string;
  size: number;
  md5: string;
  upload_time: number;
}

export class SqlitePrivateFileRepository implements PrivateFileRepository {
  readonly #insert: WriteStatement;
  constructor(
    private readonly db: SqliteDatabase,
    journal: UnitJournal,
  ) {
    this.#insert = journal.write(`INSERT INTO private_files (file_id, sender_id, receiver_id, name, blob_id, size, md5, upload_time)
      VALUES (@fileId, @senderId, @receiverId, @name, @blobId, @size, @md5, @uploadTime)`);
  }

  insert(file: PrivateFile): void {
    this.#insert.run({ ...file });
  }

  get(fileId: string): PrivateFile | undefined {
    const row = this.db.prepare<[string], PrivateFileRow>('SELECT * FROM private_files WHERE file_id = ?').get(fileId);
    return (
      row && {
        fileId: row.file_id,
        senderId: row.sender_id,
        receiverId: row.receiver_id,
        name: row.name,
        blobId: row.blob_id,
        size: row.size,
        md5: row.md5,
        uploadTime: row.upload_time,
      }
    );
  }
}
