import type { RequestKind, RequestStatus, WorldRequest } from '../../request-model.js';
import type { NewRequest, RequestAnswer, RequestFilter, RequestRepository } from '../request-store.js';
import type { SqliteDatabase } from './database.js';
import type { UnitJournal, WriteStatement } from './unit-journal.js';

interface RequestRow {
  request_id: number;
  kind: string;
  requester_id: number;
  target_id: number;
  group_id: number | null;
  invitor_id: number;
  comment: string;
  filtered: number;
  status: string;
  actor_id: number;
  reason: string;
  created_at: number;
  handled_at: number;
}

const toRequest = (row: RequestRow): WorldRequest => ({
  requestId: row.request_id,
  kind: row.kind as RequestKind,
  requesterId: row.requester_id,
  targetId: row.target_id,
  groupId: row.group_id ?? 0,
  invitorId: row.invitor_id,
  comment: row.comment,
  filtered: row.filtered === 1,
  status: row.status as RequestStatus,
  actorId: row.actor_id,
  reason: row.reason,
  createdAt: row.created_at,
  handledAt: row.handled_at,
});

export class SqliteRequestRepository implements RequestRepository {
  readonly #get;
  readonly #insert: WriteStatement;
  readonly #answer: WriteStatement;
  constructor(
    private readonly db: SqliteDatabase,
    journal: UnitJournal,
  ) {
    this.#get = db.prepare<[number], RequestRow>('SELECT * FROM requests WHERE request_id = ?');
    this.#insert = journal.write(`INSERT INTO requests (kind, requester_id, target_id, group_id, invitor_id, comment, filtered,
      status, actor_id, reason, created_at, handled_at)
      VALUES (@kind, @requesterId, @targetId, @groupId, @invitorId, @comment, @filtered, @status, @actorId, @reason, @createdAt, @handledAt)`);
    this.#answer = journal.write(`UPDATE requests SET status = @status, actor_id = @actorId, reason = @reason, handled_at = @time
      WHERE request_id = @requestId AND status = 'pending'`);
  }

  insert(request: NewRequest): WorldRequest {
    const answered = request.answered;
    const result = this.#insert.run({
      kind: request.kind,
      requesterId: request.requesterId,
      targetId: request.targetId,
      groupId: request.groupId === 0 ? null : request.groupId,
      invitorId: request.invitorId,
      comment: request.comment,
      filtered: request.filtered ? 1 : 0,
      status: answered?.status ?? 'pending',
      actorId: answered?.actorId ?? 0,
      reason: answered?.reason ?? '',
      createdAt: request.createdAt,
      handledAt: answered ? request.createdAt : 0,
    });
    return toRequest(this.#get.get(Number(result.lastInsertRowid))!);
  }

  get(requestId: number): WorldRequest | undefined {
    const row = this.#get.get(requestId);
    return row && toRequest(row);
  }

  list(filter: RequestFilter): WorldRequest[] {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (clause: string, ...values: unknown[]) => {
      where.push(clause);
      params.push(...values);
    };
    if (filter.kind !== undefined) add('kind = ?', filter.kind);
    if (filter.requesterId !== undefined) add('requester_id = ?', filter.requesterId);
    if (filter.targetId !== undefined) add('target_id = ?', filter.targetId);
    if (filter.status !== undefined) add('status = ?', filter.status);
    if (filter.filtered !== undefined) add('filtered = ?', filter.filtered ? 1 : 0);
    if (filter.groupIds !== undefined) {
      if (filter.groupIds.length === 0) return [];
      add(`group_id IN (${filter.groupIds.map(() => '?').join(', ')})`, ...filter.groupIds);
    }
    const sql = `SELECT * FROM requests${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY request_id DESC${
      filter.limit !== undefined ? ' LIMIT ?' : ''
    }`;
    if (filter.limit !== undefined) params.push(filter.limit);
    return this.db
      .prepare<unknown[], RequestRow>(sql)
      .all(...params)
      .map(toRequest);
  }

  answer(requestId: number, answer: RequestAnswer): WorldRequest {
    // The service checked that the request is pending; the condition only guards against a bug.
    if (this.#answer.run({ requestId, ...answer }).changes !== 1) throw new Error(`request ${requestId} was not pending`);
    return toRequest(this.#get.get(requestId)!);
  }
}
