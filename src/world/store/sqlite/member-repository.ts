import type { Member, Role } from '../../model.js';
import type { MemberPatch, MemberRepository } from '../store.js';
import type { SqliteDatabase } from './database.js';
import { BulkInsert } from './bulk-insert.js';
import { PatchUpdater } from './patch.js';
import { UnitCache, UnitPairCache, type UnitJournal, type WriteStatement } from './unit-journal.js';

interface MemberRow {
  group_id: number;
  user_id: number;
  role: string;
  card: string;
  title: string;
  title_expire_time: number;
  join_time: number;
  last_sent_time: number;
  level: number;
  mute_until: number;
}

const toMember = (row: MemberRow): Member => ({
  groupId: row.group_id,
  userId: row.user_id,
  role: row.role as Role,
  card: row.card,
  title: row.title,
  titleExpireTime: row.title_expire_time,
  joinTime: row.join_time,
  lastSentTime: row.last_sent_time,
  level: row.level,
  muteUntil: row.mute_until,
});

export class SqliteMemberRepository implements MemberRepository {
  /**
   * Member uins per group: every group message's audience is its group's members, and reading
   * hundreds of rows per message was the send path's largest cost.
   */
  readonly #ids: UnitCache<number, readonly number[]>;
  /** Member records by group and user, read through (every group send checks its sender). */
  readonly #records: UnitPairCache<Member>;
  readonly #get;
  readonly #list;
  readonly #userIds;
  readonly #shared;
  readonly #insert: WriteStatement;
  readonly #insertMany: BulkInsert<Member>;
  readonly #remove: WriteStatement;
  readonly #removeAll: WriteStatement;
  readonly #touch: WriteStatement;
  readonly #patch;
  constructor(db: SqliteDatabase, journal: UnitJournal) {
    this.#ids = new UnitCache(journal);
    this.#records = new UnitPairCache(journal);
    this.#get = db.prepare<[number, number], MemberRow>('SELECT * FROM members WHERE group_id = ? AND user_id = ?');
    this.#list = db.prepare<[number], MemberRow>('SELECT * FROM members WHERE group_id = ? ORDER BY join_time, user_id');
    this.#userIds = db.prepare<[number], { user_id: number }>('SELECT user_id FROM members WHERE group_id = ?');
    this.#shared = db.prepare<[number, number], { group_id: number }>(
      'SELECT a.group_id FROM members a JOIN members b ON a.group_id = b.group_id WHERE a.user_id = ? AND b.user_id = ? ORDER BY a.group_id',
    );
    this.#insert = journal.write(`INSERT INTO members (group_id, user_id, role, card, title, title_expire_time,
      join_time, last_sent_time, level, mute_until) VALUES (@groupId, @userId, @role, @card, @title, @titleExpireTime,
      @joinTime, @lastSentTime, @level, @muteUntil)`);
    this.#insertMany = new BulkInsert<Member>(
      db,
      journal,
      'members',
      ['group_id', 'user_id', 'role', 'card', 'title', 'title_expire_time', 'join_time', 'last_sent_time', 'level', 'mute_until'],
      (m, out) =>
        out.push(m.groupId, m.userId, m.role, m.card, m.title, m.titleExpireTime, m.joinTime, m.lastSentTime, m.level, m.muteUntil),
      (a, b) => a.groupId - b.groupId || a.userId - b.userId,
    );
    this.#remove = journal.write('DELETE FROM members WHERE group_id = ? AND user_id = ?');
    this.#removeAll = journal.write('DELETE FROM members WHERE group_id = ?');
    this.#touch = journal.write('UPDATE members SET last_sent_time = ?, sent_seq = ? WHERE group_id = ? AND user_id = ?');
    this.#patch = new PatchUpdater<MemberPatch>(journal, 'members', 'group_id = ? AND user_id = ?', {
      role: ['role'],
      card: ['card'],
      title: ['title'],
      titleExpireTime: ['title_expire_time'],
      joinTime: ['join_time'],
      lastSentTime: ['last_sent_time'],
      level: ['level'],
      muteUntil: ['mute_until'],
    });
  }

  get(groupId: number, userId: number): Member | undefined {
    const cached = this.#records.get(groupId, userId);
    if (cached) return cached;
    const row = this.#get.get(groupId, userId);
    return row && this.#records.remember(groupId, userId, toMember(row));
  }

  list(groupId: number): Member[] {
    return this.#list.all(groupId).map(toMember);
  }

  userIds(groupId: number): readonly number[] {
    return this.#ids.get(groupId) ?? this.#ids.remember(groupId, Object.freeze(this.#userIds.all(groupId).map((row) => row.user_id)));
  }

  count(groupId: number): number {
    return this.userIds(groupId).length;
  }

  insert(member: Member): void {
    this.#insert.run({ ...member });
    this.#ids.changed(member.groupId);
    // Written through: the row is exactly this record.
    this.#records.replace(member.groupId, member.userId, { ...member });
  }

  insertMany(members: readonly Member[]): void {
    if (members.length === 0) return;
    this.#insertMany.run(members);
    let last: number | undefined;
    for (const { groupId } of members) {
      if (groupId !== last) this.#ids.changed(groupId);
      last = groupId;
    }
    // The records are not cached: a world file's 200,000 members would crowd the cache (and the
    // heap) with members nobody has asked for yet; reads bring in the ones that matter.
  }

  update(groupId: number, userId: number, patch: MemberPatch): Member {
    this.#records.changed(groupId, userId);
    this.#patch.run(patch, [groupId, userId]);
    const member = this.get(groupId, userId);
    if (!member) throw new Error(`member ${userId} of group ${groupId} vanished during update`);
    return member;
  }

  /**
   * Records a member's message: its time (last_sent_time) and its seq, up to which the sender has
   * read the group (migration 031). The send path's only member write: it updates a cached
   * record rather than reading the row back.
   */
  recordSent(groupId: number, userId: number, time: number, seq: number): void {
    this.#touch.run(time, seq, groupId, userId);
    const cached = this.#records.get(groupId, userId);
    if (cached && cached.lastSentTime !== time) this.#records.replace(groupId, userId, withLastSent(cached, time));
  }

  remove(groupId: number, userId: number): boolean {
    const removed = this.#remove.run(groupId, userId).changes > 0;
    this.#ids.changed(groupId);
    this.#records.changed(groupId, userId);
    return removed;
  }

  removeAll(groupId: number): void {
    for (const userId of this.userIds(groupId)) this.#records.changed(groupId, userId);
    this.#removeAll.run(groupId);
    this.#ids.changed(groupId);
  }

  sharedGroups(userA: number, userB: number): number[] {
    return this.#shared.all(userA, userB).map((row) => row.group_id);
  }
}

/**
 * A member record with a new last-sent time, field by field in the record's own order: a spread
 * with a field after it (`{ ...member, lastSentTime }`) took V8's slow path, about 1 µs a send.
 */
function withLastSent(member: Member, lastSentTime: number): Member {
  const { groupId, userId, role, card, title, titleExpireTime, joinTime, level, muteUntil } = member;
  return { groupId, userId, role, card, title, titleExpireTime, joinTime, lastSentTime, level, muteUntil };
}
