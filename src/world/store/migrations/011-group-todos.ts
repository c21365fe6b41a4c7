import type { Migration } from './index.js';

/**
 * Group to-dos (QQ's 群待办): an owner or admin makes one message the group's to-do (a new one
 * replaces it), members mark it done for themselves, an owner or admin cancels it.
 */
export const groupTodos: Migration = {
  version: 11,
  name: 'group to-dos',
  sql: `
    CREATE TABLE group_todos (
      group_id   INTEGER PRIMARY KEY REFERENCES groups(group_id) ON DELETE CASCADE,
      message_id INTEGER NOT NULL,
      seq        INTEGER NOT NULL,
      setter_id  INTEGER NOT NULL,
      set_time   INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE group_todo_done (
      group_id INTEGER NOT NULL REFERENCES group_todos(group_id) ON DELETE CASCADE,
      user_id  INTEGER NOT NULL,
      time     INTEGER NOT NULL,
      PRIMARY KEY (group_id, user_id)
    ) STRICT, WITHOUT ROWID;
  `,
};
