import type { clockApi } from '../../contract/admin/clock.js';
import type { RouteBody, RouteResponse } from '../../contract/admin/route.js';
import type { snapshotsApi } from '../../contract/admin/snapshots.js';
import type { TranscriptEntryFields } from '../../contract/admin/transcript-entries.js';
import type { TranscriptEntryView, transcriptApi } from '../../contract/admin/transcript.js';
import { CatnapClient, RemoteError, type Connection, type Envelope } from '../remote/catnap-client.js';

/**
 * The test bench's admin routes (snapshots, clock, marks, transcript, waits: issue 14's contract),
 * plus the world and act routes the verbs drive. Every testing client (the library, `catnap test`)
 * reaches Catnap through this one file, so a change of a route's shape is a change here only.
 * The request and answer types below come from the routes' contracts (src/contract/admin), so a
 * change there breaks this file's compile instead of drifting from it.
 */

/**
 * One entry of the world's transcript: a message, recall, reaction, notice, request or action call,
 * with the fields of its kind beside the common ones (the contract keeps the entry open to them).
 */
export type TranscriptEntry = Readonly<TranscriptEntryView> & { readonly [field: string]: unknown };

/** `POST /api/world/wait`'s body. */
export type WaitRequest = RouteBody<typeof transcriptApi.wait>;

/** The contract's match: `kind` and the fields it names for waits (message `text`/`regex`, call `params`, ...). */
type ContractMatch = WaitRequest['match'];

/** A value to match: objects and arrays match as subsets, so each of their fields may be left out. */
type Subset<T> = T extends readonly (infer Item)[]
  ? readonly Subset<Item>[]
  : T extends object
    ? { readonly [K in keyof T]?: Subset<T[K]> }
    : T;

/**
 * A wait for entries of one kind: the contract's match fields, and any field the contract declares
 * for that kind's entries (src/contract/admin/transcript-entries.ts), e.g.
 * `{ kind: 'notice', notice_type: 'group_ban', duration: 60 }`. A field no entry of the kind has
 * does not compile, and a kind without declared fields does not either.
 */
export type WaitMatchOf<K extends ContractMatch['kind']> = Omit<ContractMatch, 'kind'> &
  Subset<TranscriptEntryFields[K]> & { readonly kind: K };

/** What a wait matches (`POST /api/world/wait`'s `match`), kind by kind. */
export type WaitMatch = { [K in ContractMatch['kind']]: WaitMatchOf<K> }[ContractMatch['kind']];

/** A wait's outcome: `matched` with the matching entries, or not, with the entries that came closest. */
export interface WaitOutcome {
  readonly matched: boolean;
  readonly entries: readonly TranscriptEntry[];
  readonly closest: readonly TranscriptEntry[];
}

/** The world's clock as `GET /api/clock` answers it. */
export type ClockState = RouteResponse<typeof clockApi.getClock>;

/** `POST /api/clock`'s body: set, advance and/or freeze. */
export type ClockChange = RouteBody<typeof clockApi.setClock>;

/**
 * `GET /api/world/snapshots`: the saved snapshots, oldest first, and apart under `damaged`
 * (`{ name, problem }`) those whose clock and random source cannot be read: a restore of one fails.
 */
export type SnapshotListing = RouteResponse<typeof snapshotsApi.listSnapshots>;

/** A place in the transcript to read or wait from: what `POST /api/world/marks` answers, or any entry seq. */
export type Mark = NonNullable<WaitRequest['since']>;

/**
 * How long a person's action may take before a test gives up on it: far beyond any real one, and
 * a no_reply fault rule without `self_id` (which holds people's sends too) fails the step in
 * seconds rather than the wait's ten minutes.
 */
export const actTimeoutMs = 30_000;

/**
 * How much longer than its own timeout a wait's request may take: Catnap answers a wait that ran
 * out (408, with the closest entries) only after the whole timeout, so a request limit equal to it
 * would cut the answer off and fail with "did not answer" instead of the expectation's report.
 */
export const waitMarginMs = 30_000;

/** Typed calls of the admin routes a test uses, over one admin connection. */
export class BenchApi {
  readonly client: CatnapClient;
  /** For people's actions: they answer at once unless a fault rule holds them (then a test should not stall for minutes). */
  readonly #acts: CatnapClient;
  /** Aborted by close(): every call still under way ends (Catnap then ends its waits). */
  readonly #closed = new AbortController();

  constructor(
    readonly connection: Connection,
    options: { actTimeoutMs?: number } = {},
  ) {
    // A wait has its own limit (its timeout and a margin); for the other routes this is a backstop.
    this.client = new CatnapClient(connection, 600_000);
    this.#acts = new CatnapClient(connection, options.actTimeoutMs ?? actTimeoutMs);
  }

  act(userId: number, action: string, params: unknown = {}): Promise<Envelope> {
    return this.#acts.act(userId, action, params, { signal: this.#closed.signal });
  }

  /**
   * Ends every call still under way, and any made later, with "the test world was stopped": an
   * expectation a timed-out test left waiting would otherwise hold its connection, and Catnap's
   * wait, for as long as its `within`.
   */
  close(): void {
    this.#closed.abort(new Error('the test world was stopped'));
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
    return this.client.request<T>(method, path, body, accept, { signal: this.#closed.signal });
  }

  snapshot(name: string): Promise<unknown> {
    return this.request('POST', '/api/world/snapshots', { name });
  }

  snapshots(): Promise<SnapshotListing> {
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

  /** A mark here; a `name` shows in the transcript (a scenario's `mark` step). */
  async mark(name?: string): Promise<Mark> {
    return (await this.request<RouteResponse<typeof transcriptApi.addMark>>('POST', '/api/world/marks', name !== undefined ? { name } : {}))
      .mark;
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
    const { result, status } = await this.client.requestWithStatus<unknown>('POST', '/api/world/wait', request, [408, 409], {
      timeoutMs: (request.timeout_ms ?? 5000) + waitMarginMs,
      signal: this.#closed.signal,
    });
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
