import type { EssenceEntry, GroupSign } from '../../../extras-model.js';
import type { EssenceRepository, SecretRepository, SignRepository } from '../../extras-store.js';
import type { SqliteDatabase } from '../database.js';

export class SqliteSignRepository implements SignRepository {
  constructor(private readonly db: SqliteDatabase) {}

  async insert(sign: GroupSign): Promise<boolean> {
    return (
      this.db
        .prepare('INSERT OR IGNORE INTO group_signs (group_id, user_id, day, time) VALUES (?, ?, ?, ?)')
        .run(sign.groupId, sign.userId, sign.day, sign.time).changes > 0
    );
  }

  async list(groupId: number, day: string): Promise<GroupSign[]> {
    return this.db
      .prepare<[number, string], { group_id: number; user_id: number; day: string; time: number }>(
        'SELECT * FROM group_signs WHERE group_id = ? AND day = ? ORDER BY time, user_id',
      )
      .all(groupId, day)
      .map((row) => ({ groupId: row.group_id, userId: row.user_id, day: row.day, time: row.time }));
  }
}

interface EssenceRow {
  group_id: number;
  message_id: number;
  sender_id: number;
  operator_id: number;
  time: number;
}

const toEssence = (row: EssenceRow): EssenceEntry => ({
  groupId: row.group_id,
  messageId: row.message_id,
  senderId: row.sender_id,
  operatorId: row.operator_id,
  time: row.time,
});

export class SqliteEssenceRepository implements EssenceRepository {
  constructor(private readonly db: SqliteDatabase) {}

  async get(groupId: number, messageId: number): Promise<EssenceEntry | undefined> {
    const row = this.db
      .prepare<[number, number], EssenceRow>('SELECT * FROM essence_messages WHERE group_id = ? AND message_id = ?')
      .get(groupId, messageId);
    return row && toEssence(row);
  }

  async list(groupId: number): Promise<EssenceEntry[]> {
    return this.db
      .prepare<[number], EssenceRow>('SELECT * FROM essence_messages WHERE group_id = ? ORDER BY time DESC, message_id DESC')
      .all(groupId)
      .map(toEssence);
  }

  async insert(entry: EssenceEntry): Promise<boolean> {
    return (
      this.db
        .prepare('INSERT OR IGNORE INTO essence_messages (group_id, message_id, sender_id, operator_id, time) VALUES (?, ?, ?, ?, ?)')
        .run(entry.groupId, entry.messageId, entry.senderId, entry.operatorId, entry.time).changes > 0
    );
  }

  async remove(groupId: number, messageId: number): Promise<boolean> {
    return this.db.prepare('DELETE FROM essence_messages WHERE group_id = ? AND message_id = ?').run(groupId, messageId).changes > 0;
  }
}

export class SqliteSecretRepository implements SecretRepository {
  constructor(private readonly db: SqliteDatabase) {}

  async getOrCreate(name: string, create: () => string): Promise<string> {
    return this.db.transaction(() => {
      const row = this.db.prepare<[string], { value: string }>('SELECT value FROM world_secrets WHERE name = ?').get(name);
      if (row) return row.value;
      const value = create();
      this.db.prepare('INSERT INTO world_secrets (name, value) VALUES (?, ?)').run(name, value);
      return value;
    })();
  }
}
