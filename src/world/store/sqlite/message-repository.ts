import type { Element } from '../../messages/elements.js';
import type { ForwardBundle } from '../../messages/forward.js';
import { conversationKey, parseConversationKey, type MessageRecord } from '../../messages/message.js';
import type {
  ConversationRange,
  ConversationSummary,
  HistoryQuery,
  MessageRepository,
  NewMessage,
  RecentConversation,
  StoredFile,
} from '../message-store.js';
import type { SqliteDatabase } from './database.js';
import { UnitCache, type UnitJournal, type WriteStatement } from './unit-journal.js';

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

interface RecentConversationRow extends ConversationRow {
  floor_seq: number;
  join_time: number;
  shown_time: number;
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

const toRecent = (row: RecentConversationRow): RecentConversation => ({
  ...toSummary(row),
  floorSeq: row.floor_seq,
  joinTime: row.join_time,
  shownTime: row.shown_time,
});

const toFile = (row: FileRow): StoredFile => ({ fileId: row.file_id, blobId: row.blob_id, name: row.name, size: row.size, mime: row.mime });

/** How many message records the repository keeps at hand (see `#recent`). */
const recentMessages = 512;

/** Messages, conversations, read marks, forward bundles and message file ids in SQLite; see migration 002 for the indexes. */
export class SqliteMessageRepository implements MessageRepository {
  readonly #get;
  readonly #getBySeq;
  readonly #lastSeq;
  readonly #newest;
  readonly #oldest;
  readonly #newestWithRecalled;
  readonly #oldestWithRecalled;
  readonly #readSeq;
  readonly #sentSeq;
  readonly #unread;
  readonly #conversation;
  readonly #conversationsOf;
  readonly #recentConversationsOf;
  readonly #file;
  readonly #fileByName;
  readonly #fileIn;
  readonly #insertMessage: WriteStatement;
  readonly #upsertConversation: WriteStatement;
  readonly #bumpConversation: WriteStatement;
  readonly #upsertReadMark: WriteStatement;
  readonly #keepReadPosition: WriteStatement;
  readonly #keepGroupReadPositions: WriteStatement;
  readonly #insertFile: WriteStatement;
  readonly #insertForward: WriteStatement;
  readonly #recall: WriteStatement;
  /** The last seq of each conversation, so a send skips reading it back. */
  readonly #lastSeqs: UnitCache<string, number>;
  /**
   * The messages stored or read last. A bot's answer quotes the message it answers, a few
   * milliseconds after it was stored, and the record is here rather than read and parsed back
   * (a twentieth of Catnap's time when a bot answers every message). Kept few: a record that
   * outlives two young collections is copied into the old generation, as garbage to come.
   */
  readonly #recent: UnitCache<number, MessageRecord>;

