import type { Migration } from './index.js';

/**
 * The digest of the world file last applied at start, so that a restart with the same
 * `--world` file skips re-applying it (100,000 accounts take seconds; the digest, milliseconds).
 */
export const worldFileDigest: Migration = {
  version: 50,
  name: 'digest of the world file last applied at start',
  sql: `
    CREATE TABLE world_file_applied (
      slot       INTEGER PRIMARY KEY CHECK (slot = 1),
      digest     TEXT    NOT NULL,
      applied_at INTEGER NOT NULL
    ) STRICT;
  `,
};
