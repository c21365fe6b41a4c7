import type { Migration } from './index.js';

/**
 * QQ's flash transfer (闪传): file sets an account uploads, each with a share code that expires.
 * `flash_files` are the set's files in order (their bytes are media blobs); `flash_viewers` are
 * the accounts that opened the set by its share code; `flash_shares` the chats it was sent to
 * (whoever sees the chat sees the set); `flash_downloads` who saved it.
 */
export const flashTransfer: Migration = {
  version: 20,
  name: 'flash transfer',
  sql: `
    CREATE TABLE flash_filesets (
      fileset_id  TEXT    PRIMARY KEY,
      owner_id    INTEGER NOT NULL REFERENCES accounts(user_id) ON DELETE CASCADE,
      name        TEXT    NOT NULL,
      share_code  TEXT    NOT NULL UNIQUE,
      create_time INTEGER NOT NULL,
      expire_time INTEGER NOT NULL
    ) STRICT;
    CREATE TABLE flash_files (
      fileset_id TEXT    NOT NULL REFERENCES flash_filesets(fileset_id) ON DELETE CASCADE,
      idx        INTEGER NOT NULL CHECK (idx >= 0),
      file_id    TEXT    NOT NULL UNIQUE,
      name       TEXT    NOT NULL,
      blob_id    TEXT    NOT NULL,
      size       INTEGER NOT NULL CHECK (size >= 0),
      sha1       TEXT    NOT NULL,
      PRIMARY KEY (fileset_id, idx)
    ) STRICT;
    CREATE TABLE flash_viewers (
      fileset_id TEXT    NOT NULL REFERENCES flash_filesets(fileset_id) ON DELETE CASCADE,
      user_id    INTEGER NOT NULL REFERENCES accounts(user_id) ON DELETE CASCADE,
      PRIMARY KEY (fileset_id, user_id)
    ) STRICT;
    CREATE TABLE flash_shares (
      fileset_id TEXT    NOT NULL REFERENCES flash_filesets(fileset_id) ON DELETE CASCADE,
      kind       TEXT    NOT NULL CHECK (kind IN ('group', 'private')),
      peer_a     INTEGER NOT NULL,
      peer_b     INTEGER NOT NULL,
      PRIMARY KEY (fileset_id, kind, peer_a, peer_b)
    ) STRICT;
    CREATE TABLE flash_downloads (
      fileset_id TEXT    NOT NULL REFERENCES flash_filesets(fileset_id) ON DELETE CASCADE,
      user_id    INTEGER NOT NULL REFERENCES accounts(user_id) ON DELETE CASCADE,
      time       INTEGER NOT NULL,
      PRIMARY KEY (fileset_id, user_id)
    ) STRICT;
  `,
};
