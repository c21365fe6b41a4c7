/** Which client of which adapter something happened to. */
export interface ClientLabel {
  readonly selfId: number;
  /** "ws", "ws-reverse", "http-ws", "http-sse", "http-post". */
  readonly transport: string;
  readonly adapter: string;
}

/**
 * Why a client went away: the peer closed it, it fell too far behind (`too_slow`), it stopped
 * answering pings (`no_pong`), or Catnap closed it (adapter stopped or reloaded: `server`).
 */
export type DisconnectReason = 'peer' | 'too_slow' | 'no_pong' | 'server';

/**
 * What transports report about their clients, for metrics. Optional on the gateway: transports
 * call it at the few places where a client comes, goes or misses events, and never depend on it.
 */
export interface TransportObserver {
  /** One event written to one client (or queued for one HTTP POST receiver). */
  eventSent?(client: ClientLabel, eventType: string): void;
  clientConnected?(client: ClientLabel): void;
  clientDisconnected?(client: ClientLabel, reason: DisconnectReason): void;
  /** Events an HTTP POST receiver will never get (its queue was full). */
  eventsDropped?(client: ClientLabel, count: number): void;
  /** An HTTP POST of an event that failed (refused, timed out). */
  postFailed?(client: ClientLabel): void;
}

/** What waits to be written to an adapter's clients, where it can be measured. */
export interface AdapterBacklog {
  /** Bytes the socket or stream of the slowest client has not sent yet. */
  readonly maxPendingBytes?: number;
  /** Events queued for HTTP POST (not yet posted). */
  readonly queuedEvents?: number;
}
