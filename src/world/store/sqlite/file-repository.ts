import type { GroupFile, GroupFolder, PrivateFile } from '../../files/records.js';
import type { GroupFileRepository, PrivateFileRepository } from '../extras-repositories.js';
import type { SqliteDatabase } from './database.js';

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
  constructor(private readonly db: SqliteDatabase) {}

  async insertFolder(folder: GroupFolder): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO group_folders (folder_id, group_id, name, creator_id, create_time, modifier_id, modify_time)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(folder.folderId, folder.groupId, folder.name, folder.creatorId, folder.createTime, folder.modifierId, folder.modifyTime);
  }

  async getFolder(groupId: number, folderId: string): Promise<GroupFolder | undefined> {
    const row = this.db
      .prepare<[number, string], FolderRow>('SELECT * FROM group_folders WHERE group_id = ? AND folder_id = ?')
      .get(groupId, folderId);
    return row && toFolder(row);
  }

  async findFolderByName(groupId: number, name: string): Promise<GroupFolder | undefined> {
    const row = this.db
      .prepare<[number, string], FolderRow>('SELECT * FROM group_folders WHERE group_id = ? AND name = ?')
      .get(groupId, name);
    return row && toFolder(row);
  }

  async folders(groupId: number): Promise<GroupFolder[]> {
    return this.db
      .prepare<[number], FolderRow>('SELECT * FROM group_folders WHERE group_id = ? ORDER BY create_time DESC, rowid DESC')
      .all(groupId)
      .map(toFolder);
  }

  async renameFolder(
    groupId: number,
    folderId: string,
    change: { name: string; modifierId: number; modifyTime: number },
  ): Promise<GroupFolder> {
    this.db
      .prepare('UPDATE group_folders SET name = ?, modifier_id = ?, modify_time = ? WHERE group_id = ? AND folder_id = ?')
      .run(change.name, change.modifierId, change.modifyTime, groupId, folderId);
    return (await this.getFolder(groupId, folderId))!;
  }

  async deleteFolder(groupId: number, folderId: string): Promise<GroupFile[]> {
    return this.db.transaction(() => {
      const files = this.db
        .prepare<[number, string], FileRow>('SELECT * FROM group_files WHERE group_id = ? AND folder_id = ?')
        .all(groupId, folderId)
        .map(toFile);
      this.db.prepare('DELETE FROM group_files WHERE group_id = ? AND folder_id = ?').run(groupId, folderId);
      this.db.prepare('DELETE FROM group_folders WHERE group_id = ? AND folder_id = ?').run(groupId, folderId);
      return files;
    })();
  }

  async insertFile(file: GroupFile): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO group_files (file_id, group_id, folder_id, name, blob_id, size, md5, sha1, busid, uploader_id,
           upload_time, modify_time, dead_time, download_times)
         VALUES (@fileId, @groupId, @folderId, @name, @blobId, @size, @md5, @sha1, @busid, @uploaderId,
           @uploadTime, @modifyTime, @deadTime, @downloadTimes)`,
      )
      .run(file);
  }

  async getFile(groupId: number, fileId: string): Promise<GroupFile | undefined> {
    const row = this.db
      .prepare<[number, string], FileRow>('SELECT * FROM group_files WHERE group_id = ? AND file_id = ?')
      .get(groupId, fileId);
    return row && toFile(row);
  }

  async findFile(fileId: string): Promise<GroupFile | undefined> {
    const row = this.db.prepare<[string], FileRow>('SELECT * FROM group_files WHERE file_id = ?').get(fileId);
    return row && toFile(row);
  }

  async files(groupId: number, folderId: string): Promise<GroupFile[]> {
    return this.db
      .prepare<[number, string], FileRow>(`SELECT * FROM group_files WHERE group_id = ? AND folder_id = ? ${newestFirst}`)
      .all(groupId, folderId)
      .map(toFile);
  }

  async allFiles(groupId: number): Promise<GroupFile[]> {
    return this.db.prepare<[number], FileRow>(`SELECT * FROM group_files WHERE group_id = ? ${newestFirst}`).all(groupId).map(toFile);
  }

  async updateFile(
    groupId: number,
    fileId: string,
    patch: Partial<Pick<GroupFile, 'folderId' | 'name' | 'modifyTime'>>,
  ): Promise<GroupFile> {
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
    if (sets.length > 0)
      this.db.prepare(`UPDATE group_files SET ${sets.join(', ')} WHERE group_id = ? AND file_id = ?`).run(...values, groupId, fileId);
    const updated = await this.getFile(groupId, fileId);
    if (!updated) throw new Error(`group file ${fileId} vanished during update`);
    return updated;
  }

  async deleteFile(groupId: number, fileId: string): Promise<boolean> {
    return this.db.prepare('DELETE FROM group_files WHERE group_id = ? AND file_id = ?').run(groupId, fileId).changes > 0;
  }

  async countDownload(fileId: string): Promise<void> {
    this.db.prepare('UPDATE group_files SET download_times = download_times + 1 WHERE file_id = ?').run(fileId);
  }

  async usage(groupId: number): Promise<{ count: number; bytes: number }> {
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
  constructor(private readonly db: SqliteDatabase) {}

  async insert(file: PrivateFile): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO private_files (file_id, sender_id, receiver_id, name, blob_id, size, md5, upload_time)
         VALUES (@fileId, @senderId, @receiverId, @name, @blobId, @size, @md5, @uploadTime)`,
      )
      .run(file);
  }

  async get(fileId: string): Promise<PrivateFile | undefined> {
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
