import type { AlbumComment, AlbumMedia, AlbumMediaKind, AlbumMediaStats, AlbumSummary, GroupAlbum } from '../../albums/album-model.js';
import type { AlbumRepository } from '../album-store.js';
import type { SqliteDatabase } from './database.js';
import type { UnitJournal, WriteStatement } from './unit-journal.js';

interface AlbumRow {
  album_id: string;
  group_id: number;
  creator_id: number;
  name: string;
  description: string;
  create_time: number;
  modify_time: number;
}

interface MediaRow {
  lloc: string;
  album_id: string;
  batch_id: string;
  uploader_id: number;
  kind: string;
  blob_id: string;
  name: string;
  mime: string;
  size: number;
  width: number;
  height: number;
  upload_time: number;
  ord: number;
}

const toAlbum = (row: AlbumRow): GroupAlbum => ({
  albumId: row.album_id,
  groupId: row.group_id,
  creatorId: row.creator_id,
  name: row.name,
  description: row.description,
  createTime: row.create_time,
  modifyTime: row.modify_time,
});

const toMedia = (row: MediaRow): AlbumMedia => ({
  lloc: row.lloc,
  albumId: row.album_id,
  batchId: row.batch_id,
  uploaderId: row.uploader_id,
  kind: row.kind as AlbumMediaKind,
  blobId: row.blob_id,
  name: row.name,
  mime: row.mime,
  size: row.size,
  width: row.width,
  height: row.height,
  uploadTime: row.upload_time,
  order: row.ord,
});

/** The media of an album with their place in it (1-based, oldest first). */
const mediaSelect = `SELECT *, ROW_NUMBER() OVER (PARTITION BY album_id ORDER BY seq) AS ord FROM group_album_media`;

/** An album row with its count, newest upload and its newest medium (the cover), `cover_*` null when empty. */
type SummaryRow = AlbumRow & { media_count: number; last_upload: number | null } & {
  [K in keyof MediaRow as `cover_${K}`]: MediaRow[K] | null;
};

/**
 * A group's albums with their counts and covers in one statement: the group's media are numbered
 * per album once, and the album's last one (ord = its count) joined as the cover.
 */
const summarySelect = `WITH media AS (
    SELECT m.*, ROW_NUMBER() OVER (PARTITION BY m.album_id ORDER BY m.seq) AS ord,
      COUNT(*) OVER (PARTITION BY m.album_id) AS n, MAX(m.upload_time) OVER (PARTITION BY m.album_id) AS last_upload
    FROM group_album_media m JOIN group_albums g ON g.album_id = m.album_id WHERE g.group_id = @group)
  SELECT a.*, COALESCE(c.n, 0) AS media_count, c.last_upload,
    c.lloc AS cover_lloc, c.album_id AS cover_album_id, c.batch_id AS cover_batch_id, c.uploader_id AS cover_uploader_id,
    c.kind AS cover_kind, c.blob_id AS cover_blob_id, c.name AS cover_name, c.mime AS cover_mime, c.size AS cover_size,
    c.width AS cover_width, c.height AS cover_height, c.upload_time AS cover_upload_time, c.ord AS cover_ord
  FROM group_albums a LEFT JOIN media c ON c.album_id = a.album_id AND c.ord = c.n
  WHERE a.group_id = @group ORDER BY a.seq`;

function coverOf(row: SummaryRow): AlbumMedia | undefined {
  if (row.cover_lloc === null) return undefined;
  const media = Object.fromEntries(
    Object.entries(row).flatMap(([key, value]) => (key.startsWith('cover_') ? [[key.slice(6), value]] : [])),
  );
  return toMedia(media as unknown as MediaRow);
}

/**
 * Likes and comments of many media at once (a JSON array of llocs): like counts per medium (not
 * per batch), whether the viewer is among the likers, and comment counts, each by one GROUP BY.
 */
