import type { Migration } from './index.js';

/**
 * QZone posts (说说): an account's posts with their photos, and who a post is for when its
 * visibility names people (ugc_right 16: only them; 128: every friend but them).
 */
export const qzone: Migration = {
  version: 12,
  name: 'qzone posts',
  sql: `
    CREATE TABLE qzone_posts (
      seq         INTEGER PRIMARY KEY AUTOINCREMENT,
      tid         TEXT    NOT NULL UNIQUE,
      owner_id    INTEGER NOT NULL REFERENCES accounts(user_id) ON DELETE CASCADE,
      content     TEXT    NOT NULL,
      ugc_right   INTEGER NOT NULL CHECK (ugc_right IN (1, 4, 16, 64, 128)),
      create_time INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX qzone_posts_by_owner ON qzone_posts(owner_id, seq);

    CREATE TABLE qzone_post_images (
      tid     TEXT    NOT NULL REFERENCES qzone_posts(tid) ON DELETE CASCADE,
      ord     INTEGER NOT NULL,
      blob_id TEXT    NOT NULL,
      name    TEXT    NOT NULL,
      width   INTEGER NOT NULL,
      height  INTEGER NOT NULL,
      PRIMARY KEY (tid, ord)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE qzone_post_targets (
      tid     TEXT    NOT NULL REFERENCES qzone_posts(tid) ON DELETE CASCADE,
      user_id INTEGER NOT NULL,
      PRIMARY KEY (tid, user_id)
    ) STRICT, WITHOUT ROWID;
  `,
};
