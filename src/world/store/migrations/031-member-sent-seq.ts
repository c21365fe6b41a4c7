import type { Migration } from './index.js';

/**
 * What a member sent in a group, they have read: the seq of their last message there, kept in
 * their member row (`sent_seq`), which every group send writes anyway (`last_sent_time`). A send
 * used to move the sender's read mark too, a second row, on a page of its own for most sends: two
 * pages a send for SQLite to write, and to copy back at the checkpoint. The read position of a
 * member in a group is the larger of their read mark and `sent_seq`. When a member leaves, is
 * kicked or the group is dismissed, `sent_seq` is moved into the read marks first
 * (`MessageRepository.keepReadPositions`), where a read position outlives the membership as
 * before. Not a trigger: a snapshot restore empties and refills every table, and must not move
 * anything.
 */
export const memberSentSeq: Migration = {
  version: 31,
  name: "a member's last sent seq, read by its sender",
  sql: `
    ALTER TABLE members ADD COLUMN sent_seq INTEGER NOT NULL DEFAULT 0 CHECK (sent_seq >= 0);
  `,
};
