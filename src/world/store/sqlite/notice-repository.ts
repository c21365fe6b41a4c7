import type { GroupNotice } from '../../group-content-model.js';
import type { NoticeRepository } from '../group-content-store.js';
import type { SqliteDatabase } from './database.js';
import type { UnitJournal, WriteStatement } from './unit-journal.js';

interface NoticeRow {
  seq: number;
  notice_id: string;
  group_id: number;
  sender_id: number;
  content: string;
  image_blob: string;
  image_width: number;
  image_height: number;
  pinned: number;
  type: number;
  confirm_required: number;
  show_edit_card: number;
  tip_window_type: number;
  publish_time: number;
}

const toNotice = (row: NoticeRow): GroupNotice => ({
  noticeId: row.notice_id,
  groupId: row.group_id,
  senderId: row.sender_id,
  content: row.content,
  imageBlob: row.image_blob,
  imageWidth: row.image_width,
  imageHeight: row.image_height,
  pinned: row.pinned === 1,
  type: row.type,
  confirmRequired: row.confirm_required === 1,
  showEditCard: row.show_edit_card === 1,
  tipWindowType: row.tip_window_type,
  publishTime: row.publish_time,
});

export class SqliteNoticeRepository implements NoticeRepository {
  readonly #get;
  readonly #insert: WriteStatement;
  readonly #setId: WriteStatement;
  readonly #remove: WriteStatement;
  constructor(
    private readonly db: SqliteDatabase,
    journal: UnitJournal,
  ) {
    this.#get = db.prepare<[string], NoticeRow>('SELECT * FROM group_notices WHERE notice_id = ?');
    this.#insert = journal.write(`INSERT INTO group_notices (notice_id, group_id, sender_id, content, image_blob, image_width,
      image_height, pinned, type, confirm_required, show_edit_card, tip_window_type, publish_time)
      VALUES (hex(randomblob(16)), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.#setId = journal.write('UPDATE group_notices SET notice_id = ? WHERE seq = ?');
    this.#remove = journal.write('DELETE FROM group_notices WHERE notice_id = ?');
  }

  insert(notice: Omit<GroupNotice, 'noticeId'>, noticeIdOf: (seq: number) => string): GroupNotice {
    // The id is built from the row's own sequence number, so it is stored in a second step.
    const seq = Number(
      this.#insert.run(
        notice.groupId,
        notice.senderId,
        notice.content,
        notice.imageBlob,
        notice.imageWidth,
        notice.imageHeight,
        notice.pinned ? 1 : 0,
        notice.type,
        notice.confirmRequired ? 1 : 0,
        notice.showEditCard ? 1 : 0,
        notice.tipWindowType,
        notice.publishTime,
      ).lastInsertRowid,
    );
    const noticeId = noticeIdOf(seq);
    this.#setId.run(noticeId, seq);
    return { ...notice, noticeId };
  }

  get(noticeId: string): GroupNotice | undefined {
    const row = this.#get.get(noticeId);
    return row && toNotice(row);
  }

  list(groupId: number): GroupNotice[] {
    return this.db
      .prepare<[number], NoticeRow>('SELECT * FROM group_notices WHERE group_id = ? ORDER BY pinned DESC, publish_time DESC, seq DESC')
      .all(groupId)
      .map(toNotice);
  }

  remove(noticeId: string): boolean {
    return this.#remove.run(noticeId).changes > 0;
  }
}
