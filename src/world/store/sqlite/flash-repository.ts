import type { FlashFile, FlashFileSet, FlashShare } from '../../flash/records.js';
import type { FlashRepository } from '../flash-store.js';
import type { SqliteDatabase } from './database.js';
import type { UnitJournal, WriteStatement } from './unit-journal.js';

interface SetRow {
  fileset_id: string;
  owner_id: number;
  name: string;
  share_code: string;
  create_time: number;
  expire_time: number;
}
interface FileRow {
  idx: number;
  file_id: string;
  name: string;
  blob_id: string;
  size: number;
  sha1: string;
}

/** Flash transfer sets, their files, viewers, shares and downloads (migration 020). */
export class SqliteFlashRepository implements FlashRepository {
  readonly #insertSet: WriteStatement;
  readonly #insertFile: WriteStatement;
  readonly #addViewer: WriteStatement;
  readonly #addShare: WriteStatement;
  readonly #download: WriteStatement;
  readonly #get;
  readonly #byCode;
  readonly #owned;
  readonly #files;
  readonly #viewer;
  readonly #shares;
  readonly #downloaded;

  constructor(db: SqliteDatabase, journal: UnitJournal) {
    this.#insertSet = journal.write(
      'INSERT INTO flash_filesets (fileset_id, owner_id, name, share_code, create_time, expire_time) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.#insertFile = journal.write(
      'INSERT INTO flash_files (fileset_id, idx, file_id, name, blob_id, size, sha1) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.#addViewer = journal.write('INSERT OR IGNORE INTO flash_viewers (fileset_id, user_id) VALUES (?, ?)');
    this.#addShare = journal.write('INSERT OR IGNORE INTO flash_shares (fileset_id, kind, peer_a, peer_b) VALUES (?, ?, ?, ?)');
    this.#download = journal.write('INSERT OR REPLACE INTO flash_downloads (fileset_id, user_id, time) VALUES (?, ?, ?)');
    this.#get = db.prepare<[string], SetRow>('SELECT * FROM flash_filesets WHERE fileset_id = ?');
    this.#byCode = db.prepare<[string], SetRow>('SELECT * FROM flash_filesets WHERE share_code = ?');
    this.#owned = db.prepare<[number], SetRow>('SELECT * FROM flash_filesets WHERE owner_id = ? ORDER BY create_time DESC, rowid DESC');
    this.#files = db.prepare<[string], FileRow>('SELECT * FROM flash_files WHERE fileset_id = ? ORDER BY idx');
    this.#viewer = db.prepare<[string, number], { one: number }>('SELECT 1 AS one FROM flash_viewers WHERE fileset_id = ? AND user_id = ?');
    this.#shares = db.prepare<[string], { kind: 'group' | 'private'; peer_a: number; peer_b: number }>(
      'SELECT kind, peer_a, peer_b FROM flash_shares WHERE fileset_id = ?',
    );
    this.#downloaded = db.prepare<[string, number], { time: number }>(
      'SELECT time FROM flash_downloads WHERE fileset_id = ? AND user_id = ?',
    );
  }

  insert(set: FlashFileSet): void {
    this.#insertSet.run(set.filesetId, set.ownerId, set.name, set.shareCode, set.createTime, set.expireTime);
    for (const file of set.files)
      this.#insertFile.run(set.filesetId, file.index, file.fileId, file.name, file.blobId, file.size, file.sha1);
  }

  get(filesetId: string): FlashFileSet | undefined {
    const row = this.#get.get(filesetId);
    return row && this.#withFiles(row);
  }

  byShareCode(code: string): FlashFileSet | undefined {
    const row = this.#byCode.get(code);
    return row && this.#withFiles(row);
  }

  ownedBy(userId: number): FlashFileSet[] {
    return this.#owned.all(userId).map((row) => this.#withFiles(row));
  }

  isViewer(filesetId: string, userId: number): boolean {
    return this.#viewer.get(filesetId, userId) !== undefined;
  }

  addViewer(filesetId: string, userId: number): void {
    this.#addViewer.run(filesetId, userId);
  }

  shares(filesetId: string): FlashShare[] {
    return this.#shares
      .all(filesetId)
      .map((row): FlashShare =>
        row.kind === 'group' ? { kind: 'group', groupId: row.peer_a } : { kind: 'private', userIds: [row.peer_a, row.peer_b] },
      );
  }

  addShare(filesetId: string, share: FlashShare): void {
    if (share.kind === 'group') this.#addShare.run(filesetId, 'group', share.groupId, 0);
    else this.#addShare.run(filesetId, 'private', share.userIds[0], share.userIds[1]);
  }

  downloadTime(filesetId: string, userId: number): number {
    return this.#downloaded.get(filesetId, userId)?.time ?? 0;
  }

  recordDownload(filesetId: string, userId: number, time: number): void {
    this.#download.run(filesetId, userId, time);
  }

  #withFiles(row: SetRow): FlashFileSet {
    const files = this.#files.all(row.fileset_id).map((file): FlashFile => ({
      index: file.idx,
      fileId: file.file_id,
      name: file.name,
      blobId: file.blob_id,
      size: file.size,
      sha1: file.sha1,
    }));
    return {
      filesetId: row.fileset_id,
      ownerId: row.owner_id,
      name: row.name,
      shareCode: row.share_code,
      createTime: row.create_time,
      expireTime: row.expire_time,
      files,
    };
  }
}
