import type { Group, Member } from '../../model.js';
import type { GroupPatch, GroupRepository } from '../store.js';
import type { SqliteDatabase } from './database.js';
import { insertMemberSql, memberParams, type SqliteMemberRepository } from './member-repository.js';
import { bool, PatchUpdater } from './patch.js';

interface GroupRow {
  group_id: number;
  name: string;
  owner_id: number;
  max_members: number;
  avatar: string;
  create_time: number;
  whole_mute: number;
  memo: string;
}

const toGroup = (row: GroupRow): Group => ({
  groupId: row.group_id,
  name: row.name,
  ownerId: row.owner_id,
  maxMembers: row.max_members,
  avatar: row.avatar,
  createTime: row.create_time,
  wholeMute: row.whole_mute === 1,
  memo: row.memo,
});

export class SqliteGroupRepository implements GroupRepository {
  /** Groups by number, read through and dropped on every write (every group send reads its group). */
  readonly #cache = new Map<number, Group>();
  readonly #get;
  readonly #patch;
  constructor(
    private readonly db: SqliteDatabase,
    /** Told when this repository changes membership itself (create, delete). */
    private readonly members: Pick<SqliteMemberRepository, 'invalidate'>,
  ) {
    this.#get = db.prepare<[number], GroupRow>('SELECT * FROM groups WHERE group_id = ?');
    this.#patch = new PatchUpdater<GroupPatch>(db, 'groups', 'group_id = ?', {
      name: ['name'],
      ownerId: ['owner_id'],
      maxMembers: ['max_members'],
      avatar: ['avatar'],
      wholeMute: ['whole_mute', bool],
      memo: ['memo'],
    });
  }

  async get(groupId: number): Promise<Group | undefined> {
    return this.#read(groupId);
  }

  #read(groupId: number): Group | undefined {
    let group = this.#cache.get(groupId);
    if (!group) {
      const row = this.#get.get(groupId);
      if (!row) return undefined;
      group = toGroup(row);
      this.#cache.set(groupId, group);
    }
    return group;
  }

  async list(): Promise<Group[]> {
    return this.db.prepare<[], GroupRow>('SELECT * FROM groups ORDER BY group_id').all().map(toGroup);
  }

  async listFor(userId: number): Promise<Group[]> {
    return this.db
      .prepare<[number], GroupRow>(
        'SELECT g.* FROM groups g JOIN members m ON m.group_id = g.group_id WHERE m.user_id = ? ORDER BY g.group_id',
      )
      .all(userId)
      .map(toGroup);
  }

  async create(group: Group, members: readonly Member[]): Promise<void> {
    this.#cache.delete(group.groupId);
    const insertMember = this.db.prepare(insertMemberSql);
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO groups (group_id, name, owner_id, max_members, avatar, create_time, whole_mute, memo)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(group.groupId, group.name, group.ownerId, group.maxMembers, group.avatar, group.createTime, bool(group.wholeMute), group.memo);
      for (const member of members) insertMember.run(memberParams(member));
    })();
    this.members.invalidate(group.groupId);
  }

  async update(groupId: number, patch: GroupPatch): Promise<Group> {
    this.#cache.delete(groupId);
    this.#patch.run(patch, [groupId]);
    const group = this.#read(groupId);
    if (!group) throw new Error(`group ${groupId} vanished during update`);
    return group;
  }

  async delete(groupId: number): Promise<void> {
    this.#cache.delete(groupId);
    this.db.prepare('DELETE FROM groups WHERE group_id = ?').run(groupId);
    this.members.invalidate(groupId);
  }

  async memberCount(groupId: number): Promise<number> {
    return this.db.prepare<[number], { n: number }>('SELECT count(*) AS n FROM members WHERE group_id = ?').get(groupId)!.n;
  }

  async transferOwner(groupId: number, fromUserId: number, toUserId: number): Promise<void> {
    this.#cache.delete(groupId);
    this.db.transaction(() => {
      this.db.prepare('UPDATE groups SET owner_id = ? WHERE group_id = ?').run(toUserId, groupId);
      this.db.prepare("UPDATE members SET role = 'member' WHERE group_id = ? AND user_id = ?").run(groupId, fromUserId);
      this.db.prepare("UPDATE members SET role = 'owner' WHERE group_id = ? AND user_id = ?").run(groupId, toUserId);
    })();
    this.members.invalidate(groupId);
  }
}
