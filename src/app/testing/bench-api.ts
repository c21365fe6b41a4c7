import type { ClockView } from '../../contract/admin/clock.js';
import { CatnapClient, RemoteError, type Connection, type Envelope } from '../remote/catnap-client.js';

/**
 * The test bench's admin routes (snapshots, clock, marks, transcript, waits: issue 14's contract),
 * plus the world and act routes the verbs drive. Every testing client (the library, `catnap test`)
 * reaches Catnap through this one file, so a change of a route's shape is a change here only.
 */

/** One entry of the world's transcript: a message, recall, reaction, notice, request or action call. */
export interface TranscriptEntry {
  readonly kind: string;
  readonly [field: string]: unknown;
}

/** What a wait matches (`POST /api/world/wait`'s `match`). */
export type WaitMatch =
  | {
      readonly kind: 'message';
      readonly from?: number;
      readonly group_id?: number;
      readonly user_id?: number;
      readonly text?: string;
      readonly regex?: string;
    }
  | { readonly kind: 'call'; readonly self_id?: number; readonly action?: string; readonly params?: Record<string, unknown> }
  | { readonly kind: 'notice'; readonly notice_type?: string; readonly [field: string]: unknown }
  | {
      readonly kind: 'fault';
      readonly rule_id?: number;
      readonly self_id?: number;
      readonly action?: string;
      readonly event?: string;
      readonly effect?: string;
      readonly transport?: string;
    };

export interface WaitRequest {
  readonly match: WaitMatch;
  readonly since?: string | number;
  readonly timeout_ms: number;
  readonly count?: number;
  readonly none?: boolean;
}

/** A wait's outcome: `matched` with the matching entries, or not, with the entries that came closest. */
export interface WaitOutcome {
  readonly matched: boolean;
  readonly entries: readonly TranscriptEntry[];
  readonly closest: readonly TranscriptEntry[];
}

/** The world's clock as `GET /api/clock` answers it (the route's own type, so a new field shows here too). */
export type ClockState = ClockView;

export interface ClockChange {
  readonly freeze?: boolean;
  readonly set?: number | string;
  readonly advance?: number | string;
}

export type Mark = string | number;

/** Typed calls of the admin routes a test uses, over one admin connection. */
export class BenchApi {
  readonly client: CatnapClient;

  constructor(readonly connection: Connection) {
    // A wait lasts as long as its own timeout: the client's limit is only a backstop.
    this.client = new CatnapClient(connection, 600_000);
  }

  act(userId: number, action: string, params: unknown = {}): Promise<Envelope> {
    return this.client.act(userId, action, params);
  }

  /** An action that must succeed: a failed envelope throws with its message. */
  async actOk<T = unknown>(userId: number, action: string, params: unknown = {}): Promise<T> {
    const envelope = await this.act(userId, action, params);
    if (envelope.retcode !== 0 && envelope.status !== 'async') {
      throw new RemoteError(`${action} as ${userId} failed: retcode ${envelope.retcode}: ${envelope.message || envelope.wording}`);
    }
    return envelope.data as T;
  }

  request<T>(method: string, path: string, body?: unknown, accept: readonly number[] = []): Promise<T> {
    return this.client.request<T>(method, path, body, accept);
  }

  snapshot(name: string): Promise<unknown> {
    return this.request('POST', '/api/world/snapshots', { name });
  }

  snapshots(): Promise<unknown> {
    return this.request('GET', '/api/world/snapshots');
  }

  restore(name: string): Promise<unknown> {
    return this.request('POST', `/api/world/snapshots/${encodeURIComponent(name)}/restore`, {});
  }

  deleteSnapshot(name: string): Promise<unknown> {
    return this.request('DELETE', `/api/world/snapshots/${encodeURIComponent(name)}`);
  }

  reset(): Promise<unknown> {
    return this.request('POST', '/api/world/reset', {});
  }

  clock(): Promise<ClockState> {
    return this.request('GET', '/api/clock');
  }

  setClock(change: ClockChange): Promise<ClockState> {
    return this.request('POST', '/api/clock', change);
  }

  async mark(): Promise<Mark> {
    return (await this.request<{ mark: Mark }>('POST', '/api/world/marks', {})).mark;
  }

  async transcript(since?: Mark): Promise<TranscriptEntry[]> {
    const answer = await this.request<unknown>('GET', `/api/world/transcript${query({ since })}`);
    return entriesOf(answer);
  }

  async transcriptText(since?: Mark): Promise<string> {
    const answer = await this.request<unknown>('GET', `/api/world/transcript${query({ since, format: 'text' })}`);
    return typeof answer === 'string' ? answer : JSON.stringify(answer);
  }

  /**
   * `POST /api/world/wait`: 200 when it matched (or, with `none`, when nothing did); 408 when time
   * ran out (with the entries that came closest), 409 when a `none` wait saw a match.
   */
  async wait(request: WaitRequest): Promise<WaitOutcome> {
    const { result, status } = await this.client.requestWithStatus<unknown>('POST', '/api/world/wait', request, [408, 409]);
    const entries = entriesOf(result);
    const closest = closestOf(result);
    return { matched: status < 300, entries, closest: closest.length > 0 || status < 300 ? closest : entries };
  }
}

function query(values: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value !== undefined) params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** A transcript answer as a list, whether the route answers the list itself or wraps it. */
function entriesOf(answer: unknown): TranscriptEntry[] {
  if (Array.isArray(answer)) return answer as TranscriptEntry[];
  const record = (answer ?? {}) as Record<string, unknown>;
  for (const key of ['entries', 'matches', 'matched', 'entry']) {
    const value = record[key];
    if (Array.isArray(value)) return value as TranscriptEntry[];
    if (value && typeof value === 'object') return [value as TranscriptEntry];
  }
  return [];
}

function closestOf(answer: unknown): TranscriptEntry[] {
  const value = (answer ?? {}) as Record<string, unknown>;
  const closest = value.closest ?? (value.error as Record<string, unknown> | undefined)?.closest;
  return Array.isArray(closest) ? (closest as TranscriptEntry[]) : [];
}
