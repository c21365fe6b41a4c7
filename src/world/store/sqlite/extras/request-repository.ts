import type { RequestKind, RequestStatus, WorldRequest } from '../../../extras-model.js';
import type { NewRequest, RequestFilter, RequestRepository } from '../../extras-store.js';
import type { SqliteDatabase } from '../database.js';

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
  readonly #insert;
  readonly #answer;
  constructor(private readonly db: SqliteDatabase) {
    this.#get = db.prepare<[number], RequestRow>('SELECT * FROM requests WHERE request_id = ?');
    this.#insert = db.prepare(`INSERT INTO requests (kind, requester_id, target_id, group_id, invitor_id, comment, filtered,
      status, actor_id, reason, created_at, handled_at)
      VALUES (@kind, @requesterId, @targetId, @groupId, @invitorId, @comment, @filtered, @status, @actorId, @reason, @createdAt, @handledAt)`);
    this.#answer = db.prepare(`UPDATE requests SET status = @status, actor_id = @actorId, reason = @reason, handled_at = @time
      WHERE request_id = @requestId AND status = 'pending'`);
  }

  async insert(request: NewRequest): Promise<WorldRequest> {
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

  async get(requestId: number): Promise<WorldRequest | undefined> {
    const row = this.#get.get(requestId);
    return row && toRequest(row);
  }

  async list(filter: RequestFilter): Promise<WorldRequest[]> {
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

  async answer(
    requestId: number,
    answer: { status: Exclude<RequestStatus, 'pending'>; actorId: number; reason: string; time: number },
  ): Promise<WorldRequest | undefined> {
    const changed = this.#answer.run({ requestId, ...answer }).changes;
    return changed === 1 ? toRequest(this.#get.get(requestId)!) : undefined;
  }

  async reopen(requestId: number): Promise<void> {
    this.db
      .prepare("UPDATE requests SET status = 'pending', actor_id = 0, reason = '', handled_at = 0 WHERE request_id = ?")
      .run(requestId);
  }
}
