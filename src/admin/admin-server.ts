import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { parse as parseYaml } from 'yaml';
import { allRouteContracts } from '../contract/admin/index.js';
import { docsApi } from '../contract/admin/docs.js';
import { isBytes, type RouteContract } from '../contract/admin/route.js';
import { defaultRequestTimeoutMs, fastifyTimeoutOptions } from '../util/http-timeouts.js';
import { describeJsonProblem, findJsonProblem } from '../util/json-guard.js';
import { checkToken, queryOf } from '../util/token-auth.js';
import { implement, type AdminDeps, type AdminRoute, type RouteRequest } from './admin-route.js';
import { AdminError, sendAdminError } from './admin-errors.js';
import { hostRefusal, type HostPolicy } from './host-guard.js';
import { buildOpenApi } from './openapi.js';
import { actRoutes } from './routes/act-route.js';
import { mediaRoutes } from './routes/media-route.js';
import { worldRoutes } from './routes/world-routes.js';
import { worldManageRoutes } from './routes/world-manage-routes.js';
import { botRoutes } from './routes/bot-routes.js';
import { milkyRoutes } from './routes/milky-routes.js';
import { allMilkyApis } from '../milky/apis/index.js';
import { recordRoutes } from './routes/record-routes.js';
import { requestRoutes } from './routes/request-routes.js';
import { healthRoutes } from './routes/health-routes.js';
import { loadRoutes } from './routes/load-routes.js';
import { faultRoutes } from './routes/fault-routes.js';
import { clockRoutes } from './routes/clock-routes.js';
import { snapshotRoutes } from './routes/snapshot-routes.js';
import { transcriptRoutes } from './routes/transcript-routes.js';
import { LiveHub } from './live/live-hub.js';
import { attachLiveSocket } from './live/live-socket.js';
import { runActCalls } from './act-calls.js';
import { adminValidator } from './validate.js';
import { serveWebUi } from './web-ui.js';

export interface AdminServerOptions {
  readonly token: string;
  readonly bodyLimit: number;
  /** Longest a client may take to send one request (default 30 s). */
  readonly requestTimeoutMs?: number;
  readonly version: string;
  /** Extra routes from other areas, registered beside the built-in ones (their contracts too). */
  readonly extraRoutes?: readonly AdminRoute[];
  /** Lets other areas (web UI, live WebSocket) add plugins before the app is ready. */
  readonly extend?: (app: FastifyInstance) => Promise<void>;
  /** The built web UI (default web/dist of this checkout). */
  readonly webUiDir?: string;
  /** Serve /metrics without the token (`metrics.public` in catnap.json). */
  readonly publicMetrics?: boolean;
  /** The `Host` names answered (DNS rebinding, see host-guard.ts); undefined answers any. */
  readonly hosts?: HostPolicy;
}

const keyOf = (contract: RouteContract) => `${contract.method} ${contract.url}`;

/**
 * The admin API on the web UI port: world management, the `act` route, and /openapi.json. Each
 * route is a contract from `src/contract/admin/` and a handler from `routes/`; Fastify validates
 * every request against the contract before the handler runs. Every route needs
 * `Authorization: Bearer <webui token>` (or `?token=`) unless its contract is public.
 */
