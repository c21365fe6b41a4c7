/**
 * How much a client may fall behind before Catnap gives up on it, and how dead peers are found.
 * A slow or dead client must never block the others nor make Catnap's memory grow without bound:
 *
 * - WebSocket (forward, reverse, on the HTTP port): before each frame Catnap reads the socket's
 *   `bufferedAmount`; past `maxPendingBytes` it closes the socket with code 1013 ("try again
 *   later") and logs a warning. Every `pingIntervalMs` it sends a WebSocket ping; a socket that
 *   has not answered the previous ping with a pong is terminated.
 * - HTTP SSE: past `maxPendingBytes` of unsent stream the stream is ended (and logged); a comment
 *   line every `pingIntervalMs` finds peers that went away without closing.
 * - HTTP POST: events are posted in order, `postConcurrency` (1) at a time, each request bounded
 *   by the adapter's `timeout`; they wait in a queue of at most `postQueueLimit` events per
 *   adapter, and when it is full the oldest waiting event is dropped and the drop is logged.
 */
export interface TransportLimits {
  readonly maxPendingBytes: number;
  readonly pingIntervalMs: number;
  readonly postQueueLimit: number;
  readonly postConcurrency: number;
  /** Largest HTTP POST reply body read for a quick operation; larger replies are ignored. */
  readonly postReplyLimit: number;
}

export const defaultTransportLimits: TransportLimits = {
  maxPendingBytes: 8 * 1024 * 1024,
  pingIntervalMs: 30_000,
  postQueueLimit: 1000,
  // One request at a time keeps events in order (a join before its leave); receivers answer fast.
  postConcurrency: 1,
  postReplyLimit: 1024 * 1024,
};

export function transportLimits(overrides: Partial<TransportLimits> | undefined): TransportLimits {
  return { ...defaultTransportLimits, ...overrides };
}
