import { noPresence, type AccountPresence, type PresenceRepository } from '../../presence/presence-model.js';
import type { SqliteDatabase } from './database.js';
import type { UnitJournal, WriteStatement } from './unit-journal.js';

interface PresenceRow {
  model: string;
  model_show: string;
  diy_face_id: string;
  diy_face_type: string;
  diy_wording: string;
}

/** The only writer of account_presence (migration 014). */
export class SqlitePresenceRepository implements PresenceRepository {
  readonly #get;
  readonly #put: WriteStatement;

  constructor(db: SqliteDatabase, journal: UnitJournal) {
    this.#get = db.prepare<[number], PresenceRow>('SELECT * FROM account_presence WHERE user_id = ?');
    this.#put = journal.write(`INSERT OR REPLACE INTO account_presence (user_id, model, model_show, diy_face_id, diy_face_type, diy_wording)
      VALUES (?, ?, ?, ?, ?, ?)`);
  }

  get(userId: number): AccountPresence {
    const row = this.#get.get(userId);
    if (!row) return noPresence;
    return {
      model: row.model,
      modelShow: row.model_show,
      diyFaceId: row.diy_face_id,
      diyFaceType: row.diy_face_type,
      diyWording: row.diy_wording,
    };
  }

  put(userId: number, p: AccountPresence): void {
    this.#put.run(userId, p.model, p.modelShow, p.diyFaceId, p.diyFaceType, p.diyWording);
  }
}
