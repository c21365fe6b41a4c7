import type { PeerPin, PinRepository } from '../message-store.js';
import type { SqliteDatabase } from './database.js';
import type { UnitJournal, WriteStatement } from './unit-journal.js';

/** Pinned chats (migration 006). */
export class SqlitePinRepository implements PinRepository {
  readonly #list;
  readonly #pin: WriteStatement;
  readonly #unpin: WriteStatement;
  constructor(db: SqliteDatabase, journal: UnitJournal) {
    this.#list = db.prepare<[number], { kind: 'group' | 'private'; peer_id: number; pinned_at: number }>(
      'SELECT kind, peer_id, pinned_at FROM peer_pins WHERE owner_id = ? ORDER BY pinned_at DESC, rowid DESC',
    );
    this.#pin = journal.write('INSERT OR IGNORE INTO peer_pins (owner_id, kind, peer_id, pinned_at) VALUES (?, ?, ?, ?)');
    this.#unpin = journal.write('DELETE FROM peer_pins WHERE owner_id = ? AND kind = ? AND peer_id = ?');
  }

  list(ownerId: number): PeerPin[] {
    return this.#list.all(ownerId).map((row) => ({ kind: row.kind, peerId: row.peer_id, pinnedAt: row.pinned_at }));
  }

  set(ownerId: number, pin: PeerPin, pinned: boolean): boolean {
    const result = pinned ? this.#pin.run(ownerId, pin.kind, pin.peerId, pin.pinnedAt) : this.#unpin.run(ownerId, pin.kind, pin.peerId);
    return result.changes > 0;
  }
}
