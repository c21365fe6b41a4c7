import type { Group } from '../../model.js';
import type { GroupPatch, GroupRepository } from '../store.js';
import type { SqliteDatabase } from './database.js';
import { bool, PatchUpdater } from './patch.js';
import { BulkInsert } from './bulk-insert.js';
import { UnitCache, type UnitJournal, type WriteStatement } from './unit-journal.js';

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
  /** Groups by number, read through (every group send reads its group). */
  readonly #cache: UnitCache<number, Group>;
  readonly #get;
  readonly #list;
  readonly #listFor;
  readonly #hasMembers;
  readonly #insert: WriteStatement;
  readonly #insertMany: BulkInsert<Group>;
  readonly #delete: WriteStatement;
  readonly #patch;
  constructor(db: SqliteDatabase, journal: UnitJournal) {
    this.#cache = new UnitCache(journal);
    this.#get = db.prepare<[number], GroupRow>('SELECT * FROM groups WHERE group_id = ?');
    this.#list = db.prepare<[], GroupRow>('SELECT * FROM groups ORDER BY group_id');
    this.#listFor = db.prepare<[number], GroupRow>(
      'SELECT g.* FROM groups g JOIN members m ON m.group_id = g.group_id WHERE m.user_id = ? ORDER BY g.group_id',
    );
    this.#hasMembers = db.prepare<[number], { one: number }>('SELECT 1 AS one FROM members WHERE group_id = ? LIMIT 1');
    this.#insert = journal.write(`INSERT INTO groups (group_id, name, owner_id, max_members, avatar, create_time, whole_mute, memo)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
    this.#insertMany = new BulkInsert<Group>(
      db,
      journal,
      'groups',
      ['group_id', 'name', 'owner_id', 'max_members', 'avatar', 'create_time', 'whole_mute', 'memo'],
      (g, out) => out.push(g.groupId, g.name, g.ownerId, g.maxMembers, g.avatar, g.createTime, bool(g.wholeMute), g.memo),
      (a, b) => a.groupId - b.groupId,
    );
    this.#delete = journal.write('DELETE FROM groups WHERE group_id = ?');
    this.#patch = new PatchUpdater<GroupPatch>(journal, 'groups', 'group_id = ?', {
      name: ['name'],
      ownerId: ['owner_id'],
      maxMembers: ['max_members'],
      avatar: ['avatar'],
      wholeMute: ['whole_mute', bool],
      memo: ['memo'],
    });
  }

  get(groupId: number): Group | undefined {
    const cached = this.#cache.get(groupId);
    if (cached) return cached;
    const row = this.#get.get(groupId);
    return row && this.#cache.remember(groupId, toGroup(row));
  }

  list(): Group[] {
    return this.#list.all().map(toGroup);
  }

  listFor(userId: number): Group[] {
    return this.#listFor.all(userId).map(toGroup);
  }

  insert(group: Group): void {
    this.#insert.run(
      group.groupId,
      group.name,
      group.ownerId,
      group.maxMembers,
      group.avatar,
      group.createTime,
      bool(group.wholeMute),
      group.memo,
    );
    this.#cache.changed(group.groupId);
  }

  insertMany(groups: readonly Group[]): void {
    this.#insertMany.run(groups);
    for (const group of groups) this.#cache.changed(group.groupId);
  }

  update(groupId: number, patch: GroupPatch): Group {
    this.#cache.changed(groupId);
    this.#patch.run(patch, [groupId]);
    const group = this.get(groupId);
    if (!group) throw new Error(`group ${groupId} vanished during update`);
    return group;
  }

  delete(groupId: number): void {
    // The foreign keys would delete the members too, behind the member repository's caches.
    if (this.#hasMembers.get(groupId)) throw new Error(`group ${groupId} still has members; remove them first`);
    this.#delete.run(groupId);
    this.#cache.changed(groupId);
  }
}
