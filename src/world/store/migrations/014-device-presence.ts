import type { Migration } from './index.js';

/**
 * What an account shows beside its name besides its online status: the phone model (go-cqhttp's
 * _set_model_show) and a custom status with its own face and words (set_diy_online_status).
 */
export const devicePresence: Migration = {
  version: 14,
  name: 'model show and custom status',
  sql: `
    CREATE TABLE account_presence (
      user_id       INTEGER PRIMARY KEY REFERENCES accounts(user_id) ON DELETE CASCADE,
      model         TEXT    NOT NULL DEFAULT '',
      model_show    TEXT    NOT NULL DEFAULT '',
      diy_face_id   TEXT    NOT NULL DEFAULT '',
      diy_face_type TEXT    NOT NULL DEFAULT '',
      diy_wording   TEXT    NOT NULL DEFAULT ''
    ) STRICT;
  `,
};
