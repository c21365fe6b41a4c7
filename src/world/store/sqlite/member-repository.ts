import type { Member, Role } from '../../model.js';
import type { MemberPatch, MemberRepository } from '../store.js';
import type { SqliteDatabase } from './database.js';
import { PatchUpdater } from './patch.js';

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

export const insertMemberSql = `INSERT INTO members (group_id, user_id, role, card, title, title_expire_time,
  join_time, last_sent_time, level, mute_until) VALUES (@groupId, @userId, @role, @card, @title, @titleExpireTime,
  @joinTime, @lastSentTime, @level, @muteUntil)`;

export const memberParams = (member: Member): Record<string, unknown> => ({ ...member });

export class SqliteMemberRepository implements MemberRepository {
  /**
   * Member uins per group, cached: every message's audience is its group's members, and reading
   * hundreds of rows per message was the send path's largest cost. All membership writes go
   * through this repository (or call `invalidate`), so the cache cannot go stale.
   */
  readonly #idCache = new Map<number, readonly number[]>();
  /** Member records per group, read through and dropped on every write to that member or group. */
  readonly #memberCache = new Map<number, Map<number, Member>>();
  readonly #get;
  readonly #list;
  readonly #userIds;
  readonly #insert;
  readonly #patch;
  constructor(private readonly db: SqliteDatabase) {
    this.#get = db.prepare<[number, number], MemberRow>('SELECT * FROM members WHERE group_id = ? AND user_id = ?');
    this.#list = db.prepare<[number], MemberRow>('SELECT * FROM members WHERE group_id = ? ORDER BY join_time, user_id');
    this.#userIds = db.prepare<[number], { user_id: number }>('SELECT user_id FROM members WHERE group_id = ?');
    this.#insert = db.prepare(insertMemberSql);
    this.#patch = new PatchUpdater<MemberPatch>(db, 'members', 'group_id = ? AND user_id = ?', {
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

  async get(groupId: number, userId: number): Promise<Member | undefined> {
    return this.#read(groupId, userId);
  }

  #read(groupId: number, userId: number): Member | undefined {
    let members = this.#memberCache.get(groupId);
    let member = members?.get(userId);
    if (!member) {
      const row = this.#get.get(groupId, userId);
      if (!row) return undefined;
      member = toMember(row);
      if (!members) this.#memberCache.set(groupId, (members = new Map()));
      members.set(userId, member);
    }
    return member;
  }

  #forget(groupId: number, userId: number): void {
    this.#memberCache.get(groupId)?.delete(userId);
  }

  /**
   * Records a committed message's time as the member's last_sent_time in the cache (the message
   * transaction wrote the row itself).
   */
  noteLastSent(groupId: number, userId: number, time: number): void {
    const cached = this.#memberCache.get(groupId)?.get(userId);
    if (cached) this.#memberCache.get(groupId)!.set(userId, { ...cached, lastSentTime: time });
  }

  async list(groupId: number): Promise<Member[]> {
    return this.#list.all(groupId).map(toMember);
  }

  async userIds(groupId: number): Promise<number[]> {
    let ids = this.#idCache.get(groupId);
    if (!ids) {
      ids = this.#userIds.all(groupId).map((row) => row.user_id);
      this.#idCache.set(groupId, ids);
    }
    return [...ids];
  }

  /** Forgets everything cached about a group's members (after a write made elsewhere, e.g. group create or delete). */
  invalidate(groupId: number): void {
    this.#idCache.delete(groupId);
    this.#memberCache.delete(groupId);
  }

  async insert(member: Member): Promise<void> {
    this.#insert.run(memberParams(member));
    this.invalidate(member.groupId);
  }

  async update(groupId: number, userId: number, patch: MemberPatch): Promise<Member> {
    this.#forget(groupId, userId);
    this.#patch.run(patch, [groupId, userId]);
    const member = this.#read(groupId, userId);
    if (!member) throw new Error(`member ${userId} of group ${groupId} vanished during update`);
    return member;
  }

  async remove(groupId: number, userId: number): Promise<boolean> {
    const removed = this.db.prepare('DELETE FROM members WHERE group_id = ? AND user_id = ?').run(groupId, userId).changes > 0;
    this.invalidate(groupId);
    return removed;
  }

  async sharedGroups(userA: number, userB: number): Promise<number[]> {
    return this.db
      .prepare<[number, number], { group_id: number }>(
        'SELECT a.group_id FROM members a JOIN members b ON a.group_id = b.group_id WHERE a.user_id = ? AND b.user_id = ? ORDER BY a.group_id',
      )
      .all(userA, userB)
      .map((row) => row.group_id);
  }
}
