import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { WebSocketServer } from 'ws';
import { botOfflineEvent } from '../../milky/events/milky-event.js';
import { milkyFailed, type MilkyReply } from '../../milky/dispatcher.js';
import { milkyProtocolErrors } from '../../milky/error-catalogue.js';
import { nowSeconds } from '../../util/clock.js';
import type { Logger } from '../../util/logger.js';
import { queryOf, safeEqual } from '../../util/token-auth.js';
import type { AdapterStatus, NetworkAdapter } from '../adapter.js';
import { openEventStream, type EventStream } from '../event-stream.js';
import { transportLimits, type TransportLimits } from '../limits.js';
import { closeWithinGrace, defaultRequestTimeoutMs } from '../../util/http-timeouts.js';
import { browserRefusal } from '../browser-guard.js';
import { abandon, HttpConnection } from '../http-connection.js';
import { httpError, jsonApiApp } from '../json-api-app.js';
import { listenOn } from '../listen.js';
import type { MilkyConfig } from './milky-config.js';
import { MilkyEventSocket } from './milky-event-socket.js';
import { subscribeMilkyEvents, type MilkyGateway } from './milky-gateway.js';

/** Milky's event frames can be large (a message with many segments); the socket never reads any. */
const maxPayload = 1024 * 1024;

/**
 * Milky's access token: `Authorization: Bearer <t>`, and for the event endpoint also
 * `?access_token=<t>` (for clients that cannot set headers). Compared in constant time.
 */
function authorized(expected: string, headers: IncomingHttpHeaders, url: string | undefined, allowQuery: boolean): boolean {
  if (!expected) return true;
  const header = /^Bearer\s+(.+)$/i.exec(headers.authorization?.trim() ?? '')?.[1]?.trim();
  const given = header ?? (allowQuery ? (queryOf(url).get('access_token') ?? undefined) : undefined);
  return given !== undefined && given !== '' && safeEqual(given, expected);
}

/**
 * The Milky HTTP server of one account, as the spec's communication chapter describes it:
 * `POST <prefix>/api/:api` with a JSON body and `Authorization: Bearer` (401 without the right
 * token, 404 for an unknown API, 415 for a body that is not JSON, otherwise 200 with
 * `{status, retcode, data | message}`), and `<prefix>/event` as a WebSocket (when the request
 * asks to upgrade) or else as Server-Sent Events (`event: milky_event`). When it stops, its event
 * clients get `bot_offline` first.
 */
export class MilkyServer implements NetworkAdapter {
  readonly kind = 'milky';
  readonly name = 'milky-http';
  readonly #limits: TransportLimits;
  readonly #logger: Logger;
  readonly #wss = new WebSocketServer({ noServer: true, maxPayload, perMessageDeflate: false });
  readonly #sockets = new Set<MilkyEventSocket>();
  readonly #streams = new Set<EventStream>();
  #app: FastifyInstance | undefined;
  #state: AdapterStatus['state'] = 'stopped';
  #error: string | undefined;
  #port: number;

  constructor(
    readonly selfId: number,
    readonly config: MilkyConfig,
    private readonly gateway: MilkyGateway,
  ) {
    this.#limits = transportLimits(gateway.limits);
    this.#logger = gateway.logger.child({ adapter: this.name, selfId, transport: 'milky' });
    this.#port = config.http.port;
  }

  /** The bound port (differs from the config when it asked for port 0). */
  get port(): number {
    return this.#port;
  }

  get prefix(): string {
    return this.config.http.prefix;
  }

