import type { ServerOptions } from 'node:http';
import type { FastifyInstance } from 'fastify';

/**
 * How long a client may take to send one whole request, headers and body, on every HTTP server
 * Catnap runs (the bot HTTP API and SSE, the WebSocket servers' upgrade requests, the admin API).
 * Without it a client sending a byte every few seconds kept a connection, and its buffers, open
 * for minutes, also without a token on the admin port. Node answers 408 and closes the
 * connection; responses that last (event streams, WebSockets) are not affected, only requests.
 */
export const defaultRequestTimeoutMs = 30_000;

/** Options for `http.createServer` (and Fastify's `http` option). */
export function requestTimeoutOptions(requestTimeoutMs: number): ServerOptions {
  return {
    requestTimeout: requestTimeoutMs,
    headersTimeout: requestTimeoutMs,
    // Node checks the timeouts periodically (30 s by default); check often enough to keep them.
    connectionsCheckingInterval: Math.max(100, Math.min(1000, Math.floor(requestTimeoutMs / 4))),
  };
}

/** The same for a Fastify app: its own `requestTimeout` plus the server options. */
export function fastifyTimeoutOptions(requestTimeoutMs: number): { requestTimeout: number; http: ServerOptions } {
  return { requestTimeout: requestTimeoutMs, http: requestTimeoutOptions(requestTimeoutMs) };
}

/** How long a stopping server lets the requests in flight finish before it cuts every connection left. */
export const stopGraceMs = 2000;

/**
 * Closes a Fastify app without letting any client hold the stop: requests in flight get
 * `graceMs` to be answered, then every connection left is cut. Fastify closes only the
 * connections idle at that moment, and Node stops enforcing the header and request timeouts once
 * a server closes, so a client that had connected and sent nothing yet (undici opens a connection
 * for a request it may then abandon; a port scanner) kept the stop waiting for as long as it
 * kept the connection: about 70 s for undici, for ever for others.
 */
export async function closeWithinGrace(app: FastifyInstance, graceMs = stopGraceMs): Promise<void> {
  const grace = setTimeout(() => app.server.closeAllConnections(), graceMs);
  try {
    await app.close();
  } finally {
    clearTimeout(grace);
  }
}
