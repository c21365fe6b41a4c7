import type { Logger } from '../util/logger.js';
import type { Dispatcher } from '../onebot/dispatcher.js';
import type { EventHub } from '../onebot/events/event-hub.js';
import type { Clock } from '../util/clock.js';
import type { BrowserPolicy } from './browser-guard.js';
import type { TransportLimits } from './limits.js';

/** The state of one adapter, as the console shows it. */
export interface AdapterStatus {
  readonly kind: string;
  readonly name: string;
  readonly state: 'stopped' | 'starting' | 'listening' | 'connecting' | 'connected' | 'error';
  /** Where it listens or what it connects to. */
  readonly endpoint: string;
  readonly clients: number;
  readonly error?: string;
  /** Each connected client (WebSocket or event stream), for the console's dashboard. */
  readonly connections?: readonly ClientConnection[];
}

/** One client connected to an adapter: where from, in which role, since when (Unix ms). */
export interface ClientConnection {
  readonly remote: string;
  /** WebSocket role (`universal`, `api`, `event`) or `event-stream` for SSE. */
  readonly role: string;
  readonly since: number;
}

/**
 * One running NapCat network adapter (an HTTP server, a WebSocket client, ...). Adapters are thin:
 * they call the gateway's `dispatch` and forward its events. `start` does the I/O (never the
 * constructor); `stop` is idempotent.
 */
export interface NetworkAdapter {
  readonly kind: string;
  readonly name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  status(): AdapterStatus;
}

/** What the OneBot layer offers transports. Areas extend it (events are added by the event hub). */
export interface OneBotGateway {
  readonly dispatcher: Dispatcher;
  /** Events each account observes, built once and fanned out. */
  readonly events: EventHub;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Body size limit of the HTTP API, in bytes. */
  readonly bodyLimit: number;
  /** Longest a client may take to send one request, headers and body (default 30 s). */
  readonly requestTimeoutMs?: number;
  /** Backpressure and liveness limits of event transports (see `limits.ts`); defaults when absent. */
  readonly limits?: Partial<TransportLimits>;
  /** Which web pages may call token-less adapters (see `browser-guard.ts`); none when absent. */
  readonly browser?: BrowserPolicy;
}

/** A port that could not be bound, with a message that says which adapter wanted it. */
export class PortInUseError extends Error {
  override readonly name = 'PortInUseError';
}
