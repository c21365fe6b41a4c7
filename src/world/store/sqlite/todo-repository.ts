import type { GroupTodo, TodoRepository } from '../../todos/todo-model.js';
import type { SqliteDatabase } from './database.js';
import type { UnitJournal, WriteStatement } from './unit-journal.js';

interface TodoRow {
  group_id: number;
  message_id: number;
  seq: number;
  setter_id: number;
  set_time: number;
}

/** The only writer of group_todos and group_todo_done (migration 011). */
export class SqliteTodoRepository implements TodoRepository {
  readonly #get;
  readonly #done;
  readonly #clearDone: WriteStatement;
  readonly #put: WriteStatement;
  readonly #remove: WriteStatement;
  readonly #markDone: WriteStatement;

  constructor(db: SqliteDatabase, journal: UnitJournal) {
    this.#get = db.prepare<[number], TodoRow>('SELECT * FROM group_todos WHERE group_id = ?');
    this.#done = db.prepare<[number], { user_id: number }>('SELECT user_id FROM group_todo_done WHERE group_id = ? ORDER BY time, user_id');
    this.#clearDone = journal.write('DELETE FROM group_todo_done WHERE group_id = ?');
    this.#put = journal.write(`INSERT INTO group_todos (group_id, message_id, seq, setter_id, set_time) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (group_id) DO UPDATE SET message_id = excluded.message_id, seq = excluded.seq, setter_id = excluded.setter_id,
      set_time = excluded.set_time`);
    this.#remove = journal.write('DELETE FROM group_todos WHERE group_id = ?');
    this.#markDone = journal.write('INSERT OR IGNORE INTO group_todo_done (group_id, user_id, time) VALUES (?, ?, ?)');
  }

  get(groupId: number): GroupTodo | undefined {
    const row = this.#get.get(groupId);
    if (!row) return undefined;
    return {
      groupId: row.group_id,
      messageId: row.message_id,
      seq: row.seq,
      setterId: row.setter_id,
      setTime: row.set_time,
      doneBy: this.#done.all(groupId).map((done) => done.user_id),
    };
  }

  put(todo: Omit<GroupTodo, 'doneBy'>): void {
    this.#clearDone.run(todo.groupId);
    this.#put.run(todo.groupId, todo.messageId, todo.seq, todo.setterId, todo.setTime);
  }

  remove(groupId: number): boolean {
    this.#clearDone.run(groupId);
    return this.#remove.run(groupId).changes > 0;
  }

  markDone(groupId: number, userId: number, time: number): boolean {
    return this.#markDone.run(groupId, userId, time).changes > 0;
  }
}
