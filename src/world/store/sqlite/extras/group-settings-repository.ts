import type { AddOption, GroupJoinSettings, InvitePolicy } from '../../../extras-model.js';
import type { GroupSettingsRepository } from '../../extras-store.js';
import type { SqliteDatabase } from '../database.js';

interface JoinSettingsRow {
  group_id: number;
  add_option: number;
  question: string;
  answer: string;
  invite_policy: string;
}

/** Join settings, join and friend blocks, and per-account group remarks. */
export class SqliteGroupSettingsRepository implements GroupSettingsRepository {
  constructor(private readonly db: SqliteDatabase) {}

  async joinSettings(groupId: number): Promise<GroupJoinSettings | undefined> {
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

  async putJoinSettings(settings: GroupJoinSettings): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO group_join_settings (group_id, add_option, question, answer, invite_policy) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (group_id) DO UPDATE SET add_option = excluded.add_option, question = excluded.question,
        answer = excluded.answer, invite_policy = excluded.invite_policy`,
      )
      .run(settings.groupId, settings.addOption, settings.question, settings.answer, settings.invitePolicy);
  }

  async isJoinBlocked(groupId: number, userId: number): Promise<boolean> {
    return this.db.prepare('SELECT 1 FROM group_join_blocks WHERE group_id = ? AND user_id = ?').get(groupId, userId) !== undefined;
  }

  async blockJoin(groupId: number, userId: number, time: number): Promise<void> {
    this.db.prepare('INSERT OR IGNORE INTO group_join_blocks (group_id, user_id, created_at) VALUES (?, ?, ?)').run(groupId, userId, time);
  }

  async unblockJoin(groupId: number, userId: number): Promise<boolean> {
    return this.db.prepare('DELETE FROM group_join_blocks WHERE group_id = ? AND user_id = ?').run(groupId, userId).changes > 0;
  }

  async isFriendBlocked(ownerId: number, userId: number): Promise<boolean> {
    return this.db.prepare('SELECT 1 FROM friend_blocks WHERE owner_id = ? AND blocked_id = ?').get(ownerId, userId) !== undefined;
  }

  async blockFriend(ownerId: number, userId: number, time: number): Promise<void> {
    this.db.prepare('INSERT OR IGNORE INTO friend_blocks (owner_id, blocked_id, created_at) VALUES (?, ?, ?)').run(ownerId, userId, time);
  }

  async remark(userId: number, groupId: number): Promise<string> {
    const row = this.db
      .prepare<[number, number], { remark: string }>('SELECT remark FROM group_remarks WHERE user_id = ? AND group_id = ?')
      .get(userId, groupId);
    return row?.remark ?? '';
  }

  async remarks(userId: number): Promise<Map<number, string>> {
    const rows = this.db
      .prepare<[number], { group_id: number; remark: string }>('SELECT group_id, remark FROM group_remarks WHERE user_id = ?')
      .all(userId);
    return new Map(rows.map((row) => [row.group_id, row.remark]));
  }

  async setRemark(userId: number, groupId: number, remark: string): Promise<void> {
    if (remark === '') {
      this.db.prepare('DELETE FROM group_remarks WHERE user_id = ? AND group_id = ?').run(userId, groupId);
      return;
    }
    this.db
      .prepare(
        'INSERT INTO group_remarks (user_id, group_id, remark) VALUES (?, ?, ?) ON CONFLICT (user_id, group_id) DO UPDATE SET remark = excluded.remark',
      )
      .run(userId, groupId, remark);
  }
}
