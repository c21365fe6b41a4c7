import type { Migration } from './index.js';

/**
 * Group albums (QQ's 群相册): a group's albums, the photos and videos uploaded to them (each
 * upload call is one batch), likes on a medium or on a whole batch, and comments on a medium.
 * Deleting an album deletes what is in it; deleting a group deletes its albums.
 */
export const groupAlbums: Migration = {
  version: 10,
  name: 'group albums',
  sql: `
    CREATE TABLE group_albums (
      seq         INTEGER PRIMARY KEY AUTOINCREMENT,
      album_id    TEXT    NOT NULL UNIQUE,
      group_id    INTEGER NOT NULL REFERENCES groups(group_id) ON DELETE CASCADE,
      creator_id  INTEGER NOT NULL,
      name        TEXT    NOT NULL,
      description TEXT    NOT NULL DEFAULT '',
      create_time INTEGER NOT NULL,
      modify_time INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX group_albums_by_group ON group_albums(group_id, seq);

    CREATE TABLE group_album_media (
      seq         INTEGER PRIMARY KEY AUTOINCREMENT,
      lloc        TEXT    NOT NULL UNIQUE,
      album_id    TEXT    NOT NULL REFERENCES group_albums(album_id) ON DELETE CASCADE,
      batch_id    TEXT    NOT NULL,
      uploader_id INTEGER NOT NULL,
      kind        TEXT    NOT NULL CHECK (kind IN ('image', 'video')),
      blob_id     TEXT    NOT NULL,
      name        TEXT    NOT NULL,
      mime        TEXT    NOT NULL,
      size        INTEGER NOT NULL,
      width       INTEGER NOT NULL DEFAULT 0,
      height      INTEGER NOT NULL DEFAULT 0,
      upload_time INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX group_album_media_by_album ON group_album_media(album_id, seq);

    -- target: a medium's lloc, or "batch:<batch_id>" for a like on a whole upload.
    CREATE TABLE group_album_likes (
      album_id TEXT    NOT NULL REFERENCES group_albums(album_id) ON DELETE CASCADE,
      target   TEXT    NOT NULL,
      user_id  INTEGER NOT NULL,
      time     INTEGER NOT NULL,
      PRIMARY KEY (album_id, target, user_id)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE group_album_comments (
      seq      INTEGER PRIMARY KEY AUTOINCREMENT,
      lloc     TEXT    NOT NULL REFERENCES group_album_media(lloc) ON DELETE CASCADE,
      user_id  INTEGER NOT NULL,
      content  TEXT    NOT NULL,
      time     INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX group_album_comments_by_media ON group_album_comments(lloc, seq);
  `,
};
