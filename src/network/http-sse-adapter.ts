import type { ServerResponse } from 'node:http';
import type { ClientConnection } from './adapter.js';
import type { FastifyInstance } from 'fastify';
import { HttpServerAdapter } from './http-server-adapter.js';
import { subscribeEvents } from './event-feed.js';
import { transportLimits } from './limits.js';
import { allowOriginHeader } from './browser-guard.js';
import type { ClientLabel, DisconnectReason } from './transport-observer.js';
import type { HttpSseServerConfig } from './onebot-config.js';

/**
 * NapCat `httpSseServers[]`: the HTTP API plus an event stream at `/_events` on the same port
 * (`text/event-stream`, one `data: <event JSON>` frame per event; GET or POST, token as for the
 * API). Like NapCat it sends no lifecycle or heartbeat events; a comment line every ping interval
 * keeps proxies from timing out and finds peers that went away.
 */
export class HttpSseServerAdapter extends HttpServerAdapter {
  override readonly kind = 'httpSseServers';
  /** Open event streams: each one's end function and who it is. */
  readonly #streams = new Map<(reason: DisconnectReason) => void, ClientConnection & { pending: () => number }>();

  declare readonly config: HttpSseServerConfig;

  protected override async extend(app: FastifyInstance): Promise<void> {
    const limits = transportLimits(this.gateway.limits);
    const logger = this.gateway.logger.child({ adapter: this.config.name, selfId: this.selfId, transport: 'http-sse' });
    const label: ClientLabel = { selfId: this.selfId, transport: 'http-sse', adapter: this.config.name };
    const observer = this.gateway.observer;
    app.route({
      method: ['GET', 'POST'],
      url: '/_events',
      handler: (request, reply) => {
        reply.hijack();
        const response: ServerResponse = reply.raw;
        response.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
          ...corsHeader(this.config.enableCors ? allowOriginHeader(request.headers, this.config.token, this.gateway.browser) : undefined),
        });
        response.write(': connected\n\n');
        let ended = false;
        const write = (chunk: string) => {
          if (ended) return;
          if (response.writableLength > limits.maxPendingBytes) {
            logger.warn(
              { pendingBytes: response.writableLength, limit: limits.maxPendingBytes },
              'event stream client is not reading; ending the stream',
            );
            end('too_slow');
            return;
          }
          response.write(chunk);
        };
        const unsubscribe = subscribeEvents(
          this.gateway.events,
          this.selfId,
          { format: this.config.messagePostFormat, reportSelfMessage: this.config.reportSelfMessage, debug: this.config.debug },
          (json) => write(`data: ${json}\n\n`),
          { observer, client: label },
        );
        const keepAlive = limits.pingIntervalMs > 0 ? setInterval(() => write(': ping\n\n'), limits.pingIntervalMs) : undefined;
        const end = (reason: DisconnectReason) => {
          if (ended) return;
          ended = true;
          observer?.clientDisconnected?.(label, reason);
          unsubscribe();
          clearInterval(keepAlive);
          this.#streams.delete(end);
          response.end();
        };
        this.#streams.set(end, {
          remote: `${request.socket.remoteAddress ?? '?'}:${request.socket.remotePort ?? '?'}`,
          role: 'event-stream',
          since: Date.now(),
          pending: () => response.writableLength,
        });
        observer?.clientConnected?.(label);
        response.on('close', () => end('peer'));
        response.on('error', () => end('peer'));
      },
    });
  }

  protected override async release(): Promise<void> {
    for (const end of [...this.#streams.keys()]) end('server');
  }

  protected override clientCount(): number {
    return super.clientCount() + this.#streams.size;
  }

  protected override clientConnections(): ClientConnection[] {
    return [...super.clientConnections(), ...[...this.#streams.values()].map(({ remote, role, since }) => ({ remote, role, since }))];
  }

  protected override pendingBytes(): number {
    let max = super.pendingBytes();
    for (const stream of this.#streams.values()) max = Math.max(max, stream.pending());
    return max;
  }
}

function corsHeader(origin: string | undefined): Record<string, string> {
  return origin ? { 'access-control-allow-origin': origin, ...(origin === '*' ? {} : { vary: 'Origin' }) } : {};
}
