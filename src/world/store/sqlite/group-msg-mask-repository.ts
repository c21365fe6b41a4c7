import type { GroupMsgMaskRepository } from '../store.js';
import type { SqliteDatabase } from './database.js';
import type { UnitJournal, WriteStatement } from './unit-journal.js';

/** Group message masks (migration 030); mask 1, the default, is kept as no row. */
export class SqliteGroupMsgMaskRepository implements GroupMsgMaskRepository {
  readonly #get;
  readonly #owners;
  readonly #set: WriteStatement;
  readonly #clear: WriteStatement;
  constructor(db: SqliteDatabase, journal: UnitJournal) {
    this.#get = db.prepare<[number, number], { mask: number }>('SELECT mask FROM group_msg_masks WHERE owner_id = ? AND group_id = ?');
    // No index by group: the table holds only settings people changed, a handful per account.
    this.#owners = db.prepare<[number, number], { owner_id: number }>(
      'SELECT owner_id FROM group_msg_masks WHERE group_id = ? AND mask = ?',
    );
    this.#set = journal.write(
      'INSERT INTO group_msg_masks (owner_id, group_id, mask) VALUES (?, ?, ?) ON CONFLICT (owner_id, group_id) DO UPDATE SET mask = excluded.mask',
    );
    this.#clear = journal.write('DELETE FROM group_msg_masks WHERE owner_id = ? AND group_id = ?');
  }

  get(ownerId: number, groupId: number): number {
    return this.#get.get(ownerId, groupId)?.mask ?? 1;
  }

  ownersWith(groupId: number, mask: number): number[] {
    return this.#owners.all(groupId, mask).map((row) => row.owner_id);
  }

  set(ownerId: number, groupId: number, mask: number): void {
    if (mask === 1) this.#clear.run(ownerId, groupId);
    else this.#set.run(ownerId, groupId, mask);
  }
}
