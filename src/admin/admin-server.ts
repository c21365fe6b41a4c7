import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { defaultRequestTimeoutMs, fastifyTimeoutOptions } from '../util/http-timeouts.js';
import { describeJsonProblem, findJsonProblem } from '../util/json-guard.js';
import { checkToken, queryOf } from '../util/token-auth.js';
import { AdminError } from './admin-errors.js';
import type { AdminDeps, AdminRoute } from './admin-route.js';
import { sendAdminError } from './admin-errors.js';
import { buildOpenApi } from './openapi.js';
import { actRoutes } from './routes/act-route.js';
import { mediaRoutes } from './routes/media-route.js';
import { worldRoutes } from './routes/world-routes.js';
import { worldManageRoutes } from './routes/world-manage-routes.js';
import { botRoutes } from './routes/bot-routes.js';
import { uploadRoutes } from './routes/upload-route.js';
import { requestRoutes } from './routes/request-routes.js';
import { LiveHub } from './live/live-hub.js';
import { attachLiveSocket } from './live/live-socket.js';
import { serveWebUi } from './web-ui.js';

export interface AdminServerOptions {
  readonly token: string;
  readonly bodyLimit: number;
  /** Longest a client may take to send one request (default 30 s). */
  readonly requestTimeoutMs?: number;
  readonly version: string;
  /** Extra routes from other areas (media, console) registered beside the built-in ones. */
  readonly extraRoutes?: readonly AdminRoute[];
  /** Lets other areas (web UI, live WebSocket) add plugins before the app is ready. */
  readonly extend?: (app: FastifyInstance) => Promise<void>;
  /** The built web UI (default web/dist of this checkout). */
  readonly webUiDir?: string;
}

/**
 * The admin API on the web UI port: world management, the `act` route, and /openapi.json.
 * Every route needs `Authorization: Bearer <webui token>` (or `?token=`) unless marked public.
 */
export async function buildAdminServer(deps: AdminDeps, options: AdminServerOptions): Promise<FastifyInstance> {
  // Network auth helpers are pure functions shared with the OneBot transports.
  const app = Fastify({
    logger: false,
    bodyLimit: options.bodyLimit,
    forceCloseConnections: 'idle',
    routerOptions: { ignoreTrailingSlash: true },
    ...fastifyTimeoutOptions(options.requestTimeoutMs ?? defaultRequestTimeoutMs),
  });
  app.addContentTypeParser(
    ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/plain'],
    { parseAs: 'string' },
    (_request, body, done) => done(null, body),
  );

  const routes: AdminRoute[] = [
    ...worldRoutes,
    ...worldManageRoutes,
    ...actRoutes,
    ...mediaRoutes,
    ...uploadRoutes,
    ...botRoutes,
    ...requestRoutes,
    ...(options.extraRoutes ?? []),
  ];
  const openapi: AdminRoute = {
    method: 'GET',
    url: '/openapi.json',
    summary: 'This document',
    tag: 'docs',
    public: true,
    handler: async () => document,
  };
  routes.push(openapi);
  const document = buildOpenApi(deps.actions, routes, options.version);

  app.setErrorHandler(async (error: Error & { statusCode?: number; code?: string }, request, reply) => {
    if (sendAdminError(reply, error)) return reply;
    const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) deps.logger.error({ err: error, url: request.url }, 'admin API failure');
    const code =
      status === 413 ? 'BODY_TOO_LARGE' : status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : status === 500 ? 'INTERNAL' : 'BAD_REQUEST';
    return reply.code(status).send({ error: { code, message: status === 500 ? 'internal error (see the Catnap log)' : error.message } });
  });
  const webUiFallback = await serveWebUi(app, options.webUiDir);
  app.setNotFoundHandler(async (request, reply) => {
    const page = webUiFallback(request, reply);
    if (page) return page;
    return reply.code(404).send({ error: { code: 'NOT_FOUND', message: `no route ${request.method} ${request.url.split('?')[0]}` } });
  });
  attachLiveSocket(app, new LiveHub(deps.world, deps.dispatcher, deps.hooks, deps.logger), options.token, deps.logger);

  // The token is checked as the request arrives, before its body is read: a caller without the
  // token never gets Catnap to buffer or parse 64 MiB for it.
  const authenticate = async (request: FastifyRequest, reply: FastifyReply) => {
    const result = checkToken(options.token, request.headers, adminQuery(request.url));
    if (result === 'ok') return;
    const missing = result === 'missing';
    await reply
      .code(missing ? 401 : 403)
      .header('connection', 'close')
      .send({
        error: {
          code: missing ? 'TOKEN_MISSING' : 'TOKEN_WRONG',
          message: missing ? 'the web UI token is missing' : 'the web UI token is wrong',
        },
      });
  };
  // Bodies that would reach an object's prototype, or nest absurdly deep, go no further.
  app.addHook('preHandler', async (request) => {
    const body = request.body;
    if (body === null || typeof body !== 'object' || Buffer.isBuffer(body)) return;
    const problem = findJsonProblem(body, maxBodyDepth);
    if (problem) throw new AdminError(400, 'BAD_REQUEST', describeJsonProblem(problem, 'body'));
  });
  const definition = (route: AdminRoute) => ({
    method: route.method,
    url: route.url,
    ...(route.public ? {} : { onRequest: authenticate }),
    handler: (request: FastifyRequest, reply: FastifyReply) => route.handler(request, reply, deps),
  });
  const rawRoutes = routes.filter((route) => route.raw);
  for (const route of routes) if (!route.raw) app.route(definition(route));
  // Upload routes read any content type as bytes; the parser is scoped to them alone.
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    for (const route of rawRoutes) scope.route(definition(route));
  });
  await options.extend?.(app);
  return app;
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
