import type { Migration } from './index.js';

/**
 * What a member sent in a group, they have read: the seq of their last message there, kept in
 * their member row (`sent_seq`), which every group send writes anyway (`last_sent_time`). A send
 * used to move the sender's read mark too, a second row, on a page of its own for most sends: two
 * pages a send for SQLite to write, and to copy back at the checkpoint. The read position of a
 * member in a group is the larger of their read mark and `sent_seq`. When the member row goes (a
 * member leaves, is kicked, the group is dismissed), the trigger moves `sent_seq` into the read
 * marks, where a read position outlives the membership as before.
 */
export const memberSentSeq: Migration = {
  version: 31,
  name: "a member's last sent seq, read by its sender",
  sql: `
    ALTER TABLE members ADD COLUMN sent_seq INTEGER NOT NULL DEFAULT 0 CHECK (sent_seq >= 0);

    CREATE TRIGGER members_keep_sent_seq AFTER DELETE ON members WHEN old.sent_seq > 0 BEGIN
      INSERT INTO read_marks (user_id, conv, seq) VALUES (old.user_id, 'g:' || old.group_id, old.sent_seq)
        ON CONFLICT (user_id, conv) DO UPDATE SET seq = excluded.seq WHERE excluded.seq > read_marks.seq;
    END;
  `,
};
