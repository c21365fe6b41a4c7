import type { EssenceEntry, GroupSign } from '../../group-content-model.js';
import type { EssenceRepository, SignRepository } from '../group-content-store.js';
import type { SecretRepository } from '../store.js';
import type { SqliteDatabase } from './database.js';
import type { UnitJournal, WriteStatement } from './unit-journal.js';

interface SignRow {
  group_id: number;
  user_id: number;
  day: string;
  time: number;
}

export class SqliteSignRepository implements SignRepository {
  readonly #has;
  readonly #list;
  readonly #insert: WriteStatement;
  constructor(db: SqliteDatabase, journal: UnitJournal) {
    this.#has = db.prepare<[number, number, string], { one: number }>(
      'SELECT 1 AS one FROM group_signs WHERE group_id = ? AND user_id = ? AND day = ?',
    );
    this.#list = db.prepare<[number, string], SignRow>('SELECT * FROM group_signs WHERE group_id = ? AND day = ? ORDER BY time, user_id');
    this.#insert = journal.write('INSERT INTO group_signs (group_id, user_id, day, time) VALUES (?, ?, ?, ?)');
  }

  has(groupId: number, userId: number, day: string): boolean {
    return this.#has.get(groupId, userId, day) !== undefined;
  }

  insert(sign: GroupSign): void {
    this.#insert.run(sign.groupId, sign.userId, sign.day, sign.time);
  }

  list(groupId: number, day: string): GroupSign[] {
    return this.#list.all(groupId, day).map((row) => ({ groupId: row.group_id, userId: row.user_id, day: row.day, time: row.time }));
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
  readonly #get;
  readonly #list;
  readonly #insert: WriteStatement;
  readonly #remove: WriteStatement;
  constructor(db: SqliteDatabase, journal: UnitJournal) {
    this.#get = db.prepare<[number, number], EssenceRow>('SELECT * FROM essence_messages WHERE group_id = ? AND message_id = ?');
    this.#list = db.prepare<[number], EssenceRow>('SELECT * FROM essence_messages WHERE group_id = ? ORDER BY time DESC, message_id DESC');
    this.#insert = journal.write(
      'INSERT INTO essence_messages (group_id, message_id, sender_id, operator_id, time) VALUES (?, ?, ?, ?, ?)',
    );
    this.#remove = journal.write('DELETE FROM essence_messages WHERE group_id = ? AND message_id = ?');
  }

  get(groupId: number, messageId: number): EssenceEntry | undefined {
    const row = this.#get.get(groupId, messageId);
    return row && toEssence(row);
  }

  list(groupId: number): EssenceEntry[] {
    return this.#list.all(groupId).map(toEssence);
  }

  insert(entry: EssenceEntry): void {
    this.#insert.run(entry.groupId, entry.messageId, entry.senderId, entry.operatorId, entry.time);
  }

  remove(groupId: number, messageId: number): boolean {
    return this.#remove.run(groupId, messageId).changes > 0;
  }
}

/** Named secrets of the world (the key web credentials are derived from). */
export class SqliteSecretRepository implements SecretRepository {
  readonly #get;
  readonly #insert: WriteStatement;
  constructor(db: SqliteDatabase, journal: UnitJournal) {
    this.#get = db.prepare<[string], { value: string }>('SELECT value FROM world_secrets WHERE name = ?');
    this.#insert = journal.write('INSERT INTO world_secrets (name, value) VALUES (?, ?)');
  }

  get(name: string): string | undefined {
    return this.#get.get(name)?.value;
  }

  insert(name: string, value: string): void {
    this.#insert.run(name, value);
  }
}
