import type { ClientConnection } from './adapter.js';
import { protocolErrors } from '../onebot/error-catalogue.js';
import { failed } from '../onebot/envelope.js';
import type { FastifyInstance } from 'fastify';
import { HttpServerAdapter } from './http-server-adapter.js';
import { subscribeEvents } from './event-feed.js';
import { openEventStream, type EventStream } from './event-stream.js';
import { transportLimits } from './limits.js';
import { allowOriginHeader } from './browser-guard.js';
import type { ClientLabel } from './transport-observer.js';
import type { HttpSseServerConfig } from './onebot-config.js';

/**
 * NapCat `httpSseServers[]`: the HTTP API plus an event stream at `/_events` on the same port
 * (`text/event-stream`, one `data: <event JSON>` frame per event; GET or POST, token as for the
 * API). Stream actions' packets go to the event streams too, as NapCat's do. Like NapCat it sends no lifecycle or heartbeat events; a comment line every ping interval
 * keeps proxies from timing out and finds peers that went away.
 */
export class HttpSseServerAdapter extends HttpServerAdapter {
  override readonly kind = 'httpSseServers';
  /** Open event streams. */
  readonly #streams = new Set<EventStream>();

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
        // A kicked account, or an adapter told to refuse for a while (docs/faults.md): the bot
        // cannot open a stream, as it cannot open a WebSocket.
        const refused = this.gateway.dispatcher.faults?.refusal(this.selfId, this.config.name);
        if (refused) return reply.code(503).send(failed(protocolErrors.INTERNAL.retcode, refused, null));
        let unsubscribe = (): void => undefined;
        const stream = openEventStream(request, reply, {
          limits,
          logger,
          headers: corsHeader(
            this.config.enableCors ? allowOriginHeader(request.headers, this.config.token, this.gateway.browser) : undefined,
          ),
          onEnd: (ended, reason) => {
            observer?.clientDisconnected?.(label, reason);
            unsubscribe();
            this.#streams.delete(ended);
          },
        });
        this.#streams.add(stream);
        observer?.clientConnected?.(label);
        unsubscribe = subscribeEvents(
          this.gateway.events,
          this.selfId,
          {
            format: this.config.messagePostFormat,
            reportSelfMessage: this.config.reportSelfMessage,
            debug: this.config.debug,
            dialect: this.config.dialect,
          },
          (json) => stream.write(`data: ${json}\n\n`),
          { observer, client: label },
        );
      },
    });
  }

  /**
   * As NapCat's SSE server does: a stream action called on this adapter's API posts its packets to
   * the event streams (`data: <envelope>`, with the call's echo), and its response is the answer.
   */
  protected override streamPackets(): (envelope: Readonly<Record<string, unknown>>) => Promise<void> {
    return async (envelope) => {
      const frame = `data: ${JSON.stringify(envelope)}\n\n`;
      for (const stream of this.#streams) stream.write(frame);
    };
  }

  protected override async release(): Promise<void> {
    for (const stream of [...this.#streams]) stream.end();
  }

  protected override clientCount(): number {
    return super.clientCount() + this.#streams.size;
  }

  protected override clientConnections(): ClientConnection[] {
    return [...super.clientConnections(), ...[...this.#streams].map((stream) => stream.connection)];
  }

  protected override pendingBytes(): number {
    let max = super.pendingBytes();
    for (const stream of this.#streams) max = Math.max(max, stream.pending());
    return max;
  }
}

function corsHeader(origin: string | undefined): Record<string, string> {
  return origin ? { 'access-control-allow-origin': origin, ...(origin === '*' ? {} : { vary: 'Origin' }) } : {};
}
