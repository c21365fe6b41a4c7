import type { AddOption, GroupJoinSettings, InvitePolicy } from '../../request-model.js';
import type { GroupSettingsRepository } from '../request-store.js';
import type { SqliteDatabase } from './database.js';
import type { UnitJournal, WriteStatement } from './unit-journal.js';

interface JoinSettingsRow {
  group_id: number;
  add_option: number;
  question: string;
  answer: string;
  invite_policy: string;
}

/** Join settings, join and friend blocks, and per-account group remarks. */
export class SqliteGroupSettingsRepository implements GroupSettingsRepository {
  readonly #putJoinSettings: WriteStatement;
  readonly #blockJoin: WriteStatement;
  readonly #unblockJoin: WriteStatement;
  readonly #blockFriend: WriteStatement;
  readonly #deleteRemark: WriteStatement;
  readonly #putRemark: WriteStatement;
  constructor(
    private readonly db: SqliteDatabase,
    journal: UnitJournal,
  ) {
    this.#putJoinSettings = journal.write(`INSERT INTO group_join_settings (group_id, add_option, question, answer, invite_policy)
      VALUES (?, ?, ?, ?, ?) ON CONFLICT (group_id) DO UPDATE SET add_option = excluded.add_option, question = excluded.question,
      answer = excluded.answer, invite_policy = excluded.invite_policy`);
    this.#blockJoin = journal.write('INSERT OR IGNORE INTO group_join_blocks (group_id, user_id, created_at) VALUES (?, ?, ?)');
    this.#unblockJoin = journal.write('DELETE FROM group_join_blocks WHERE group_id = ? AND user_id = ?');
    this.#blockFriend = journal.write('INSERT OR IGNORE INTO friend_blocks (owner_id, blocked_id, created_at) VALUES (?, ?, ?)');
    this.#deleteRemark = journal.write('DELETE FROM group_remarks WHERE user_id = ? AND group_id = ?');
    this.#putRemark = journal.write(
      'INSERT INTO group_remarks (user_id, group_id, remark) VALUES (?, ?, ?) ON CONFLICT (user_id, group_id) DO UPDATE SET remark = excluded.remark',
    );
  }

  joinSettings(groupId: number): GroupJoinSettings | undefined {
    const row = this.db.prepare<[number], JoinSettingsRow>('SELECT * FROM group_join_settings WHERE group_id = ?').get(groupId);
    return (
      row && {
        groupId: row.group_id,
        addOption: row.add_option as AddOption,
        question: row.question,
        answer: row.answer,
        invitePolicy: row.invite_policy as InvitePolicy,
      }
    );
  }

  putJoinSettings(settings: GroupJoinSettings): void {
    this.#putJoinSettings.run(settings.groupId, settings.addOption, settings.question, settings.answer, settings.invitePolicy);
  }

  isJoinBlocked(groupId: number, userId: number): boolean {
    return this.db.prepare('SELECT 1 FROM group_join_blocks WHERE group_id = ? AND user_id = ?').get(groupId, userId) !== undefined;
  }

  blockJoin(groupId: number, userId: number, time: number): void {
    this.#blockJoin.run(groupId, userId, time);
  }

  unblockJoin(groupId: number, userId: number): boolean {
    return this.#unblockJoin.run(groupId, userId).changes > 0;
  }

  isFriendBlocked(ownerId: number, userId: number): boolean {
    return this.db.prepare('SELECT 1 FROM friend_blocks WHERE owner_id = ? AND blocked_id = ?').get(ownerId, userId) !== undefined;
  }

  blockFriend(ownerId: number, userId: number, time: number): void {
    this.#blockFriend.run(ownerId, userId, time);
  }

  remark(userId: number, groupId: number): string {
    const row = this.db
      .prepare<[number, number], { remark: string }>('SELECT remark FROM group_remarks WHERE user_id = ? AND group_id = ?')
      .get(userId, groupId);
    return row?.remark ?? '';
  }

  remarks(userId: number): Map<number, string> {
    const rows = this.db
      .prepare<[number], { group_id: number; remark: string }>('SELECT group_id, remark FROM group_remarks WHERE user_id = ?')
      .all(userId);
    return new Map(rows.map((row) => [row.group_id, row.remark]));
  }

  setRemark(userId: number, groupId: number, remark: string): void {
    if (remark === '') this.#deleteRemark.run(userId, groupId);
    else this.#putRemark.run(userId, groupId, remark);
  }
}