  async start(): Promise<void> {
    this.#state = 'starting';
    try {
      const app = this.#build();
      app.server.on('upgrade', this.#upgrade);
      this.#app = app;
      const { host, port } = this.config.http;
      this.#port = await listenOn(app, host, port, `the Milky server of account ${this.selfId}`);
      this.#state = 'listening';
    } catch (error) {
      this.#state = 'error';
      this.#error = (error as Error).message;
      await this.#app?.close().catch(() => undefined);
      this.#app = undefined;
      throw error;
    }
  }

  async stop(reason = 'the Milky server of this account stopped'): Promise<void> {
    const app = this.#app;
    this.#app = undefined;
    if (this.#state !== 'error') this.#state = 'stopped';
    const offline = botOfflineEvent(this.selfId, nowSeconds(this.gateway.clock), reason).json;
    for (const stream of [...this.#streams]) {
      stream.write(`event: milky_event\ndata: ${offline}\n\n`);
      stream.end();
    }
    await Promise.all(
      [...this.#sockets].map((socket) => {
        socket.send(offline);
        return socket.close();
      }),
    );
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
    if (app) await closeWithinGrace(app);
  }

  status(): AdapterStatus {
    const connections = [
      ...[...this.#sockets].map((socket) => socket.connection),
      ...[...this.#streams].map((stream) => stream.connection),
    ];
    return {
      kind: this.kind,
      name: this.name,
      state: this.#state,
      endpoint: `http://${this.config.http.host}:${this.#port}${this.prefix}`,
      clients: connections.length,
      connections,
      ...(this.#error ? { error: this.#error } : {}),
    };
  }

  #build(): FastifyInstance {
    // Milky answers 200 for everything but auth, unknown APIs and content types.
    const app = jsonApiApp({
      bodyLimit: this.gateway.bodyLimit,
      ignoreTrailingSlash: false,
      requestTimeoutMs: this.gateway.requestTimeoutMs ?? defaultRequestTimeoutMs,
      malformed: () => ({ value: malformed }),
    });
    const prefix = this.prefix;
    app.addContentTypeParser('*', (request, _payload, done) => {
      done(httpError(415, `unsupported Content-Type ${request.headers['content-type'] ?? '(none)'}; send application/json`), undefined);
    });
    app.addHook('onRequest', async (request, reply) => {
      // A web page must not drive a token-less server (see browser-guard.ts).
      const refusal = browserRefusal(request.headers, this.config.http.accessToken, this.gateway.browser);
      if (refusal) return send(reply, 403, milkyFailed(-403, refusal));
      const eventPath = pathOf(request.url) === `${prefix}/event`;
      if (authorized(this.config.http.accessToken, request.headers, request.url, eventPath)) return;
      await send(reply, 401, milkyFailed(-401, 'the access token is missing or wrong'));
    });
    app.setErrorHandler(async (error: Error & { statusCode?: number; code?: string }, request, reply) => {
      const status =
        error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? 413 : error.statusCode && error.statusCode < 500 ? error.statusCode : 500;
      if (status === 500) this.#logger.error({ err: error, url: request.url }, 'Milky API failure');
      const message = status === 500 ? 'internal error (see the Catnap log)' : error.message;
      await send(reply, status, milkyFailed(status === 500 ? milkyProtocolErrors.INTERNAL.retcode : -status, message));
    });
    app.post(`${prefix}/api/:api`, async (request: FastifyRequest<{ Params: { api: string } }>, reply) => {
      // A POST without a body at all (no Content-Type) is taken as `{}`; a JSON `null` is not an
      // object, and the dispatcher refuses it as it refuses any other non-object.
      const body = request.body === malformed ? undefined : request.body === undefined ? {} : request.body;
      if (body === undefined) return send(reply, 200, milkyFailed(milkyProtocolErrors.BAD_INPUT.retcode, 'the body is not valid JSON'));
      // The connection goes with the call, so that a call a fault holds stops waiting when its
      // client gives up, and the `disconnect` fault can cut it.
      const connection = new HttpConnection(request, reply);
      const result = await this.gateway.dispatcher.call(this.selfId, request.params.api, body, connection);
      // A client that went, or a held call Catnap's stop let go, gets no answer: the connection closes.
      if (connection.gone || (result && this.gateway.dispatcher.wasCutShort(result))) return abandon(request, reply);
      if (!result) return send(reply, 404, milkyFailed(-404, `no Milky API is named ${JSON.stringify(request.params.api.slice(0, 100))}`));
      return send(reply, 200, result);
    });
    app.get(`${prefix}/event`, (request, reply) => this.#openStream(request, reply));
    return app;
  }

  #openStream(request: FastifyRequest, reply: FastifyReply): FastifyReply | undefined {
    const refused = this.gateway.dispatcher.faults.refusal(this.selfId);
    if (refused) return send(reply, 503, milkyFailed(-503, refused));
    let unsubscribe = (): void => undefined;
    const stream = openEventStream(request, reply, {
      limits: this.#limits,
      logger: this.#logger,
      onEnd: (ended) => {
        unsubscribe();
        this.#streams.delete(ended);
      },
    });
    this.#streams.add(stream);
    unsubscribe = subscribeMilkyEvents(this.gateway, this.selfId, this.config.reportSelfMessage, (event) =>
      stream.write(`event: milky_event\ndata: ${event.json}\n\n`),
    );
  }

  /** WebSocket upgrades of `<prefix>/event`, authenticated before the upgrade completes. */
  readonly #upgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    socket.on('error', () => socket.destroy());
    if (!this.#app) return reject(socket, 503, 'Service Unavailable');
    if (pathOf(request.url) !== `${this.prefix}/event`) return reject(socket, 404, 'Not Found');
    if (!authorized(this.config.http.accessToken, request.headers, request.url, true)) return reject(socket, 401, 'Unauthorized');
    if (browserRefusal(request.headers, this.config.http.accessToken, this.gateway.browser)) return reject(socket, 403, 'Forbidden');
    // A kicked account cannot get in until it is online again (docs/faults.md), as on OneBot's servers.
    const refused = this.gateway.dispatcher.faults.refusal(this.selfId);
    if (refused) return reject(socket, 503, 'Service Unavailable', refused);
    const remote = `${request.socket.remoteAddress ?? '?'}:${request.socket.remotePort ?? '?'}`;
    this.#wss.handleUpgrade(request, socket, head, (ws) => {
      let unsubscribe = (): void => undefined;
      const eventSocket = new MilkyEventSocket(ws, { remote, role: 'event', since: Date.now() }, this.#limits, this.#logger, () => {
        unsubscribe();
        this.#sockets.delete(eventSocket);
        this.#logger.info({ remote }, 'Milky event client disconnected');
      });
      if (!this.#app) {
        void eventSocket.close();
        return;
      }
      this.#sockets.add(eventSocket);
      this.#logger.info({ remote }, 'Milky event client connected');
      unsubscribe = subscribeMilkyEvents(this.gateway, this.selfId, this.config.reportSelfMessage, (event) => eventSocket.send(event.json));
    });
  };
}

/** Stands for a body that did not parse, so the route can answer Milky's -400 with status 200. */
const malformed = Symbol('malformed JSON');

function pathOf(url: string | undefined): string {
  return (url ?? '/').split('?')[0]!.replace(/\/{2,}/g, '/');
}

function send(reply: FastifyReply, status: number, body: MilkyReply): FastifyReply {
  return reply.code(status).header('content-type', 'application/json; charset=utf-8').send(JSON.stringify(body));
}

function reject(socket: Duplex, status: number, statusText: string, message = statusText): void {
  const json = JSON.stringify(milkyFailed(-status, message));
  socket.end(
    `HTTP/1.1 ${status} ${statusText}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(json)}\r\nConnection: close\r\n\r\n${json}`,
  );
  socket.once('finish', () => socket.destroy());
}