  constructor(db: SqliteDatabase, journal: UnitJournal) {
    this.#lastSeqs = new UnitCache(journal);
    this.#recent = new UnitCache(journal, recentMessages);
    this.#get = db.prepare<[number], MessageRow>('SELECT * FROM messages WHERE message_id = ?');
    this.#getBySeq = db.prepare<[string, number], MessageRow>('SELECT * FROM messages WHERE conv = ? AND seq = ?');
    this.#lastSeq = db.prepare<[string], { last_seq: number }>('SELECT last_seq FROM conversations WHERE conv = ?');
    this.#newest = db.prepare<[string, number, number, number], MessageRow>(
      'SELECT * FROM messages WHERE conv = ? AND seq BETWEEN ? AND ? AND recalled = 0 ORDER BY seq DESC LIMIT ?',
    );
    this.#oldest = db.prepare<[string, number, number, number], MessageRow>(
      'SELECT * FROM messages WHERE conv = ? AND seq BETWEEN ? AND ? AND recalled = 0 ORDER BY seq ASC LIMIT ?',
    );
    this.#newestWithRecalled = db.prepare<[string, number, number, number], MessageRow>(
      'SELECT * FROM messages WHERE conv = ? AND seq BETWEEN ? AND ? ORDER BY seq DESC LIMIT ?',
    );
    this.#oldestWithRecalled = db.prepare<[string, number, number, number], MessageRow>(
      'SELECT * FROM messages WHERE conv = ? AND seq BETWEEN ? AND ? ORDER BY seq ASC LIMIT ?',
    );
    this.#readSeq = db.prepare<[number, string], { seq: number }>('SELECT seq FROM read_marks WHERE user_id = ? AND conv = ?');
    this.#sentSeq = db.prepare<[number, number], { sent_seq: number }>('SELECT sent_seq FROM members WHERE group_id = ? AND user_id = ?');
    const keepReadPositions = (which: string) =>
      journal.write(`INSERT INTO read_marks (user_id, conv, seq)
        SELECT user_id, 'g:' || group_id, sent_seq FROM members WHERE ${which} AND sent_seq > 0
        ON CONFLICT (user_id, conv) DO UPDATE SET seq = excluded.seq WHERE excluded.seq > read_marks.seq`);
    this.#keepReadPosition = keepReadPositions('group_id = ? AND user_id = ?');
    this.#keepGroupReadPositions = keepReadPositions('group_id = ?');
    this.#unread = db.prepare<[string, number, number], { n: number }>(
      'SELECT count(*) AS n FROM messages WHERE conv = ? AND seq > ? AND recalled = 0 AND sender_id <> ?',
    );
    this.#conversation = db.prepare<[string], ConversationRow>('SELECT * FROM conversations WHERE conv = ?');
    this.#conversationsOf = db.prepare<[number, number, string, number], ConversationRow>(
      // The `<> 0` terms are what let SQLite use the partial indexes (it cannot infer them from `= ?`).
      `SELECT * FROM (
         SELECT * FROM conversations WHERE user_low = ? AND user_low <> 0
         UNION ALL SELECT * FROM conversations WHERE user_high = ? AND user_high <> 0
         UNION ALL SELECT * FROM conversations WHERE group_id IN (SELECT value FROM json_each(?)) AND group_id <> 0
       ) ORDER BY last_time DESC, last_message_id DESC LIMIT ?`,
    );
    // Each group adds two primary-key lookups (its history floor and the membership) to the
    // conversation lookups above; the sort key is the time of what the user may read.
    this.#recentConversationsOf = db.prepare<{ user: number; groups: string; limit: number }, RecentConversationRow>(
      `SELECT *, CASE WHEN last_seq > floor_seq THEN last_time ELSE join_time END AS shown_time FROM (
         SELECT *, 0 AS floor_seq, 0 AS join_time FROM conversations WHERE user_low = @user AND user_low <> 0
         UNION ALL SELECT *, 0, 0 FROM conversations WHERE user_high = @user AND user_high <> 0
         UNION ALL SELECT c.*, coalesce(f.seq, 0), coalesce(m.join_time, 0)
           FROM conversations AS c
           LEFT JOIN group_history_floors AS f ON f.group_id = c.group_id AND f.user_id = @user
           LEFT JOIN members AS m ON m.group_id = c.group_id AND m.user_id = @user
           WHERE c.group_id IN (SELECT value FROM json_each(@groups)) AND c.group_id <> 0
       ) ORDER BY shown_time DESC, last_message_id DESC LIMIT @limit`,
    );
    this.#file = db.prepare<[string], FileRow>('SELECT * FROM message_files WHERE file_id = ?');
    this.#fileByName = db.prepare<[string], FileRow>('SELECT * FROM message_files WHERE name = ? ORDER BY time DESC LIMIT 1');
    this.#fileIn = db.prepare<[string, string], { elements: string }>(
      `SELECT m.elements FROM json_each(?) AS r
         JOIN messages AS m ON m.conv = r.value ->> '$.key' AND m.seq > r.value ->> '$.afterSeq'
       WHERE instr(m.elements, ?) > 0
       ORDER BY m.message_id DESC`,
    );
    this.#insertMessage = journal.write(`INSERT INTO messages (conv, seq, time, sender_id, target_id, group_id, elements, reply_to, random)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.#upsertConversation = journal.write(`INSERT INTO conversations
      (conv, group_id, user_low, user_high, temp_group_id, last_seq, last_time, last_message_id)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (conv) DO UPDATE SET temp_group_id = excluded.temp_group_id, last_seq = excluded.last_seq,
        last_time = excluded.last_time, last_message_id = excluded.last_message_id`);
    this.#bumpConversation = journal.write(
      'UPDATE conversations SET temp_group_id = ?, last_seq = ?, last_time = ?, last_message_id = ? WHERE conv = ?',
    );
    this.#upsertReadMark = journal.write(`INSERT INTO read_marks (user_id, conv, seq) VALUES (?, ?, ?)
      ON CONFLICT (user_id, conv) DO UPDATE SET seq = excluded.seq WHERE excluded.seq > read_marks.seq`);
    this.#insertFile = journal.write(
      'INSERT OR IGNORE INTO message_files (file_id, blob_id, name, size, mime, time) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.#insertForward = journal.write(`INSERT INTO forwards (res_id, creator_id, time, scope, depth, card, nodes)
      VALUES (@resId, @creatorId, @time, @scope, @depth, @card, @nodes)`);
    this.#recall = journal.write('UPDATE messages SET recalled = 1, recalled_by = ?, recall_time = ? WHERE message_id = ?');
  }

  insert(message: NewMessage, carried: { files: readonly StoredFile[]; forwards: readonly ForwardBundle[] }): MessageRecord {
    const conv = conversationKey(message.conversation);
    const groupId = message.conversation.type === 'group' ? message.conversation.groupId : message.tempGroupId;
    const cachedSeq = this.#lastSeqs.get(conv);
    const seq = (cachedSeq ?? this.#lastSeq.get(conv)?.last_seq ?? 0) + 1;
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
    // A conversation whose last seq is cached exists: a plain update is one lookup, an upsert two.
    const bumped =
      cachedSeq !== undefined &&
      this.#bumpConversation.run(message.conversation.type === 'private' ? message.tempGroupId : 0, seq, message.time, messageId, conv)
        .changes > 0;
    if (!bumped)
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
    this.#lastSeqs.replace(conv, seq);
    // What you send yourself is read. In a group the sender's member row records it, written by
    // the same send (MemberRepository.recordSent): one row a send rather than two.
    if (message.conversation.type === 'private') this.#upsertReadMark.run(message.senderId, conv, seq);
    for (const file of carried.files) this.#insertFile.run(file.fileId, file.blobId, file.name, file.size, file.mime, message.time);
    for (const bundle of carried.forwards) {
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
    // Spelled out in toMessage's order rather than spread from `message`: a spread whose result
    // gains five more properties made V8 build a new hidden class and a dictionary of
    // properties for every message (2.5 KB of garbage per send), and records read back from the
    // table and records just stored now share one shape.
    const record: MessageRecord = {
      messageId,
      conversation: message.conversation,
      seq,
      time: message.time,
      senderId: message.senderId,
      targetId: message.targetId,
      tempGroupId: message.tempGroupId,
      elements: message.elements,
      replyTo: message.replyTo,
      recalled: false,
      recalledBy: 0,
      recallTime: 0,
      random: message.random,
    };
    this.#recent.replace(messageId, record);
    return record;
  }

  get(messageId: number): MessageRecord | undefined {
    const cached = this.#recent.get(messageId);
    if (cached) return cached;
    const row = this.#get.get(messageId);
    return row && this.#recent.remember(messageId, toMessage(row));
  }

  getMany(messageIds: readonly number[]): Map<number, MessageRecord> {
    const result = new Map<number, MessageRecord>();
    for (const messageId of new Set(messageIds)) {
      const record = this.get(messageId);
      if (record) result.set(messageId, record);
    }
    return result;
  }

  getBySeq(conversationKey: string, seq: number): MessageRecord | undefined {
    const row = this.#getBySeq.get(conversationKey, seq);
    return row && toMessage(row);
  }

  history(conversationKey: string, query: HistoryQuery): MessageRecord[] {
    const min = query.minSeq ?? 0;
    const max = query.maxSeq ?? Number.MAX_SAFE_INTEGER;
    if (query.from === 'newest') {
      const newest = query.withRecalled ? this.#newestWithRecalled : this.#newest;
      return newest.all(conversationKey, min, max, query.limit).reverse().map(toMessage);
    }
    return (query.withRecalled ? this.#oldestWithRecalled : this.#oldest).all(conversationKey, min, max, query.limit).map(toMessage);
  }

  markRecalled(messageId: number, operatorId: number, time: number): MessageRecord {
    this.#recall.run(operatorId, time, messageId);
    this.#recent.changed(messageId);
    const row = this.#get.get(messageId);
    if (!row) throw new Error(`message ${messageId} vanished during recall`);
    return this.#recent.remember(messageId, toMessage(row));
  }

  conversationsOf(userId: number, groupIds: readonly number[], limit: number): ConversationSummary[] {
    return this.#conversationsOf.all(userId, userId, JSON.stringify(groupIds), limit).map(toSummary);
  }

  recentConversationsOf(userId: number, groupIds: readonly number[], limit: number): RecentConversation[] {
    return this.#recentConversationsOf.all({ user: userId, groups: JSON.stringify(groupIds), limit }).map(toRecent);
  }

  conversation(conversationKey: string): ConversationSummary | undefined {
    const row = this.#conversation.get(conversationKey);
    return row && toSummary(row);
  }

  /** How far `userId` has read: their read mark, or in a group their last message there if later (migration 031). */
  readSeq(userId: number, conversationKey: string): number {
    const marked = this.#readSeq.get(userId, conversationKey)?.seq ?? 0;
    const conversation = parseConversationKey(conversationKey);
    if (conversation.type !== 'group') return marked;
    return Math.max(marked, this.#sentSeq.get(conversation.groupId, userId)?.sent_seq ?? 0);
  }

  keepReadPositions(groupId: number, userId?: number): void {
    if (userId === undefined) this.#keepGroupReadPositions.run(groupId);
    else this.#keepReadPosition.run(groupId, userId);
  }

  markRead(userId: number, conversationKey: string, seq: number): boolean {
    return this.#upsertReadMark.run(userId, conversationKey, seq).changes > 0;
  }

  unreadCount(userId: number, conversationKey: string, floorSeq = 0): number {
    return this.#unread.get(conversationKey, Math.max(this.readSeq(userId, conversationKey), floorSeq), userId)!.n;
  }

  file(fileId: string): StoredFile | undefined {
    const row = this.#file.get(fileId);
    return row && toFile(row);
  }

  fileByName(name: string): StoredFile | undefined {
    const row = this.#fileByName.get(name);
    return row && toFile(row);
  }

  fileIn(match: { readonly fileId: string } | { readonly name: string }, ranges: readonly ConversationRange[]): StoredFile | undefined {
    // instr() narrows the rows cheaply; the parsed elements decide.
    const needle = 'fileId' in match ? `"fileId":${JSON.stringify(match.fileId)}` : `"name":${JSON.stringify(match.name)}`;
    const rows = this.#fileIn.iterate(JSON.stringify(ranges), needle);
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
