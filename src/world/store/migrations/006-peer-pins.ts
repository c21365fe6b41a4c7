import type { Migration } from './index.js';

/**
 * Pinned chats (QQ's 置顶): which conversations each account keeps at the top of its list. A row
 * names a group or the private chat with a user; unpinning deletes it. (005 is reserved for
 * profile and favourites.)
 */
export const peerPins: Migration = {
  version: 6,
  name: 'pinned chats',
  sql: `
    CREATE TABLE peer_pins (
      owner_id  INTEGER NOT NULL REFERENCES accounts(user_id) ON DELETE CASCADE,
      kind      TEXT    NOT NULL CHECK (kind IN ('group', 'private')),
      peer_id   INTEGER NOT NULL,
      pinned_at INTEGER NOT NULL,
      PRIMARY KEY (owner_id, kind, peer_id)
    ) STRICT;
  `,
};
