import type { Migration } from './index.js';

/**
 * Faults on demand (docs/faults.md): the fault rules (their match and effect, what is left of
 * `times`, how often they fired) and the accounts that are not online (offline, kicked, zombie).
 * An account without a health row is online. `prev_status` keeps the QQ status the account had
 * before it went offline, so coming back online restores it.
 */
export const faultsMigration: Migration = {
  version: 60,
  name: 'fault rules and account health',
  sql: `
    CREATE TABLE fault_rules (
      id          INTEGER PRIMARY KEY,
      self_id     INTEGER,
      action      TEXT,
      event       TEXT,
      transport   TEXT,
      times_left  INTEGER CHECK (times_left IS NULL OR times_left >= 0),
      probability REAL CHECK (probability IS NULL OR (probability >= 0 AND probability <= 1)),
      effect      TEXT    NOT NULL,
      fired       INTEGER NOT NULL DEFAULT 0,
      created_at  INTEGER NOT NULL,
      CHECK (action IS NULL OR event IS NULL)
    ) STRICT;

    CREATE TABLE account_health (
      user_id     INTEGER PRIMARY KEY REFERENCES accounts(user_id) ON DELETE CASCADE,
      state       TEXT    NOT NULL CHECK (state IN ('offline', 'kicked', 'zombie')),
      message     TEXT    NOT NULL,
      since       INTEGER NOT NULL,
      prev_status INTEGER
    ) STRICT;
  `,
};
