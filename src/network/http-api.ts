import formbody from '@fastify/formbody';
import cors from '@fastify/cors';
import type { FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods } from 'fastify';
import type { Dialect, MessageFormat } from '../onebot/action.js';
import { envelopeInDialect } from '../onebot/dialect.js';
import { protocolErrors } from '../onebot/error-catalogue.js';
import type { DispatchMeta } from '../onebot/dispatcher.js';
import { failed, httpStatusOf, ok, type Envelope } from '../onebot/envelope.js';
import { defaultRequestTimeoutMs } from '../util/http-timeouts.js';
import { checkToken, queryOf } from '../util/token-auth.js';
import type { OneBotGateway } from './adapter.js';
import { browserRefusal, corsOrigins } from './browser-guard.js';
import { abandon, HttpConnection } from './http-connection.js';
import { httpError, jsonApiApp, parseJsonBody } from './json-api-app.js';
import { StreamingReply } from './streaming-reply.js';

export interface HttpApiOptions {
  readonly selfId: number;
  readonly token: string;
  readonly enableCors: boolean;
  readonly messageFormat: MessageFormat;
  /** The adapter's dialect: calls run in it. */
  readonly dialect: Dialect;
  readonly adapterName: string;
  /** Transport name in call records ("http", "http-sse"). */
  readonly transport?: string;
  /**
   * Where a stream action's packets go. Absent: into the call's own response, as NapCat's HTTP
   * server writes them. NapCat's SSE server instead posts them to its event stream.
   */
  readonly streamPackets?: (envelope: Readonly<Record<string, unknown>>) => Promise<void>;
}

/**
 * The OneBot 11 HTTP API of one account as a Fastify app (not yet listening, so tests can
 * `inject`). Routes, as NapCat's: `/:action` and anything below it (`/:action/`, `/:action/x`) by
 * GET (query) or any other method (JSON or urlencoded body, query values win), and `/` with
 * `{action, params, echo}`.
 * Statuses follow OneBot 11: 401 no token, 403 wrong token (or a web page at a token-less
 * adapter), 400 malformed body, 404 unknown action, 406 unsupported Content-Type, 413 body too
 * large, otherwise 200.
 */
export async function buildHttpApi(gateway: OneBotGateway, options: HttpApiOptions): Promise<FastifyInstance> {
  const malformed = () => ({ error: httpError(400, 'malformed JSON body') });
  const app = jsonApiApp({
    bodyLimit: gateway.bodyLimit,
    ignoreTrailingSlash: true,
    requestTimeoutMs: gateway.requestTimeoutMs ?? defaultRequestTimeoutMs,
    malformed,
  });
  await app.register(formbody);
  app.addContentTypeParser('*', { parseAs: 'string' }, (request, body, done) => {
    const contentType = request.headers['content-type'];
    // A body without a Content-Type is JSON, as NapCat reads it (Python's requests.post(url,
    // data=json.dumps(...)) sends none); a Content-Type that names something else is a 406.
    if (contentType === undefined) return parseJsonBody(typeof body === 'string' ? body : body.toString('utf8'), malformed, done);
    done(httpError(406, `unsupported Content-Type ${contentType}; send application/json or application/x-www-form-urlencoded`), undefined);
  });
  // Replies made here rather than by a call are written in the adapter's dialect too (its `stream` mark).
  const send = (reply: FastifyReply, envelope: Envelope, status?: number) =>
    sendEnvelope(reply, envelopeInDialect(envelope, options.dialect), status);
  // CORS where a token guards the adapter, or for the origins the operator allowed (browser-guard.ts).
  const origins = options.enableCors ? corsOrigins(options.token, gateway.browser) : undefined;
  if (origins) await app.register(cors, { origin: origins });

  app.addHook('onRequest', async (request, reply) => {
    if (!options.token) {
      const refusal = browserRefusal(request.headers, options.token, gateway.browser);
      if (refusal) await send(reply, failed(protocolErrors.BROWSER_REFUSED.retcode, refusal, null), 403);
      return;
    }
    if (request.method === 'OPTIONS') return;
    const result = checkToken(options.token, request.headers, queryOf(request.url));
    if (result === 'ok') return;
    const code = result === 'missing' ? protocolErrors.TOKEN_MISSING : protocolErrors.TOKEN_WRONG;
    const status = result === 'missing' ? 401 : 403;
    await send(reply, failed(code.retcode, result === 'missing' ? 'access token is missing' : 'access token is wrong', null), status);
  });

  app.setErrorHandler(async (error: Error & { statusCode?: number; code?: string }, request, reply) => {
    const status = error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? 413 : error.statusCode && error.statusCode < 500 ? error.statusCode : 500;
    const message =
      status === 413
        ? `request body is larger than the limit of ${gateway.bodyLimit} bytes`
        : status === 500
          ? 'internal error (see the Catnap log)'
          : error.message;
    if (status === 500) gateway.logger.error({ err: error, url: request.url }, 'HTTP API failure');
    await send(reply, failed(status === 500 ? protocolErrors.INTERNAL.retcode : protocolErrors.BAD_PARAMS.retcode, message, null), status);
  });

  const adapter: AdapterMeta = {
    transport: options.transport ?? 'http',
    messageFormat: options.messageFormat,
    adapter: options.adapterName,
    dialect: options.dialect,
  };

  /** Runs one call and answers it: one envelope, a stream of packets, or nothing when the client went. */
  const answer = async (request: FastifyRequest, reply: FastifyReply, action: string, params: unknown, echo: unknown) => {
    const connection = new HttpConnection(request, reply);
    const meta = new HttpCallMeta(adapter, connection, echo, options.streamPackets);
    const envelope = await gateway.dispatcher.dispatch(options.selfId, action, params, meta);
    // A call a fault held (no_reply) that Catnap's stop let go has no answer: its stand-in is not
    // sent as one. A hung NapCat that is shut down just drops the connection.
    if (connection.gone || gateway.dispatcher.wasCutShort(envelope)) return abandon(request, reply);
    return envelope.stream === 'stream-action' ? meta.streaming().end(envelope) : sendEnvelope(reply, envelope);
  };

  app.route({
    method: actionMethods,
    url: '/',
    handler: async (request, reply) => {
      const body = isObject(request.body) ? request.body : {};
      if (request.method === 'GET' || body.action === undefined) {
        const echo = gateway.dispatcher.echoOf(body.echo);
        return send(reply, ok({ app_name: 'Catnap', self_id: options.selfId, message: 'Catnap is running' }, echo));
      }
      return answer(request, reply, String(body.action), body.params ?? {}, body.echo);
    },
  });

  const byAction = async (request: FastifyRequest<{ Params: { action: string } }>, reply: FastifyReply) => {
    const { params, echo } = paramsOf(request);
    return answer(request, reply, request.params.action, params, echo);
  };
  // The action is the first path segment: NapCat routes `/send_msg/anything` to send_msg.
  app.route({ method: actionMethods, url: '/:action', handler: byAction });
  app.route({ method: actionMethods, url: '/:action/*', handler: byAction });

  return app;
}

