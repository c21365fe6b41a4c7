import type { Logger } from '../util/logger.js';
import type { Dispatcher } from '../onebot/dispatcher.js';
import type { EventHub } from '../onebot/events/event-hub.js';
import type { Clock } from '../util/clock.js';
import type { BrowserPolicy } from './browser-guard.js';
import type { TransportLimits } from './limits.js';
import type { AdapterBacklog, TransportObserver } from './transport-observer.js';
import type { AdapterStatus } from '../contract/admin/bots.js';

/** An adapter's state and clients, as the console shows them (the admin contract defines them). */
export type { AdapterStatus, ClientConnection } from '../contract/admin/bots.js';

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
  /** What waits to be written to its clients (metrics), where measurable. */
  backlog?(): AdapterBacklog;
  /**
   * Connection chaos (docs/faults.md): drops its current clients, or with `stall` keeps them
   * connected but stops answering them; answers how many. Adapters without clients lack it.
   */
  drop?(options: { stall: boolean }): Promise<number>;
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
  /** Told when clients come and go and events are written (metrics); optional. */
  readonly observer?: TransportObserver;
}

/** A port that could not be bound, with a message that says which adapter wanted it. */
export class PortInUseError extends Error {
  override readonly name = 'PortInUseError';
}
