import type { KeyboardClick, KeyboardClickRepository } from '../../keyboards/keyboard-model.js';
import type { SqliteDatabase } from './database.js';
import type { UnitJournal, WriteStatement } from './unit-journal.js';

interface Row {
  message_id: number;
  button_id: string;
  user_id: number;
  callback_data: string;
  time: number;
}

/** The only writer of keyboard_clicks (migration 017). */
export class SqliteKeyboardClickRepository implements KeyboardClickRepository {
  readonly #insert: WriteStatement;
  readonly #forMessage;

  constructor(db: SqliteDatabase, journal: UnitJournal) {
    this.#insert = journal.write(
      'INSERT INTO keyboard_clicks (message_id, button_id, user_id, callback_data, time) VALUES (?, ?, ?, ?, ?)',
    );
    this.#forMessage = db.prepare<[number], Row>('SELECT * FROM keyboard_clicks WHERE message_id = ? ORDER BY time, rowid');
  }

  insert(click: KeyboardClick): void {
    this.#insert.run(click.messageId, click.buttonId, click.userId, click.callbackData, click.time);
  }

  forMessage(messageId: number): KeyboardClick[] {
    return this.#forMessage.all(messageId).map((row) => ({
      messageId: row.message_id,
      buttonId: row.button_id,
      userId: row.user_id,
      callbackData: row.callback_data,
      time: row.time,
    }));
  }
}