const statsSelect = `WITH wanted AS (
    SELECT album_id, lloc FROM group_album_media WHERE lloc IN (SELECT value FROM json_each(@llocs)))
  SELECT w.lloc, COALESCE(l.n, 0) AS like_count, COALESCE(l.mine, 0) AS liked, COALESCE(c.n, 0) AS comment_count
  FROM wanted w
  LEFT JOIN (SELECT l.album_id, l.target, COUNT(*) AS n, MAX(l.user_id = @viewer) AS mine
      FROM group_album_likes l JOIN wanted w ON l.album_id = w.album_id AND l.target = w.lloc GROUP BY l.album_id, l.target) l
    ON l.album_id = w.album_id AND l.target = w.lloc
  LEFT JOIN (SELECT lloc, COUNT(*) AS n FROM group_album_comments WHERE lloc IN (SELECT lloc FROM wanted) GROUP BY lloc) c
    ON c.lloc = w.lloc`;

/** The only writer of the four album tables (migration 010). */
export class SqliteAlbumRepository implements AlbumRepository {
  readonly #getAlbum;
  readonly #getMedia;
  readonly #listAlbums;
  readonly #listMedia;
  readonly #mediaStats;
  readonly #likers;
  readonly #comments;
  readonly #insertAlbum: WriteStatement;
  readonly #removeAlbum: WriteStatement;
  readonly #touchAlbum: WriteStatement;
  readonly #insertMedia: WriteStatement;
  readonly #removeMedia: WriteStatement;
  readonly #removeMediaLikes: WriteStatement;
  readonly #like: WriteStatement;
  readonly #unlike: WriteStatement;
  readonly #insertComment: WriteStatement;

