import type { PeerPin, PinRepository } from '../../extras-store.js';
import type { SqliteDatabase } from '../database.js';

export class SqlitePinRepository implements PinRepository {
  constructor(private readonly db: SqliteDatabase) {}

  async list(ownerId: number): Promise<PeerPin[]> {
    return this.db
      .prepare<[number], { kind: 'group' | 'private'; peer_id: number; pinned_at: number }>(
        'SELECT kind, peer_id, pinned_at FROM peer_pins WHERE owner_id = ? ORDER BY pinned_at DESC, rowid DESC',
      )
      .all(ownerId)
      .map((row) => ({ kind: row.kind, peerId: row.peer_id, pinnedAt: row.pinned_at }));
  }

  async set(ownerId: number, pin: PeerPin, pinned: boolean): Promise<boolean> {
    const statement = pinned
      ? this.db.prepare('INSERT OR IGNORE INTO peer_pins (owner_id, kind, peer_id, pinned_at) VALUES (?, ?, ?, ?)')
      : this.db.prepare('DELETE FROM peer_pins WHERE owner_id = ? AND kind = ? AND peer_id = ?');
    const args = pinned ? [ownerId, pin.kind, pin.peerId, pin.pinnedAt] : [ownerId, pin.kind, pin.peerId];
    return statement.run(...args).changes > 0;
  }
}
