import type { Migration } from './index.js';

/**
 * Messages and everything hanging off them. `message_id` is an AUTOINCREMENT rowid: SQLite never
 * hands out the same value twice, even after the newest row is deleted or the process restarts,
 * which is exactly the OneBot promise (positive int32, stable, never reused). `seq` counts per
 * conversation (`conv` is `g:<group>` or `p:<low uin>:<high uin>`); the unique (conv, seq) index
 * makes history pages an index range scan, O(log n) however many messages the world holds.
 */
export const messagesMigration: Migration = {
  version: 2,
  name: 'messages, read marks, reactions, forwards, file ids',
  sql: `
    CREATE TABLE messages (
      message_id  INTEGER PRIMARY KEY AUTOINCREMENT CHECK (message_id BETWEEN 1 AND 2147483647),
      conv        TEXT    NOT NULL,
      seq         INTEGER NOT NULL,
      time        INTEGER NOT NULL,
      sender_id   INTEGER NOT NULL,
      target_id   INTEGER NOT NULL DEFAULT 0,
      group_id    INTEGER NOT NULL DEFAULT 0,
      elements    TEXT    NOT NULL,
      reply_to    INTEGER NOT NULL DEFAULT 0,
      random      INTEGER NOT NULL,
      recalled    INTEGER NOT NULL DEFAULT 0,
      recalled_by INTEGER NOT NULL DEFAULT 0,
      recall_time INTEGER NOT NULL DEFAULT 0
    ) STRICT;
    CREATE UNIQUE INDEX messages_by_conv_seq ON messages(conv, seq);

    CREATE TABLE conversations (
      conv            TEXT    PRIMARY KEY,
      group_id        INTEGER NOT NULL DEFAULT 0,
      user_low        INTEGER NOT NULL DEFAULT 0,
      user_high       INTEGER NOT NULL DEFAULT 0,
      temp_group_id   INTEGER NOT NULL DEFAULT 0,
      last_seq        INTEGER NOT NULL,
      last_time       INTEGER NOT NULL,
      last_message_id INTEGER NOT NULL
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX conversations_by_group ON conversations(group_id) WHERE group_id <> 0;
    CREATE INDEX conversations_by_low ON conversations(user_low) WHERE user_low <> 0;
    CREATE INDEX conversations_by_high ON conversations(user_high) WHERE user_high <> 0;

    CREATE TABLE read_marks (
      user_id INTEGER NOT NULL,
      conv    TEXT    NOT NULL,
      seq     INTEGER NOT NULL,
      PRIMARY KEY (user_id, conv)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE reactions (
      message_id INTEGER NOT NULL REFERENCES messages(message_id),
      emoji_id   TEXT    NOT NULL,
      emoji_type INTEGER NOT NULL,
      user_id    INTEGER NOT NULL,
      time       INTEGER NOT NULL,
      UNIQUE (message_id, emoji_id, user_id)
    ) STRICT;

    CREATE TABLE forwards (
      res_id     TEXT    PRIMARY KEY,
      creator_id INTEGER NOT NULL,
      time       INTEGER NOT NULL,
      scope      TEXT    NOT NULL CHECK (scope IN ('group', 'private')),
      depth      INTEGER NOT NULL,
      card       TEXT    NOT NULL,
      nodes      TEXT    NOT NULL
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE message_files (
      file_id TEXT    PRIMARY KEY,
      blob_id TEXT    NOT NULL,
      name    TEXT    NOT NULL,
      size    INTEGER NOT NULL,
      mime    TEXT    NOT NULL,
      time    INTEGER NOT NULL
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX message_files_by_name ON message_files(name, time);
  `,
};
