import type { Migration } from './index.js';

/**
 * A group's feature switches (QQ's 群管理 settings that NapCat can set): what plain members may do,
 * whether new members see the history from before they joined, the robot-join and search options.
 * A group without a row has QQ's defaults. `group_history_floors` records, for a member who joined
 * while new members could not see history, the last seq before they joined: they never see it.
 */
export const groupFeatures: Migration = {
  version: 13,
  name: 'group feature settings',
  sql: `
    CREATE TABLE group_features (
      group_id                       INTEGER PRIMARY KEY REFERENCES groups(group_id) ON DELETE CASCADE,
      allow_member_upload_album      INTEGER NOT NULL DEFAULT 1,
      allow_member_temporary_session INTEGER NOT NULL DEFAULT 1,
      allow_member_create_group      INTEGER NOT NULL DEFAULT 1,
      new_members_see_history        INTEGER NOT NULL DEFAULT 1,
      robot_member_switch            INTEGER NOT NULL DEFAULT 0,
      robot_member_examine           INTEGER NOT NULL DEFAULT 0,
      no_code_finger_open            INTEGER NOT NULL DEFAULT 0,
      no_finger_open                 INTEGER NOT NULL DEFAULT 0
    ) STRICT;

    CREATE TABLE group_history_floors (
      group_id INTEGER NOT NULL REFERENCES groups(group_id) ON DELETE CASCADE,
      user_id  INTEGER NOT NULL,
      seq      INTEGER NOT NULL,
      PRIMARY KEY (group_id, user_id)
    ) STRICT, WITHOUT ROWID;
  `,
};
