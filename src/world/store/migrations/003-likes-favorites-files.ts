import type { Migration } from './index.js';

/**
 * Profile likes, favourites (collections), stickers (custom faces), group files and folders, and
 * files sent in private chats. Bytes live in the media blob store; these tables hold what QQ
 * knows about them.
 */
export const likesFavoritesFiles: Migration = {
  version: 3,
  name: 'likes, collections, custom faces, group and private files',
  sql: `
    CREATE TABLE profile_likes (
      like_id     INTEGER PRIMARY KEY AUTOINCREMENT,
      operator_id INTEGER NOT NULL REFERENCES accounts(user_id) ON DELETE CASCADE,
      target_id   INTEGER NOT NULL REFERENCES accounts(user_id) ON DELETE CASCADE,
      times       INTEGER NOT NULL CHECK (times > 0),
      -- QQ's day (Beijing time, UTC+8) as days since the epoch: the daily limit resets at its midnight.
      day         INTEGER NOT NULL,
      time        INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX profile_likes_by_target ON profile_likes(target_id, time);
    CREATE INDEX profile_likes_by_operator ON profile_likes(operator_id, day, target_id);

    CREATE TABLE collections (
      collection_id INTEGER PRIMARY KEY AUTOINCREMENT,
      owner_id      INTEGER NOT NULL REFERENCES accounts(user_id) ON DELETE CASCADE,
      category      INTEGER NOT NULL,
      raw_data      TEXT    NOT NULL,
      brief         TEXT    NOT NULL,
      create_time   INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX collections_by_owner ON collections(owner_id, collection_id);

    CREATE TABLE custom_faces (
      emoji_id     INTEGER PRIMARY KEY AUTOINCREMENT,
      owner_id     INTEGER NOT NULL REFERENCES accounts(user_id) ON DELETE CASCADE,
      blob_id      TEXT    NOT NULL,
      md5          TEXT    NOT NULL,
      res_id       TEXT    NOT NULL,
      name         TEXT    NOT NULL,
      size         INTEGER NOT NULL,
      description  TEXT    NOT NULL DEFAULT '',
      package_id   INTEGER NOT NULL DEFAULT 0,
      is_mark_face INTEGER NOT NULL DEFAULT 0,
      create_time  INTEGER NOT NULL,
      UNIQUE (owner_id, md5)
    ) STRICT;

    CREATE TABLE group_folders (
      folder_id   TEXT    PRIMARY KEY,
      group_id    INTEGER NOT NULL REFERENCES groups(group_id) ON DELETE CASCADE,
      name        TEXT    NOT NULL,
      creator_id  INTEGER NOT NULL,
      create_time INTEGER NOT NULL,
      modifier_id INTEGER NOT NULL,
      modify_time INTEGER NOT NULL,
      UNIQUE (group_id, name)
    ) STRICT;

    CREATE TABLE group_files (
      file_id        TEXT    PRIMARY KEY,
      group_id       INTEGER NOT NULL REFERENCES groups(group_id) ON DELETE CASCADE,
      -- "/" for the root, else a folder of the same group (folders are one level deep, as in QQ).
      folder_id      TEXT    NOT NULL DEFAULT '/',
      name           TEXT    NOT NULL,
      blob_id        TEXT    NOT NULL,
      size           INTEGER NOT NULL,
      md5            TEXT    NOT NULL,
      sha1           TEXT    NOT NULL,
      busid          INTEGER NOT NULL DEFAULT 102,
      uploader_id    INTEGER NOT NULL,
      upload_time    INTEGER NOT NULL,
      modify_time    INTEGER NOT NULL,
      dead_time      INTEGER NOT NULL DEFAULT 0,
      download_times INTEGER NOT NULL DEFAULT 0
    ) STRICT;
    CREATE INDEX group_files_by_folder ON group_files(group_id, folder_id, upload_time);

    CREATE TABLE private_files (
      file_id     TEXT    PRIMARY KEY,
      sender_id   INTEGER NOT NULL REFERENCES accounts(user_id) ON DELETE CASCADE,
      receiver_id INTEGER NOT NULL REFERENCES accounts(user_id) ON DELETE CASCADE,
      name        TEXT    NOT NULL,
      blob_id     TEXT    NOT NULL,
      size        INTEGER NOT NULL,
      md5         TEXT    NOT NULL,
      upload_time INTEGER NOT NULL
    ) STRICT;
  `,
};
