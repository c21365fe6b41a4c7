import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from '../util/logger.js';
import type { ClientConnection } from './adapter.js';
import type { TransportLimits } from './limits.js';
import type { DisconnectReason } from './transport-observer.js';

export interface EventStream {
  /** Writes a chunk; past the pending-bytes limit the stream is ended instead (and logged). */
  write(chunk: string): void;
  /** Ends the stream (`server` unless told why); idempotent. */
  end(reason?: DisconnectReason): void;
  /** Bytes written but not yet sent to the client. */
  pending(): number;
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
  options: {
    limits: TransportLimits;
    logger: Logger;
    headers?: Record<string, string>;
    onEnd: (stream: EventStream, reason: DisconnectReason) => void;
  },
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
        stream.end('too_slow');
        return;
      }
      response.write(chunk);
    },
    pending: () => response.writableLength,
    end(reason = 'server') {
      if (ended) return;
      ended = true;
      clearInterval(keepAlive);
      options.onEnd(stream, reason);
      response.end();
    },
  };
  const keepAlive = limits.pingIntervalMs > 0 ? setInterval(() => stream.write(': ping\n\n'), limits.pingIntervalMs) : undefined;
  response.on('close', () => stream.end('peer'));
  response.on('error', () => stream.end('peer'));
  return stream;
}
