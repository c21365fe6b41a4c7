import type { ForwardBundle } from '../../messages/forward.js';
import type { ForwardRepository } from '../message-store.js';
import type { SqliteDatabase } from './database.js';

interface ForwardRow {
  res_id: string;
  creator_id: number;
  time: number;
  scope: string;
  depth: number;
  card: string;
  nodes: string;
}

/** Reads merged-forward bundles; the message repository writes them with the message that carries them. */
export class SqliteForwardRepository implements ForwardRepository {
  readonly #get;
  constructor(db: SqliteDatabase) {
    this.#get = db.prepare<[string], ForwardRow>('SELECT * FROM forwards WHERE res_id = ?');
  }

  get(resId: string): ForwardBundle | undefined {
    const row = this.#get.get(resId);
    if (!row) return undefined;
    return {
      resId: row.res_id,
      creatorId: row.creator_id,
      time: row.time,
      scope: row.scope === 'group' ? 'group' : 'private',
      depth: row.depth,
      card: JSON.parse(row.card),
      nodes: JSON.parse(row.nodes),
    };
  }
}
