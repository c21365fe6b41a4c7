import type { Migration } from './index.js';

/**
 * Group administration and requests: friend/join/invite requests with their answers, group join
 * settings, join blocks (kick with reject_add_request), friend blocks (delete_friend temp_block),
 * per-account group remarks, announcements, check-ins, essence messages, and world secrets
 * (the key credentials are derived from).
 *
 * Essence rows name a message id without a foreign key: the message table belongs to another
 * migration, and an essence entry of a deleted group goes with the group.
 */
export const groupAdmin: Migration = {
  version: 4,
  name: 'requests, group administration extras, announcements, check-ins, essence, world secrets',
  sql: `
    CREATE TABLE requests (
      request_id   INTEGER PRIMARY KEY AUTOINCREMENT,
      kind         TEXT    NOT NULL CHECK (kind IN ('friend', 'join', 'invite')),
      requester_id INTEGER NOT NULL REFERENCES accounts(user_id) ON DELETE CASCADE,
      target_id    INTEGER NOT NULL DEFAULT 0,
      group_id     INTEGER REFERENCES groups(group_id) ON DELETE CASCADE,
      invitor_id   INTEGER NOT NULL DEFAULT 0,
      comment      TEXT    NOT NULL DEFAULT '',
      filtered     INTEGER NOT NULL DEFAULT 0,
      status       TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
      actor_id     INTEGER NOT NULL DEFAULT 0,
      reason       TEXT    NOT NULL DEFAULT '',
      created_at   INTEGER NOT NULL,
      handled_at   INTEGER NOT NULL DEFAULT 0
    ) STRICT;
    CREATE INDEX requests_by_target ON requests(target_id, kind);
    CREATE INDEX requests_by_group ON requests(group_id, kind);
    CREATE INDEX requests_by_requester ON requests(requester_id, kind);

    CREATE TABLE group_join_settings (
      group_id   INTEGER PRIMARY KEY REFERENCES groups(group_id) ON DELETE CASCADE,
      add_option INTEGER NOT NULL DEFAULT 2 CHECK (add_option BETWEEN 1 AND 5),
      question   TEXT    NOT NULL DEFAULT '',
      answer     TEXT    NOT NULL DEFAULT '',
      invite_policy TEXT NOT NULL DEFAULT 'require_approval'
        CHECK (invite_policy IN ('disabled', 'require_approval', 'no_approval', 'no_approval_under_100'))
    ) STRICT;

    CREATE TABLE group_join_blocks (
      group_id   INTEGER NOT NULL REFERENCES groups(group_id) ON DELETE CASCADE,
      user_id    INTEGER NOT NULL REFERENCES accounts(user_id) ON DELETE CASCADE,
      created_at INTEGER NOT NULL,
      PRIMARY KEY (group_id, user_id)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE friend_blocks (
      owner_id   INTEGER NOT NULL REFERENCES accounts(user_id) ON DELETE CASCADE,
      blocked_id INTEGER NOT NULL REFERENCES accounts(user_id) ON DELETE CASCADE,
      created_at INTEGER NOT NULL,
      PRIMARY KEY (owner_id, blocked_id)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE group_remarks (
      user_id  INTEGER NOT NULL REFERENCES accounts(user_id) ON DELETE CASCADE,
      group_id INTEGER NOT NULL REFERENCES groups(group_id) ON DELETE CASCADE,
      remark   TEXT    NOT NULL,
      PRIMARY KEY (user_id, group_id)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE group_notices (
      seq              INTEGER PRIMARY KEY AUTOINCREMENT,
      notice_id        TEXT    NOT NULL UNIQUE,
      group_id         INTEGER NOT NULL REFERENCES groups(group_id) ON DELETE CASCADE,
      sender_id        INTEGER NOT NULL,
      content          TEXT    NOT NULL,
      image_blob       TEXT    NOT NULL DEFAULT '',
      image_width      INTEGER NOT NULL DEFAULT 0,
      image_height     INTEGER NOT NULL DEFAULT 0,
      pinned           INTEGER NOT NULL DEFAULT 0,
      type             INTEGER NOT NULL DEFAULT 1,
      confirm_required INTEGER NOT NULL DEFAULT 1,
      show_edit_card   INTEGER NOT NULL DEFAULT 0,
      tip_window_type  INTEGER NOT NULL DEFAULT 0,
      publish_time     INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX group_notices_by_group ON group_notices(group_id, publish_time);

    CREATE TABLE group_signs (
      group_id INTEGER NOT NULL REFERENCES groups(group_id) ON DELETE CASCADE,
      user_id  INTEGER NOT NULL REFERENCES accounts(user_id) ON DELETE CASCADE,
      day      TEXT    NOT NULL,
      time     INTEGER NOT NULL,
      PRIMARY KEY (group_id, day, user_id)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE essence_messages (
      group_id    INTEGER NOT NULL REFERENCES groups(group_id) ON DELETE CASCADE,
      message_id  INTEGER NOT NULL,
      sender_id   INTEGER NOT NULL,
      operator_id INTEGER NOT NULL,
      time        INTEGER NOT NULL,
      PRIMARY KEY (group_id, message_id)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE world_secrets (
      name  TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT, WITHOUT ROWID;
  `,
};
