import type { Migration } from './index.js';

/**
 * How each account takes each group's messages (QQ's 群消息设置, LLBot's set_group_msg_mask):
 * 1 receive and notify (the default, kept as no row), 2 into the group assistant, 3 blocked,
 * 4 receive without notifying. Rows go with their group or account.
 */
export const groupMsgMasks: Migration = {
  version: 30,
  name: 'group message masks',
  sql: `
    CREATE TABLE group_msg_masks (
      owner_id INTEGER NOT NULL REFERENCES accounts(user_id) ON DELETE CASCADE,
      group_id INTEGER NOT NULL REFERENCES groups(group_id) ON DELETE CASCADE,
      mask     INTEGER NOT NULL CHECK (mask BETWEEN 1 AND 4),
      PRIMARY KEY (owner_id, group_id)
    ) STRICT;
  `,
};