/**
 * The methods a call may come by: any, as NapCat's catch-all Express handler takes them (GET reads
 * the query, the others the body with the query on top). OPTIONS stays CORS's preflight, and HEAD
 * is Fastify's automatic twin of GET.
 */
const actionMethods: HTTPMethods[] = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'];

type AdapterMeta = Required<Pick<DispatchMeta, 'transport' | 'messageFormat' | 'adapter' | 'dialect'>>;

/**
 * One HTTP call's meta. A class rather than `{ ...adapter, get signal() {...}, ... }`: a literal
 * with a spread and a getter is built property by property in dictionary mode, which cost more
 * than a twentieth of Catnap's CPU on the HTTP send path. Its shape is fixed, and `signal` stays
 * lazy (see HttpConnection).
 */
class HttpCallMeta implements DispatchMeta {
  readonly transport: string;
  readonly messageFormat: MessageFormat;
  readonly adapter: string;
  readonly dialect: Dialect;
  readonly disconnect: () => void;
  readonly stream: (packet: Readonly<Record<string, unknown>>) => Promise<void>;
  #streaming: StreamingReply | undefined;

  constructor(
    base: AdapterMeta,
    private readonly connection: HttpConnection,
    readonly echo: unknown,
    streamPackets: HttpApiOptions['streamPackets'],
  ) {
    this.transport = base.transport;
    this.messageFormat = base.messageFormat;
    this.adapter = base.adapter;
    this.dialect = base.dialect;
    this.disconnect = connection.disconnect;
    this.stream = streamPackets ?? ((packet) => this.streaming().write(packet));
  }

  get signal(): AbortSignal {
    return this.connection.signal;
  }

  /** The call's packet stream to the response, opened by its first packet. */
  streaming(): StreamingReply {
    return (this.#streaming ??= new StreamingReply(this.connection.reply));
  }
}

/** GET: the query; POST: the body with the query's values on top. `access_token` is not a param. */
function paramsOf(request: FastifyRequest): { params: unknown; echo: unknown } {
  const query = { ...(request.query as Record<string, unknown>) };
  delete query.access_token;
  if (request.method === 'GET' || request.body === undefined) return { params: query, echo: query.echo };
  if (!isObject(request.body)) return { params: Object.keys(query).length > 0 ? query : request.body, echo: query.echo };
  const params = { ...request.body, ...query };
  return { params, echo: params.echo };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sendEnvelope(reply: FastifyReply, envelope: Envelope, status = httpStatusOf(envelope)): FastifyReply {
  return reply.code(status).header('content-type', 'application/json; charset=utf-8').send(JSON.stringify(envelope));
}
