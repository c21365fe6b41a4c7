import type { Migration } from './index.js';

/**
 * QQ's online files: a file offered peer to peer in a private chat, which the receiver accepts or
 * refuses and the sender may cancel while it is offered. `msg_id` and `element_id` are the NT ids
 * the onlinefile segment carries; `message_id` is the chat message that shows the offer.
 */
export const onlineFiles: Migration = {
  version: 21,
  name: 'online files',
  sql: `
    CREATE TABLE online_files (
      msg_id      TEXT    PRIMARY KEY,
      element_id  TEXT    NOT NULL,
      message_id  INTEGER NOT NULL,
      sender_id   INTEGER NOT NULL REFERENCES accounts(user_id) ON DELETE CASCADE,
      receiver_id INTEGER NOT NULL REFERENCES accounts(user_id) ON DELETE CASCADE,
      name        TEXT    NOT NULL,
      blob_id     TEXT    NOT NULL,
      size        INTEGER NOT NULL CHECK (size >= 0),
      state       TEXT    NOT NULL CHECK (state IN ('offered', 'received', 'refused', 'cancelled')),
      offer_time  INTEGER NOT NULL,
      answer_time INTEGER NOT NULL DEFAULT 0
    ) STRICT;
    CREATE INDEX online_files_by_peers ON online_files (sender_id, receiver_id, offer_time);
  `,
};
