import type { Database } from 'better-sqlite3';
import type { DomainEvent } from '../../src/world/events.js';
import type { Role } from '../../src/world/model.js';
import { dailyLikeLimit } from '../../src/world/profile/like-service.js';

/**
 * The rules of the world that must hold whatever ran concurrently, checked against the database
 * itself (not the caches) and against what the world announced. Used by the concurrent fuzz in
 * `npm test` and by the soak in `bench/`.
 */

/** What the callers saw: acknowledged messages, and pairs a delete_friend may have made one-way. */
export interface Observed {
  /** message_id -> sender and conversation key, for every send that answered ok. */
  readonly acknowledged: Map<number, { senderId: number; conv: string }>;
  /** "low:high" uin pairs that any delete_friend call named (they may legitimately be one-way). */
  readonly unfriended: Set<string>;
}

export const pairKey = (a: number, b: number): string => (a < b ? `${a}:${b}` : `${b}:${a}`);

/**
 * Membership as the domain events tell it: replaying every event from the starting state must
 * give exactly the members and roles in the database. An event for a change that did not commit,
 * a committed change without its event, or events out of commit order would all show here.
 */
export class MembershipModel {
  readonly groups = new Map<number, Map<number, Role>>();
  /** message_ids announced by `message.created`, with how often. */
  readonly created = new Map<number, number>();

  constructor(db: Database) {
    for (const row of db.prepare('SELECT group_id, user_id, role FROM members').all() as MemberRow[]) {
      this.#group(row.group_id).set(row.user_id, row.role);
    }
    for (const row of db.prepare('SELECT group_id FROM groups').all() as { group_id: number }[]) this.#group(row.group_id);
  }

  apply(event: DomainEvent): void {
    switch (event.type) {
      case 'group.created':
        this.#group(event.group.groupId);
        break;
      case 'member.joined':
        this.#group(event.member.groupId).set(event.member.userId, event.member.role);
        break;
      case 'member.left':
        this.#group(event.groupId).delete(event.userId);
        if (event.subType === 'disband' && this.groups.get(event.groupId)?.size === 0) this.groups.delete(event.groupId);
        break;
      case 'member.role_changed':
        this.#group(event.groupId).set(event.userId, event.role);
        break;
      case 'message.created':
        this.created.set(event.message.messageId, (this.created.get(event.message.messageId) ?? 0) + 1);
        break;
      default:
        break;
    }
  }

  #group(groupId: number): Map<number, Role> {
    let members = this.groups.get(groupId);
    if (!members) this.groups.set(groupId, (members = new Map()));
    return members;
  }
}

interface MemberRow {
  group_id: number;
  user_id: number;
  role: Role;
}