export async function buildAdminServer(deps: AdminDeps, options: AdminServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: false,
    bodyLimit: options.bodyLimit,
    forceCloseConnections: 'idle',
    routerOptions: { ignoreTrailingSlash: true },
    ...fastifyTimeoutOptions(options.requestTimeoutMs ?? defaultRequestTimeoutMs),
  });
  // World files may come as YAML (JSON is YAML too); parsed here, they are validated like JSON.
  app.addContentTypeParser(
    ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/plain'],
    { parseAs: 'string' },
    (_request, body, done) => {
      try {
        done(null, parseYaml(String(body)) as unknown);
      } catch (error) {
        done(new AdminError(400, 'BAD_REQUEST', `the body is not valid YAML: ${(error as Error).message}`), undefined);
      }
    },
  );

  const routes: AdminRoute[] = [
    ...worldRoutes,
    ...worldManageRoutes,
    ...actRoutes,
    ...mediaRoutes,
    ...botRoutes,
    ...milkyRoutes,
    ...requestRoutes,
    ...recordRoutes,
    ...healthRoutes({ publicMetrics: options.publicMetrics ?? false }),
    ...loadRoutes(),
    ...faultRoutes,
    ...clockRoutes,
    ...snapshotRoutes,
    ...transcriptRoutes,
    ...implement(docsApi, { openapi: async () => document }),
    ...(options.extraRoutes ?? []),
  ];
  const served = new Set(routes.map((route) => keyOf(route.contract)));
  const unserved = allRouteContracts().filter((contract) => !served.has(keyOf(contract)));
  if (unserved.length > 0) throw new Error(`admin routes without a handler: ${unserved.map(keyOf).join(', ')}`);
  const document = buildOpenApi(
    deps.actions,
    routes.map((route) => route.contract),
    options.version,
    allMilkyApis,
  );

  const bodyErrors = new Map(
    routes.flatMap(({ contract }) => (contract.bodyError ? [[keyOf(contract), contract.bodyError] as const] : [])),
  );
  app.setValidatorCompiler(adminValidator(bodyErrors));
  // Answers are plain JSON.stringify: response schemas document and type them, they never filter them.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  app.setErrorHandler(async (error: Error & { statusCode?: number; code?: string }, request, reply) => {
    if (sendAdminError(reply, error)) return reply;
    const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) deps.logger.error({ err: error, url: request.url }, 'admin API failure');
    const code =
      status === 413 ? 'BODY_TOO_LARGE' : status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : status === 500 ? 'INTERNAL' : 'BAD_REQUEST';
    return reply.code(status).send({ error: { code, message: status === 500 ? 'internal error (see the Catnap log)' : error.message } });
  });
  // First of all, before the token and before routing: a page that rebound its own name to this
  // machine must not reach even the routes without a token. Its body is left unread.
  app.addHook('onRequest', async (request, reply) => {
    const refusal = hostRefusal(options.hosts, request.headers.host);
    if (refusal)
      return reply
        .code(403)
        .header('connection', 'close')
        .send({ error: { code: 'HOST_NOT_ALLOWED', message: refusal } });
  });
  const webUiFallback = await serveWebUi(app, options.webUiDir);
  const notFound = (request: FastifyRequest, reply: FastifyReply) =>
    reply.code(404).send({ error: { code: 'NOT_FOUND', message: `no route ${request.method} ${request.url.split('?')[0]}` } });
  app.setNotFoundHandler(async (request, reply) => webUiFallback(request, reply) ?? notFound(request, reply));
  // A request to no route passes no token check, so its body would be read and parsed for anyone:
  // any page in the browser may POST 64 MiB of text/plain here, and parsing that as YAML takes
  // minutes or exhausts the heap. It is answered as it arrives, its body unread (and its
  // connection closed, so the unread bytes are not taken for the next request).
  app.addHook('onRequest', async (request, reply) => {
    if (request.is404 && hasBody(request)) return notFound(request, reply.header('connection', 'close'));
  });
  // On close, Fastify waits for the answers in flight, and then for their connections to go idle
  // and time out (72 s of keep-alive): pending waits end at once, calls a fault holds (an `act`
  // hit by no_reply) are let go, and what answers while closing closes its connection, so a
  // test's stop() is held by neither its own pending expectation nor its own held call.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
    deps.transcript.endWaits();
    deps.dispatcher.releaseHeld();
  });
  app.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close');
  });
  // Every answer says what it is and may be taken for nothing else: a browser that sniffed a JSON
  // error echoing a path, or a text blob at /media, could otherwise render it as HTML in the
  // console's origin, where the web UI token is kept.
  app.addHook('onSend', async (_request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
  });
  attachLiveSocket(
    app,
    new LiveHub(deps.world, deps.dispatcher, deps.transcript, deps.hooks, deps.logger),
    {
      token: options.token,
      hosts: options.hosts,
      runActCalls: (calls, caller) => runActCalls(deps.world, deps.dispatcher, calls, caller),
      maxPayload: options.bodyLimit,
    },
    deps.logger,
  );

  // The token is checked as the request arrives, before its body is read or validated: a caller
  // without the token never gets Catnap to buffer or parse 64 MiB for it.
  const guard = async (request: FastifyRequest, reply: FastifyReply) => {
    const result = checkToken(options.token, request.headers, adminQuery(request.url));
    if (result === 'ok') return;
    const missing = result === 'missing';
    return reply
      .code(missing ? 401 : 403)
      .header('connection', 'close')
      .send({
        error: {
          code: missing ? 'TOKEN_MISSING' : 'TOKEN_WRONG',
          message: missing ? 'the web UI token is missing' : 'the web UI token is wrong',
        },
      });
  };
  // Bodies that would reach an object's prototype, or nest absurdly deep, are refused before
  // they are validated (validation copies them).
  app.addHook('preValidation', async (request) => {
    const body = request.body;
    if (body === null || typeof body !== 'object' || Buffer.isBuffer(body)) return;
    const problem = findJsonProblem(body, maxBodyDepth);
    if (problem) throw new AdminError(400, 'BAD_REQUEST', describeJsonProblem(problem, 'body'));
  });
  const register = (scope: FastifyInstance, route: AdminRoute) => {
    const { contract } = route;
    scope.route({
      method: contract.method,
      url: contract.url,
      schema: {
        ...(contract.params && { params: contract.params }),
        ...(contract.query && { querystring: contract.query }),
        ...(contract.body && { body: contract.body }),
      },
      ...(!contract.public && { onRequest: guard }),
      handler: async (request, reply) => {
        reply.code(contract.status ?? 200);
        if (contract.mediaType) reply.type(contract.mediaType);
        // Fastify validated the request against these very schemas; the compiler cannot follow that
        // through a list of routes of different contracts, so this is the one place it is told.
        return route.handle(request as RouteRequest<RouteContract>, reply, deps);
      },
    });
  };
  for (const route of routes) if (!isBytes(route.contract.body)) register(app, route);
  // Upload routes read any content type as bytes; the parser is scoped to them alone.
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    for (const route of routes) if (isBytes(route.contract.body)) register(scope, route);
  });
  await options.extend?.(app);
  return app;
}

/** Whether a request says a body follows (GET and HEAD bodies are never read). */
function hasBody(request: FastifyRequest): boolean {
  const { headers } = request;
  return headers['transfer-encoding'] !== undefined || Number(headers['content-length'] ?? 0) > 0;
}

/** Far deeper than any admin body (a world file with OneBot configs nests about eight levels). */
const maxBodyDepth = 64;

/** The admin API also accepts the token as `?token=` (the printed login link uses it). */
function adminQuery(url: string): URLSearchParams {
  const query = queryOf(url);
  const token = query.get('token');
  if (token && !query.has('access_token')) query.set('access_token', token);
  return query;
}
