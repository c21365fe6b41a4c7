import type { Migration } from './index.js';

/**
 * Two rules of the world the database now states as well, so a check the services forgot cannot
 * break them silently (see store/sqlite/constraint-errors.ts for what a violation answers):
 * a group has exactly one owner member, and the same request is pending at most once (friend:
 * requester and target; join: requester and group; invitation: invitee and group, whoever invited).
 *
 * Before units of work, concurrent calls could break both. The repair keeps the group's recorded
 * owner as its only owner member, and the oldest of duplicate pending requests pending (the later
 * copies are rejected, as if the group had refused them), so the indexes can be created.
 */
export const worldRules: Migration = {
  version: 7,
  name: 'one owner per group, one pending copy of a request',
  sql: `
    UPDATE members SET role = 'member'
      WHERE role = 'owner' AND user_id <> (SELECT owner_id FROM groups WHERE groups.group_id = members.group_id);
    CREATE UNIQUE INDEX members_one_owner ON members(group_id) WHERE role = 'owner';

    UPDATE requests SET status = 'rejected', reason = 'duplicate request', handled_at = created_at
      WHERE status = 'pending' AND request_id NOT IN (
        SELECT min(request_id) FROM requests WHERE status = 'pending'
        GROUP BY kind, CASE kind WHEN 'invite' THEN 0 ELSE requester_id END, target_id, coalesce(group_id, 0));
    CREATE UNIQUE INDEX requests_one_pending
      ON requests(kind, (CASE kind WHEN 'invite' THEN 0 ELSE requester_id END), target_id, coalesce(group_id, 0))
      WHERE status = 'pending';
  `,
};