/** Every broken rule, described; empty when the world is sound. */
export function checkInvariants(db: Database, observed: Observed, model?: MembershipModel): string[] {
  const problems: string[] = [];
  const rows = <T>(sql: string, ...params: unknown[]) => db.prepare(sql).all(...params) as T[];
  const report = (rule: string, found: unknown[]) => {
    if (found.length > 0)
      problems.push(`${rule}: ${JSON.stringify(found.slice(0, 5))}${found.length > 5 ? ` and ${found.length - 5} more` : ''}`);
  };

  report(
    'members above max_member_count',
    rows(
      'SELECT g.group_id, g.max_members, count(*) AS n FROM groups g JOIN members m USING (group_id) GROUP BY g.group_id HAVING n > g.max_members',
    ),
  );
  report(
    'groups without exactly one owner, or whose owner_id is not that owner',
    rows(`SELECT g.group_id, g.owner_id, (SELECT group_concat(user_id) FROM members m WHERE m.group_id = g.group_id AND m.role = 'owner') AS owners
          FROM groups g WHERE owners IS NULL OR owners <> CAST(g.owner_id AS TEXT)`),
  );
  report('members with an unknown role', rows("SELECT * FROM members WHERE role NOT IN ('owner', 'admin', 'member')"));
  report(
    'duplicate pending requests',
    rows(`SELECT kind, CASE kind WHEN 'invite' THEN 0 ELSE requester_id END AS who, target_id, group_id, count(*) AS n
          FROM requests WHERE status = 'pending' GROUP BY kind, who, target_id, group_id HAVING n > 1`),
  );
  report(
    'one-way friendships nobody deleted',
    rows<{ owner_id: number; friend_id: number }>(
      `SELECT a.owner_id, a.friend_id FROM friendships a
       WHERE NOT EXISTS (SELECT 1 FROM friendships b WHERE b.owner_id = a.friend_id AND b.friend_id = a.owner_id)`,
    ).filter((row) => !observed.unfriended.has(pairKey(row.owner_id, row.friend_id))),
  );
  report(
    'conversations whose seqs are not 1..n without gaps, or whose summary disagrees',
    rows(`SELECT c.conv, c.last_seq, c.last_message_id, count(m.seq) AS n, max(m.seq) AS top, min(m.seq) AS bottom,
            (SELECT message_id FROM messages WHERE conv = c.conv AND seq = c.last_seq) AS last_id
          FROM conversations c LEFT JOIN messages m ON m.conv = c.conv GROUP BY c.conv
          HAVING n <> top OR bottom <> 1 OR top <> c.last_seq OR last_id IS NOT c.last_message_id`),
  );
  report('messages without a conversation', rows('SELECT DISTINCT conv FROM messages WHERE conv NOT IN (SELECT conv FROM conversations)'));
  report(
    'read marks past the end of their conversation',
    rows('SELECT r.* FROM read_marks r JOIN conversations c ON c.conv = r.conv WHERE r.seq > c.last_seq'),
  );
  report(
    'profile likes above the daily limit',
    rows(
      'SELECT operator_id, target_id, day, sum(times) AS n FROM profile_likes GROUP BY operator_id, target_id, day HAVING n > ?',
      dailyLikeLimit,
    ),
  );
  report(
    'essence entries of messages not in their group',
    rows(`SELECT e.group_id, e.message_id FROM essence_messages e LEFT JOIN messages m ON m.message_id = e.message_id
          WHERE m.message_id IS NULL OR m.conv <> 'g:' || e.group_id`),
  );

  const stored = db.prepare<[number], { sender_id: number; conv: string }>('SELECT sender_id, conv FROM messages WHERE message_id = ?');
  const lost: unknown[] = [];
  for (const [messageId, expected] of observed.acknowledged) {
    const row = stored.get(messageId);
    if (!row || row.sender_id !== expected.senderId || row.conv !== expected.conv) lost.push({ messageId, expected, row });
  }
  report('acknowledged messages missing or different', lost);

  if (model) {
    const actual = new Map<number, Map<number, Role>>();
    for (const row of rows<{ group_id: number }>('SELECT group_id FROM groups')) actual.set(row.group_id, new Map());
    for (const row of rows<MemberRow>('SELECT group_id, user_id, role FROM members')) actual.get(row.group_id)!.set(row.user_id, row.role);
    const differences: unknown[] = [];
    for (const groupId of new Set([...actual.keys(), ...model.groups.keys()])) {
      const want = [...(actual.get(groupId) ?? [])].sort().join(',');
      const told = [...(model.groups.get(groupId) ?? [])].sort().join(',');
      if (want !== told) differences.push({ groupId, database: want, events: told });
    }
    report('membership told by the events differs from the database', differences);
    const announced: unknown[] = [];
    for (const [messageId, times] of model.created) {
      if (times !== 1 || !stored.get(messageId)) announced.push({ messageId, times });
    }
    for (const messageId of observed.acknowledged.keys()) if (!model.created.has(messageId)) announced.push({ messageId, times: 0 });
    report('messages announced other than exactly once, or announced but not stored', announced);
  }
  return problems;
}
