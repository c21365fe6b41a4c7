import type { Element } from '../../messages/elements.js';
import type { ForwardBundle } from '../../messages/forward.js';
import { conversationKey, parseConversationKey, type MessageRecord } from '../../messages/message.js';
import type { ConversationSummary, HistoryQuery, MessageRepository, NewMessage, StoredFile } from '../message-store.js';
import type { SqliteDatabase } from './database.js';
import type { WriteBatcher } from './write-batcher.js';
import type { SqliteMemberRepository } from './member-repository.js';

interface MessageRow {
  message_id: number;
  conv: string;
  seq: number;
  time: number;
  sender_id: number;
  target_id: number;
  group_id: number;
  elements: string;
  reply_to: number;
  random: number;
  recalled: number;
  recalled_by: number;
  recall_time: number;
}

interface ConversationRow {
  conv: string;
  temp_group_id: number;
  last_seq: number;
  last_time: number;
  last_message_id: number;
}

interface FileRow {
  file_id: string;
  blob_id: string;
  name: string;
  size: number;
  mime: string;
}

function toMessage(row: MessageRow): MessageRecord {
  const conversation = parseConversationKey(row.conv);
  return {
    messageId: row.message_id,
    conversation,
    seq: row.seq,
    time: row.time,
    senderId: row.sender_id,
    targetId: row.target_id,
    tempGroupId: conversation.type === 'private' ? row.group_id : 0,
    elements: JSON.parse(row.elements),
    replyTo: row.reply_to,
    recalled: row.recalled === 1,
    recalledBy: row.recalled_by,
    recallTime: row.recall_time,
    random: row.random,
  };
}

const toSummary = (row: ConversationRow): ConversationSummary => ({
  key: row.conv,
  conversation: parseConversationKey(row.conv),
  lastSeq: row.last_seq,
  lastTime: row.last_time,
  lastMessageId: row.last_message_id,
  tempGroupId: row.temp_group_id,
});

const toFile = (row: FileRow): StoredFile => ({ fileId: row.file_id, blobId: row.blob_id, name: row.name, size: row.size, mime: row.mime });

/** Messages, conversations and read marks in SQLite; see migration 002 for the indexes. */
export class SqliteMessageRepository implements MessageRepository {
  readonly #get;
  readonly #lastSeq;
  readonly #insertMessage;
  readonly #upsertConversation;
  readonly #upsertReadMark;
  readonly #insertFile;
  readonly #insertForward;
  readonly #newest;
  readonly #oldest;
  readonly #readSeq;
  readonly #unread;
  readonly #touchMember;
  /**
   * The last seq of each conversation written by this process, so a send skips reading it back.
   * Cleared whenever a batch fails to commit (its seqs never reached the disk).
   */
  readonly #seqCache = new Map<string, number>();

