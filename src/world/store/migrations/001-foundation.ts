import type { Migration } from './index.js';

export const foundation: Migration = {
  version: 1,
  name: 'accounts, friends, groups, members',
  sql: `
    CREATE TABLE accounts (
      user_id        INTEGER PRIMARY KEY,
      nickname       TEXT    NOT NULL,
      sex            TEXT    NOT NULL DEFAULT 'unknown',
      age            INTEGER NOT NULL DEFAULT 0,
      long_nick      TEXT    NOT NULL DEFAULT '',
      level          INTEGER NOT NULL DEFAULT 1,
      reg_time       INTEGER NOT NULL,
      avatar         TEXT    NOT NULL DEFAULT '',
      is_bot         INTEGER NOT NULL DEFAULT 0,
      status         INTEGER NOT NULL DEFAULT 10,
      ext_status     INTEGER NOT NULL DEFAULT 0,
      battery_status INTEGER NOT NULL DEFAULT 100,
      birthday_year  INTEGER NOT NULL DEFAULT 0,
      birthday_month INTEGER NOT NULL DEFAULT 0,
      birthday_day   INTEGER NOT NULL DEFAULT 0,
      email          TEXT    NOT NULL DEFAULT '',
      phone          TEXT    NOT NULL DEFAULT '',
      created_at     INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE friend_categories (
      owner_id    INTEGER NOT NULL REFERENCES accounts(user_id) ON DELETE CASCADE,
      category_id INTEGER NOT NULL,
      name        TEXT    NOT NULL,
      sort_id     INTEGER NOT NULL,
      PRIMARY KEY (owner_id, category_id)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE friendships (
      owner_id    INTEGER NOT NULL REFERENCES accounts(user_id) ON DELETE CASCADE,
      friend_id   INTEGER NOT NULL REFERENCES accounts(user_id) ON DELETE CASCADE,
      remark      TEXT    NOT NULL DEFAULT '',
      category_id INTEGER NOT NULL DEFAULT 0,
      since       INTEGER NOT NULL,
      PRIMARY KEY (owner_id, friend_id)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX friendships_by_friend ON friendships(friend_id);

    CREATE TABLE groups (
      group_id    INTEGER PRIMARY KEY,
      name        TEXT    NOT NULL,
      owner_id    INTEGER NOT NULL REFERENCES accounts(user_id),
      max_members INTEGER NOT NULL DEFAULT 500,
      avatar      TEXT    NOT NULL DEFAULT '',
      create_time INTEGER NOT NULL,
      whole_mute  INTEGER NOT NULL DEFAULT 0,
      memo        TEXT    NOT NULL DEFAULT ''
    ) STRICT;

    CREATE TABLE members (
      group_id          INTEGER NOT NULL REFERENCES groups(group_id) ON DELETE CASCADE,
      user_id           INTEGER NOT NULL REFERENCES accounts(user_id) ON DELETE CASCADE,
      role              TEXT    NOT NULL CHECK (role IN ('owner', 'admin', 'member')),
      card              TEXT    NOT NULL DEFAULT '',
      title             TEXT    NOT NULL DEFAULT '',
      title_expire_time INTEGER NOT NULL DEFAULT 0,
      join_time         INTEGER NOT NULL,
      last_sent_time    INTEGER NOT NULL DEFAULT 0,
      level             INTEGER NOT NULL DEFAULT 1,
      mute_until        INTEGER NOT NULL DEFAULT 0,
      PRIMARY KEY (group_id, user_id)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX members_by_user ON members(user_id);
  `,
};
