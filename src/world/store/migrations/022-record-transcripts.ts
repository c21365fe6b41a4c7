import type { Migration } from './index.js';

/**
 * What a voice recording says, where the world knows it: AI voice records, and records sent with
 * a transcript through the admin API. Keyed by the audio's blob, so the same recording reads the
 * same wherever it is sent.
 */
export const recordTranscripts: Migration = {
  version: 22,
  name: 'record transcripts',
  sql: `
    CREATE TABLE record_transcripts (
      blob_id TEXT    PRIMARY KEY,
      text    TEXT    NOT NULL,
      time    INTEGER NOT NULL
    ) STRICT;
  `,
};
