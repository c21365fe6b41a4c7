import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from '../util/logger.js';
import type { ClientConnection } from './adapter.js';
import type { TransportLimits } from './limits.js';

export interface EventStream {
  /** Writes a chunk; past the pending-bytes limit the stream is ended instead (and logged). */
  write(chunk: string): void;
  /** Ends the stream; idempotent. */
  end(): void;
  readonly connection: ClientConnection;
}

/**
 * Opens a Server-Sent Events response on a hijacked Fastify reply, for OneBot's `/_events` and
 * Milky's `/event`. A client that stops reading is cut off at `maxPendingBytes` so it cannot make
 * Catnap's memory grow; a comment line every `pingIntervalMs` keeps proxies from timing out and
 * finds peers that went away. `onEnd` runs once, however the stream ends.
 */
export function openEventStream(
  request: FastifyRequest,
  reply: FastifyReply,
  options: { limits: TransportLimits; logger: Logger; headers?: Record<string, string>; onEnd: (stream: EventStream) => void },
): EventStream {
  reply.hijack();
  const response = reply.raw;
  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
    ...options.headers,
  });
  response.write(': connected\n\n');
  let ended = false;
  const { limits, logger } = options;
  const stream: EventStream = {
    connection: {
      remote: `${request.socket.remoteAddress ?? '?'}:${request.socket.remotePort ?? '?'}`,
      role: 'event-stream',
      since: Date.now(),
    },
    write(chunk) {
      if (ended) return;
      if (response.writableLength > limits.maxPendingBytes) {
        logger.warn(
          { pendingBytes: response.writableLength, limit: limits.maxPendingBytes },
          'event stream client is not reading; ending the stream',
        );
        stream.end();
        return;
      }
      response.write(chunk);
    },
    end() {
      if (ended) return;
      ended = true;
      clearInterval(keepAlive);
      options.onEnd(stream);
      response.end();
    },
  };
  const keepAlive = limits.pingIntervalMs > 0 ? setInterval(() => stream.write(': ping\n\n'), limits.pingIntervalMs) : undefined;
  response.on('close', () => stream.end());
  response.on('error', () => stream.end());
  return stream;
}