  constructor(
    private readonly db: SqliteDatabase,
    /** Sends commit together (group commit); see WriteBatcher. */
    private readonly batcher: WriteBatcher,
    /** Told about the last_sent_time this repository writes to members. */
    private readonly members: Pick<SqliteMemberRepository, 'noteLastSent'>,
  ) {
    batcher.onRollback(() => this.#seqCache.clear());
    this.#get = db.prepare<[number], MessageRow>('SELECT * FROM messages WHERE message_id = ?');
    this.#lastSeq = db.prepare<[string], { last_seq: number }>('SELECT last_seq FROM conversations WHERE conv = ?');
    this.#insertMessage = db.prepare(`INSERT INTO messages (conv, seq, time, sender_id, target_id, group_id, elements, reply_to, random)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.#upsertConversation = db.prepare(`INSERT INTO conversations
      (conv, group_id, user_low, user_high, temp_group_id, last_seq, last_time, last_message_id)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (conv) DO UPDATE SET temp_group_id = excluded.temp_group_id, last_seq = excluded.last_seq,
        last_time = excluded.last_time, last_message_id = excluded.last_message_id`);
    this.#upsertReadMark = db.prepare(`INSERT INTO read_marks (user_id, conv, seq) VALUES (?, ?, ?)
      ON CONFLICT (user_id, conv) DO UPDATE SET seq = excluded.seq WHERE excluded.seq > read_marks.seq`);
    this.#insertFile = db.prepare(
      'INSERT OR IGNORE INTO message_files (file_id, blob_id, name, size, mime, time) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.#insertForward = db.prepare(`INSERT INTO forwards (res_id, creator_id, time, scope, depth, card, nodes)
      VALUES (@resId, @creatorId, @time, @scope, @depth, @card, @nodes)`);
    this.#newest = db.prepare<[string, number, number, number], MessageRow>(
      'SELECT * FROM messages WHERE conv = ? AND seq BETWEEN ? AND ? AND recalled = 0 ORDER BY seq DESC LIMIT ?',
    );
    this.#oldest = db.prepare<[string, number, number, number], MessageRow>(
      'SELECT * FROM messages WHERE conv = ? AND seq BETWEEN ? AND ? AND recalled = 0 ORDER BY seq ASC LIMIT ?',
    );
    this.#touchMember = db.prepare('UPDATE members SET last_sent_time = ? WHERE group_id = ? AND user_id = ?');
    this.#readSeq = db.prepare<[number, string], { seq: number }>('SELECT seq FROM read_marks WHERE user_id = ? AND conv = ?');
    this.#unread = db.prepare<[string, number, number], { n: number }>(
      'SELECT count(*) AS n FROM messages WHERE conv = ? AND seq > ? AND recalled = 0 AND sender_id <> ?',
    );
  }

  async insert(message: NewMessage, extras: { files: readonly StoredFile[]; forwards: readonly ForwardBundle[] }): Promise<MessageRecord> {
    const conv = conversationKey(message.conversation);
    const groupId = message.conversation.type === 'group' ? message.conversation.groupId : message.tempGroupId;
    const record = await this.batcher.run((): MessageRecord => {
      const seq = (this.#seqCache.get(conv) ?? this.#lastSeq.get(conv)?.last_seq ?? 0) + 1;
      const messageId = Number(
        this.#insertMessage.run(
          conv,
          seq,
          message.time,
          message.senderId,
          message.targetId,
          groupId,
          JSON.stringify(message.elements),
          message.replyTo,
          message.random,
        ).lastInsertRowid,
      );
      const [userLow, userHigh] = message.conversation.type === 'private' ? message.conversation.userIds : [0, 0];
      this.#upsertConversation.run(
        conv,
        message.conversation.type === 'group' ? groupId : 0,
        userLow,
        userHigh,
        message.conversation.type === 'private' ? message.tempGroupId : 0,
        seq,
        message.time,
        messageId,
      );
      // What you send yourself is read.
      this.#upsertReadMark.run(message.senderId, conv, seq);
      // The sender's last_sent_time moves with the message, in the same transaction.
      if (message.conversation.type === 'group') this.#touchMember.run(message.time, groupId, message.senderId);
      for (const file of extras.files) this.#insertFile.run(file.fileId, file.blobId, file.name, file.size, file.mime, message.time);
      for (const bundle of extras.forwards) {
        this.#insertForward.run({
          resId: bundle.resId,
          creatorId: bundle.creatorId,
          time: bundle.time,
          scope: bundle.scope,
          depth: bundle.depth,
          card: JSON.stringify(bundle.card),
          nodes: JSON.stringify(bundle.nodes),
        });
      }
      // Last, so a piece that failed above never advances the cached sequence.
      this.#seqCache.set(conv, seq);
      return { ...message, messageId, seq, recalled: false, recalledBy: 0, recallTime: 0 };
    });
    if (message.conversation.type === 'group') this.members.noteLastSent(groupId, message.senderId, message.time);
    return record;
  }

  async get(messageId: number): Promise<MessageRecord | undefined> {
    const row = this.#get.get(messageId);
    return row && toMessage(row);
  }

  async getMany(messageIds: readonly number[]): Promise<Map<number, MessageRecord>> {
    const result = new Map<number, MessageRecord>();
    for (const messageId of new Set(messageIds)) {
      const row = this.#get.get(messageId);
      if (row) result.set(messageId, toMessage(row));
    }
    return result;
  }

  async getBySeq(conversationKey: string, seq: number): Promise<MessageRecord | undefined> {
    const row = this.db
      .prepare<[string, number], MessageRow>('SELECT * FROM messages WHERE conv = ? AND seq = ?')
      .get(conversationKey, seq);
    return row && toMessage(row);
  }

  async history(conversationKey: string, query: HistoryQuery): Promise<MessageRecord[]> {
    const min = query.minSeq ?? 0;
    const max = query.maxSeq ?? Number.MAX_SAFE_INTEGER;
    if (query.from === 'newest') return this.#newest.all(conversationKey, min, max, query.limit).reverse().map(toMessage);
    return this.#oldest.all(conversationKey, min, max, query.limit).map(toMessage);
  }

  async latest(conversationKey: string): Promise<MessageRecord | undefined> {
    const row = this.#newest.get(conversationKey, 0, Number.MAX_SAFE_INTEGER, 1);
    return row && toMessage(row);
  }

  async markRecalled(messageId: number, operatorId: number, time: number): Promise<MessageRecord> {
    this.db
      .prepare('UPDATE messages SET recalled = 1, recalled_by = ?, recall_time = ? WHERE message_id = ?')
      .run(operatorId, time, messageId);
    const row = this.#get.get(messageId);
    if (!row) throw new Error(`message ${messageId} vanished during recall`);
    return toMessage(row);
  }

  async conversationsOf(userId: number, groupIds: readonly number[], limit: number): Promise<ConversationSummary[]> {
    return this.db
      .prepare<[number, number, string, number], ConversationRow>(
        `SELECT * FROM (
           SELECT * FROM conversations WHERE user_low = ?
           UNION ALL SELECT * FROM conversations WHERE user_high = ?
           UNION ALL SELECT * FROM conversations WHERE group_id IN (SELECT value FROM json_each(?))
         ) ORDER BY last_time DESC, last_message_id DESC LIMIT ?`,
      )
      .all(userId, userId, JSON.stringify(groupIds), limit)
      .map(toSummary);
  }

  async conversation(conversationKey: string): Promise<ConversationSummary | undefined> {
    const row = this.db.prepare<[string], ConversationRow>('SELECT * FROM conversations WHERE conv = ?').get(conversationKey);
    return row && toSummary(row);
  }

  async readSeq(userId: number, conversationKey: string): Promise<number> {
    return this.#readSeq.get(userId, conversationKey)?.seq ?? 0;
  }

  async markRead(userId: number, conversationKey: string, seq: number): Promise<boolean> {
    return this.#upsertReadMark.run(userId, conversationKey, seq).changes > 0;
  }

  async unreadCount(userId: number, conversationKey: string): Promise<number> {
    return this.#unread.get(conversationKey, await this.readSeq(userId, conversationKey), userId)!.n;
  }

  async file(fileId: string): Promise<StoredFile | undefined> {
    const row = this.db.prepare<[string], FileRow>('SELECT * FROM message_files WHERE file_id = ?').get(fileId);
    return row && toFile(row);
  }

  async fileByName(name: string): Promise<StoredFile | undefined> {
    const row = this.db.prepare<[string], FileRow>('SELECT * FROM message_files WHERE name = ? ORDER BY time DESC LIMIT 1').get(name);
    return row && toFile(row);
  }

  async fileIn(
    match: { readonly fileId: string } | { readonly name: string },
    conversationKeys: readonly string[],
  ): Promise<StoredFile | undefined> {
    // instr() narrows the rows cheaply; the parsed elements decide.
    const needle = 'fileId' in match ? `"fileId":${JSON.stringify(match.fileId)}` : `"name":${JSON.stringify(match.name)}`;
    const rows = this.db
      .prepare<[string, string], { elements: string }>(
        `SELECT elements FROM messages WHERE conv IN (SELECT value FROM json_each(?)) AND instr(elements, ?) > 0
         ORDER BY message_id DESC`,
      )
      .iterate(JSON.stringify(conversationKeys), needle);
    for (const row of rows) {
      for (const element of JSON.parse(row.elements) as Element[]) {
        if (element.kind !== 'file') continue;
        if ('fileId' in match ? element.fileId === match.fileId : element.media.name === match.name) {
          rows.return?.();
          return { ...element.media, fileId: element.fileId };
        }
      }
    }
    return undefined;
  }
}