  constructor(
    private readonly db: SqliteDatabase,
    journal: UnitJournal,
  ) {
    this.#getAlbum = db.prepare<[string], AlbumRow>('SELECT * FROM group_albums WHERE album_id = ?');
    this.#getMedia = db.prepare<[{ lloc: string }], MediaRow>(
      `SELECT * FROM (${mediaSelect} WHERE album_id = (SELECT album_id FROM group_album_media WHERE lloc = @lloc)) WHERE lloc = @lloc`,
    );
    this.#listAlbums = db.prepare<[{ group: number }], SummaryRow>(summarySelect);
    this.#listMedia = db.prepare<[string], MediaRow>(`${mediaSelect} WHERE album_id = ? ORDER BY seq`);
    this.#mediaStats = db.prepare<
      [{ llocs: string; viewer: number }],
      { lloc: string; like_count: number; liked: number; comment_count: number }
    >(statsSelect);
    this.#likers = db.prepare<[string, string], { user_id: number }>(
      'SELECT user_id FROM group_album_likes WHERE album_id = ? AND target = ? ORDER BY time, user_id',
    );
    this.#comments = db.prepare<[string], { lloc: string; user_id: number; content: string; time: number }>(
      'SELECT lloc, user_id, content, time FROM group_album_comments WHERE lloc = ? ORDER BY seq',
    );
    this.#insertAlbum =
      journal.write(`INSERT INTO group_albums (album_id, group_id, creator_id, name, description, create_time, modify_time)
      VALUES (?, ?, ?, ?, ?, ?, ?)`);
    this.#removeAlbum = journal.write('DELETE FROM group_albums WHERE album_id = ?');
    this.#touchAlbum = journal.write('UPDATE group_albums SET modify_time = ? WHERE album_id = ?');
    this.#insertMedia = journal.write(`INSERT INTO group_album_media (lloc, album_id, batch_id, uploader_id, kind, blob_id, name, mime,
      size, width, height, upload_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.#removeMedia = journal.write('DELETE FROM group_album_media WHERE lloc = ?');
    this.#removeMediaLikes = journal.write('DELETE FROM group_album_likes WHERE target = ?');
    this.#like = journal.write('INSERT OR IGNORE INTO group_album_likes (album_id, target, user_id, time) VALUES (?, ?, ?, ?)');
    this.#unlike = journal.write('DELETE FROM group_album_likes WHERE album_id = ? AND target = ? AND user_id = ?');
    this.#insertComment = journal.write('INSERT INTO group_album_comments (lloc, user_id, content, time) VALUES (?, ?, ?, ?)');
  }

  insertAlbum(album: GroupAlbum): void {
    this.#insertAlbum.run(album.albumId, album.groupId, album.creatorId, album.name, album.description, album.createTime, album.modifyTime);
  }

  getAlbum(albumId: string): GroupAlbum | undefined {
    const row = this.#getAlbum.get(albumId);
    return row && toAlbum(row);
  }

  listAlbums(groupId: number): AlbumSummary[] {
    return this.#listAlbums.all({ group: groupId }).map((row) => {
      const cover = coverOf(row);
      return { ...toAlbum(row), mediaCount: row.media_count, lastUploadTime: row.last_upload ?? 0, ...(cover ? { cover } : {}) };
    });
  }

  countAlbums(groupId: number): number {
    return this.db.prepare<[number], { n: number }>('SELECT COUNT(*) AS n FROM group_albums WHERE group_id = ?').get(groupId)!.n;
  }

  removeAlbum(albumId: string): boolean {
    // Likes of the album's media and batches go with it (their foreign key names the album).
    return this.#removeAlbum.run(albumId).changes > 0;
  }

  touchAlbum(albumId: string, time: number): void {
    this.#touchAlbum.run(time, albumId);
  }

  insertMedia(media: Omit<AlbumMedia, 'order'>): void {
    this.#insertMedia.run(
      media.lloc,
      media.albumId,
      media.batchId,
      media.uploaderId,
      media.kind,
      media.blobId,
      media.name,
      media.mime,
      media.size,
      media.width,
      media.height,
      media.uploadTime,
    );
  }

  getMedia(lloc: string): AlbumMedia | undefined {
    const row = this.#getMedia.get({ lloc });
    return row && toMedia(row);
  }

  listMedia(albumId: string): AlbumMedia[] {
    return this.#listMedia.all(albumId).map(toMedia);
  }

  mediaStats(llocs: readonly string[], viewer: number): Map<string, AlbumMediaStats> {
    const rows = this.#mediaStats.all({ llocs: JSON.stringify(llocs), viewer });
    return new Map(
      rows.map((row) => [row.lloc, { likeCount: row.like_count, likedByViewer: row.liked === 1, commentCount: row.comment_count }]),
    );
  }

  countMedia(albumId: string): number {
    return this.db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM group_album_media WHERE album_id = ?').get(albumId)!.n;
  }

  hasBatch(albumId: string, batchId: string): boolean {
    return (
      this.db
        .prepare<[string, string], { n: number }>('SELECT COUNT(*) AS n FROM group_album_media WHERE album_id = ? AND batch_id = ?')
        .get(albumId, batchId)!.n > 0
    );
  }

  removeMedia(lloc: string): boolean {
    // Comments go by their foreign key; likes name the medium by its lloc.
    this.#removeMediaLikes.run(lloc);
    return this.#removeMedia.run(lloc).changes > 0;
  }

  likers(albumId: string, target: string): readonly number[] {
    return this.#likers.all(albumId, target).map((row) => row.user_id);
  }

  like(albumId: string, target: string, userId: number, time: number): boolean {
    return this.#like.run(albumId, target, userId, time).changes > 0;
  }

  unlike(albumId: string, target: string, userId: number): boolean {
    return this.#unlike.run(albumId, target, userId).changes > 0;
  }

  insertComment(comment: AlbumComment): void {
    this.#insertComment.run(comment.lloc, comment.userId, comment.content, comment.time);
  }

  comments(lloc: string): AlbumComment[] {
    return this.#comments.all(lloc).map((row) => ({ lloc: row.lloc, userId: row.user_id, content: row.content, time: row.time }));
  }
}
