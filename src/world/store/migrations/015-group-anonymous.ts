import type { Migration } from './index.js';

/**
 * Whether a group allows anonymous chat (QQ's 匿名聊天 switch, OneBot 11's set_group_anonymous),
 * one more of a group's feature switches (013). Off unless its owner or an admin turns it on.
 */
export const groupAnonymous: Migration = {
  version: 15,
  name: 'group anonymous chat switch',
  sql: `ALTER TABLE group_features ADD COLUMN allow_anonymous INTEGER NOT NULL DEFAULT 0;`,
};
