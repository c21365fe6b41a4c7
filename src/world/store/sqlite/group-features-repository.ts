import { defaultGroupFeatures, type GroupFeatures, type GroupFeaturesRepository } from '../../group-features/group-features-model.js';
import type { SqliteDatabase } from './database.js';
import type { UnitJournal, WriteStatement } from './unit-journal.js';

interface FeaturesRow {
  allow_member_upload_album: number;
  allow_member_temporary_session: number;
  allow_member_create_group: number;
  new_members_see_history: number;
  robot_member_switch: number;
  robot_member_examine: number;
  no_code_finger_open: number;
  no_finger_open: number;
  allow_anonymous: number;
}

/** The only writer of group_features and group_history_floors (migrations 013 and 015). */
export class SqliteGroupFeaturesRepository implements GroupFeaturesRepository {
  readonly #get;
  readonly #floor;
  readonly #put: WriteStatement;
  readonly #setFloor: WriteStatement;
  readonly #clearFloor: WriteStatement;

  constructor(db: SqliteDatabase, journal: UnitJournal) {
    this.#get = db.prepare<[number], FeaturesRow>('SELECT * FROM group_features WHERE group_id = ?');
    this.#floor = db.prepare<[number, number], { seq: number }>('SELECT seq FROM group_history_floors WHERE group_id = ? AND user_id = ?');
    this.#put = journal.write(`INSERT OR REPLACE INTO group_features (group_id, allow_member_upload_album, allow_member_temporary_session,
      allow_member_create_group, new_members_see_history, robot_member_switch, robot_member_examine, no_code_finger_open, no_finger_open,
      allow_anonymous) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.#setFloor = journal.write('INSERT OR REPLACE INTO group_history_floors (group_id, user_id, seq) VALUES (?, ?, ?)');
    this.#clearFloor = journal.write('DELETE FROM group_history_floors WHERE group_id = ? AND user_id = ?');
  }

  get(groupId: number): GroupFeatures {
    const row = this.#get.get(groupId);
    if (!row) return defaultGroupFeatures;
    return {
      allowMemberUploadAlbum: row.allow_member_upload_album === 1,
      allowMemberTemporarySession: row.allow_member_temporary_session === 1,
      allowMemberCreateGroup: row.allow_member_create_group === 1,
      newMembersSeeHistory: row.new_members_see_history === 1,
      robotMemberSwitch: row.robot_member_switch,
      robotMemberExamine: row.robot_member_examine,
      noCodeFingerOpen: row.no_code_finger_open,
      noFingerOpen: row.no_finger_open,
      allowAnonymous: row.allow_anonymous === 1,
    };
  }

  put(groupId: number, f: GroupFeatures): void {
    const bit = (value: boolean) => (value ? 1 : 0);
    this.#put.run(
      groupId,
      bit(f.allowMemberUploadAlbum),
      bit(f.allowMemberTemporarySession),
      bit(f.allowMemberCreateGroup),
      bit(f.newMembersSeeHistory),
      f.robotMemberSwitch,
      f.robotMemberExamine,
      f.noCodeFingerOpen,
      f.noFingerOpen,
      bit(f.allowAnonymous),
    );
  }

  historyFloor(groupId: number, userId: number): number {
    return this.#floor.get(groupId, userId)?.seq ?? 0;
  }

  setHistoryFloor(groupId: number, userId: number, seq: number): void {
    if (seq > 0) this.#setFloor.run(groupId, userId, seq);
    else this.#clearFloor.run(groupId, userId);
  }
}
