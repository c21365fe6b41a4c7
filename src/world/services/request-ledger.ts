import { WorldError } from '../errors.js';
import { flagOf, type RequestKind, type WorldRequest } from '../request-model.js';
import type { RequestFilter } from '../store/request-store.js';
import { now, type ServiceContext, type Tx } from './context.js';

/** A request before it is stored: who asks whom for what. */
export type RequestDraft = Omit<WorldRequest, 'requestId' | 'status' | 'actorId' | 'reason' | 'createdAt' | 'handledAt'>;

export const kindNames: Record<RequestKind, string> = {
  friend: 'friend request',
  join: 'group join request',
  invite: 'group invitation',
};

/**
 * The record of requests, for `RequestService`: each request is stored once (a duplicate of a
 * pending one is refused), answered once (a second answer is a CONFLICT), and every answer is
 * announced with `request.answered`. Operations run inside the caller's unit of work.
 */
export class RequestLedger {
  constructor(private readonly ctx: ServiceContext) {}

  insert(draft: RequestDraft): WorldRequest {
    return this.ctx.store.requests.insert({ ...draft, createdAt: now(this.ctx) });
  }

  /** Stores a request the world approved at once (no one answered it), and announces the answer. */
  insertApproved(tx: Tx, draft: RequestDraft): WorldRequest {
    const request = this.ctx.store.requests.insert({
      ...draft,
      createdAt: now(this.ctx),
      answered: { status: 'approved', actorId: 0, reason: '' },
    });
    this.announceAnswer(tx, request);
    return request;
  }

  /** Answers a pending request (announce it with `announceAnswer` once its change is made). */
  answer(request: WorldRequest, actorId: number, approve: boolean, reason: string): WorldRequest {
    if (request.status !== 'pending') {
      const by = request.actorId ? ` by ${request.actorId}` : " by the group's join setting";
      throw new WorldError('CONFLICT', `${kindNames[request.kind]} ${flagOf(request)} was already ${request.status}${by}`, {
        flag: flagOf(request),
      });
    }
    return this.ctx.store.requests.answer(request.requestId, {
      status: approve ? 'approved' : 'rejected',
      actorId,
      reason,
      time: now(this.ctx),
    });
  }

  announceAnswer(tx: Tx, request: WorldRequest): void {
    tx.emit({
      type: 'request.answered',
      flag: flagOf(request),
      kind: request.kind,
      requesterId: request.requesterId,
      groupId: request.groupId,
      actorId: request.actorId,
      approved: request.status === 'approved',
      reason: request.reason,
      audience: [request.requesterId],
    });
  }

  /** Throws ALREADY_EXISTS if a request matching `filter` is pending. */
  refuseDuplicate(filter: RequestFilter): void {
    const [existing] = this.ctx.store.requests.list({ ...filter, limit: 1 });
    if (existing) {
      throw new WorldError('ALREADY_EXISTS', `the same ${kindNames[existing.kind]} is already pending (flag ${flagOf(existing)})`, {
        flag: flagOf(existing),
      });
    }
  }
}
