import type { GroupMsgMaskRepository } from '../store.js';
import type { SqliteDatabase } from './database.js';
import { UnitCache, type UnitJournal, type WriteStatement } from './unit-journal.js';

interface MaskRow {
  readonly owner_id: number;
  readonly mask: number;
}

/**
 * Group message masks (migration 030); mask 1, the default, is kept as no row.
 *
 * Every group message asks who blocked its group (see `deliveryAudienceOf`), so a group's rows
 * are cached: a query per send was about 5% of a send's statement time under load, for a table
 * that holds a handful of settings people changed. Only this repository writes the table, and a
 * write forgets its group's rows (again if its unit rolls back). A dismissed group's rows go
 * through `removeAll` too, not the foreign key's cascade, which would leave them cached for a
 * later group of the same id.
 */
export class SqliteGroupMsgMaskRepository implements GroupMsgMaskRepository {
  readonly #get;
  readonly #rowsOf;
  readonly #set: WriteStatement;
  readonly #clear: WriteStatement;
  readonly #clearGroup: WriteStatement;
  readonly #byGroup: UnitCache<number, readonly MaskRow[]>;
  constructor(db: SqliteDatabase, journal: UnitJournal) {
    this.#get = db.prepare<[number, number], { mask: number }>('SELECT mask FROM group_msg_masks WHERE owner_id = ? AND group_id = ?');
    // No index by group: the table holds only settings people changed, a handful per account.
    this.#rowsOf = db.prepare<[number], MaskRow>('SELECT owner_id, mask FROM group_msg_masks WHERE group_id = ? ORDER BY owner_id');
    this.#set = journal.write(
      'INSERT INTO group_msg_masks (owner_id, group_id, mask) VALUES (?, ?, ?) ON CONFLICT (owner_id, group_id) DO UPDATE SET mask = excluded.mask',
    );
    this.#clear = journal.write('DELETE FROM group_msg_masks WHERE owner_id = ? AND group_id = ?');
    this.#clearGroup = journal.write('DELETE FROM group_msg_masks WHERE group_id = ?');
    this.#byGroup = new UnitCache(journal);
  }

  get(ownerId: number, groupId: number): number {
    return this.#get.get(ownerId, groupId)?.mask ?? 1;
  }

  ownersWith(groupId: number, mask: number): number[] {
    const rows = this.#byGroup.get(groupId) ?? this.#byGroup.remember(groupId, this.#rowsOf.all(groupId));
    const owners: number[] = [];
    for (const row of rows) if (row.mask === mask) owners.push(row.owner_id);
    return owners;
  }

  set(ownerId: number, groupId: number, mask: number): void {
    if (mask === 1) this.#clear.run(ownerId, groupId);
    else this.#set.run(ownerId, groupId, mask);
    this.#byGroup.changed(groupId);
  }

  removeAll(groupId: number): void {
    this.#clearGroup.run(groupId);
    this.#byGroup.changed(groupId);
  }
}
