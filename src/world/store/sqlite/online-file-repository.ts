import type { OnlineFile, OnlineFileState } from '../../online-files/records.js';
import type { OnlineFileRepository } from '../online-file-store.js';
import type { SqliteDatabase } from './database.js';
import type { UnitJournal, WriteStatement } from './unit-journal.js';

interface Row {
  msg_id: string;
  element_id: string;
  message_id: number;
  sender_id: number;
  receiver_id: number;
  name: string;
  is_dir: number;
  blob_id: string;
  size: number;
  state: OnlineFileState;
  offer_time: number;
  answer_time: number;
}

const toFile = (row: Row): OnlineFile => ({
  msgId: row.msg_id,
  elementId: row.element_id,
  messageId: row.message_id,
  senderId: row.sender_id,
  receiverId: row.receiver_id,
  name: row.name,
  isDir: row.is_dir === 1,
  blobId: row.blob_id,
  size: row.size,
  state: row.state,
  offerTime: row.offer_time,
  answerTime: row.answer_time,
});

/** Online file offers (migrations 021 and 024). */
export class SqliteOnlineFileRepository implements OnlineFileRepository {
  readonly #insert: WriteStatement;
  readonly #answer: WriteStatement;
  readonly #get;
  readonly #between;

  constructor(db: SqliteDatabase, journal: UnitJournal) {
    this.#insert = journal.write(`INSERT INTO online_files
      (msg_id, element_id, message_id, sender_id, receiver_id, name, is_dir, blob_id, size, state, offer_time, answer_time)
      VALUES (@msgId, @elementId, @messageId, @senderId, @receiverId, @name, @isDir, @blobId, @size, @state, @offerTime, @answerTime)`);
    this.#answer = journal.write('UPDATE online_files SET state = ?, answer_time = ? WHERE msg_id = ?');
    this.#get = db.prepare<[string], Row>('SELECT * FROM online_files WHERE msg_id = ?');
    this.#between = db.prepare<[number, number, number, number], Row>(
      `SELECT * FROM online_files WHERE (sender_id = ? AND receiver_id = ?) OR (sender_id = ? AND receiver_id = ?)
       ORDER BY offer_time, rowid`,
    );
  }

  insert(file: OnlineFile): void {
    this.#insert.run({ ...file, isDir: file.isDir ? 1 : 0 });
  }

  get(msgId: string): OnlineFile | undefined {
    const row = this.#get.get(msgId);
    return row && toFile(row);
  }

  between(userA: number, userB: number): OnlineFile[] {
    return this.#between.all(userA, userB, userB, userA).map(toFile);
  }

  answer(msgId: string, state: OnlineFileState, time: number): OnlineFile {
    this.#answer.run(state, time, msgId);
    return this.get(msgId)!;
  }
}
