import type { Migration } from './index.js';

/**
 * NapCat's chunked uploads (upload_file_stream): a stream an account opens, the chunks it has sent
 * so far, and when it last sent one (an idle stream is dropped after ten minutes, as NapCat does).
 * The finished file moves to the media store and the stream's rows go.
 */
export const uploadStreams: Migration = {
  version: 23,
  name: 'upload streams',
  sql: `
    CREATE TABLE upload_streams (
      stream_id       TEXT    PRIMARY KEY,
      owner_id        INTEGER NOT NULL REFERENCES accounts(user_id) ON DELETE CASCADE,
      filename        TEXT    NOT NULL,
      total_chunks    INTEGER NOT NULL CHECK (total_chunks > 0),
      file_size       INTEGER,
      expected_sha256 TEXT,
      updated_at      INTEGER NOT NULL
    ) STRICT;
    CREATE TABLE upload_chunks (
      stream_id TEXT    NOT NULL REFERENCES upload_streams(stream_id) ON DELETE CASCADE,
      idx       INTEGER NOT NULL CHECK (idx >= 0),
      bytes     BLOB    NOT NULL,
      PRIMARY KEY (stream_id, idx)
    ) STRICT;
  `,
};
