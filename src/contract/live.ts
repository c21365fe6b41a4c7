import type { AdapterStatus } from './admin/bots.js';
import type { TranscriptEntryView } from './admin/transcript.js';
import type { Envelope } from './onebot/envelope.js';
import type { OneBotEvent } from './onebot/events.js';

/**
 * The console's live WebSocket: `GET /api/live?token=...&streams=domain,onebot,call,adapters[&self_id=N]`.
 * A client may also send `{ "type": "ping" }` (answered by `pong`) and `act` requests (LiveActRequest in
 * src/contract/admin/act.ts, answered by `acted`).
 */
export const livePath = '/api/live';

/** What a console may subscribe to (`?streams=`; default all; `none` for a socket that only sends `act` requests). */
export const liveStreams = ['domain', 'onebot', 'call', 'adapters', 'transcript', 'fault'] as const;
export type LiveStream = (typeof liveStreams)[number];

/**
 * A change in the world, as the world emitted it (camelCase records, with the fields of its type).
 * `type` names it (`member.joined`, `message.created`, ...); `audience` is every account that
 * observes it.
 */
export interface LiveDomainEvent {
  readonly type: string;
  readonly time: number;
  readonly audience: readonly number[];
}

/** One finished OneBot action call, from any transport; long strings and lists are clipped. */
export interface CallFrame {
  readonly self_id: number;
  readonly action: string;
  readonly params: unknown;
  readonly envelope: Envelope;
  /** `http`, `ws`, `admin`, `quick-operation`, ... */
  readonly transport: string;
  readonly adapter: string;
  readonly duration_ms: number;
  /** Unix milliseconds. */
  readonly time: number;
  /**
   * What failed or held the call on purpose: a fault rule (`rule_id`, also sent as its own `fault`
   * frame), or the account's health (`rule_id` null: offline, kicked, a zombie).
   */
  readonly fault?: { readonly rule_id: number | null; readonly effect: string; readonly reason: string };
}

/** A fault rule hit a call or an HTTP POST event (docs/faults.md), sent as it hits, before the call answers. */
export interface FaultFrame {
  readonly rule_id: number;
  readonly self_id: number;
  /** The action as called (a rule on calls), or the event's name (a rule on HTTP POST events). */
  readonly action?: string;
  readonly event?: string;
  readonly transport: string;
  readonly effect: 'fail' | 'delay' | 'no_reply' | 'disconnect';
  /** For `fail`: the retcode the call answers. */
  readonly retcode?: number;
  /** The world's time (unix milliseconds). */
  readonly time: number;
}

/** Each frame of the live socket is one JSON object of these. */
export type LiveFrame =
  | { readonly type: 'hello'; readonly time: number; readonly streams: LiveStream[] }
  | { readonly type: 'domain'; readonly event: LiveDomainEvent }
  /**
   * A OneBot event as one account's clients receive it in NapCat's dialect (array message format):
   * an event NapCat never reports (an essence removal, which only go-cqhttp's dialect sends) has no frame.
   */
  | {
      readonly type: 'onebot';
      readonly self_id: number;
      readonly event: OneBotEvent;
      /** The world's time when it was sent (unix milliseconds), the clock calls and faults are stamped with. */
      readonly time: number;
    }
  | { readonly type: 'call'; readonly call: CallFrame }
  /** The adapters of one account, sent on connect and whenever their state changes. */
  | { readonly type: 'adapters'; readonly self_id: number; readonly adapters: AdapterStatus[] }
  /** Each new transcript entry (`GET /api/world/transcript` gives the same ones), as it is recorded. */
  | { readonly type: 'transcript'; readonly entry: TranscriptEntryView }
  | { readonly type: 'fault'; readonly fault: FaultFrame }
  /** Frames a slow console missed (dropped rather than queued without bound). */
  | { readonly type: 'dropped'; readonly count: number }
  /** The answer to the console's `{ "type": "ping" }`. */
  | { readonly type: 'pong'; readonly time: number }
  /**
   * The answer to an `act` request, with its `id`: every call's envelope in order, or why none
   * ran (`BAD_REQUEST`, `USER_NOT_FOUND`, `TOO_MANY_REQUESTS`; `STOPPING` when Catnap stopped while a fault held one).
   */
  | {
      readonly type: 'acted';
      readonly id: string | number | null;
      readonly results?: Envelope[];
      readonly error?: { readonly code: string; readonly message: string };
    };
