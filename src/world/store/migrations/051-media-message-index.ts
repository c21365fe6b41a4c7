import type { Migration } from './index.js';

/**
 * Which messages carry media, for the blob sweep. It keeps every blob a message names, so it
 * reads the elements of each message holding a `MediaRef` (`instr(elements, '"blobId"') > 0`,
 * the hint of blob-columns.ts). Without an index that is a scan of every message at every start
 * of a world with media: about a third of a second per million messages, for the live world and
 * again for each snapshot. This partial index holds only the messages with media, and SQLite uses
 * it for that exact condition (written with the same literal, not a bound parameter).
 *
 * An index and nothing else: no row changes, so snapshots saved before it restore unchanged,
 * and its version stays below the latest migration's so that their schema still matches.
 */
export const mediaMessageIndex: Migration = {
  version: 51,
  name: 'index of the messages that carry media',
  sql: `
    CREATE INDEX IF NOT EXISTS messages_with_media ON messages(message_id) WHERE instr(elements, '"blobId"') > 0;
  `,
};
