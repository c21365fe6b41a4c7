import Fastify, { type FastifyInstance } from 'fastify';
import { fastifyTimeoutOptions } from '../util/http-timeouts.js';

/** An HTTP error with the status Fastify's error handler should answer. */
export function httpError(statusCode: number, message: string): Error & { statusCode: number } {
  return Object.assign(new Error(message), { statusCode });
}

/**
 * A Fastify app for a JSON API (OneBot's HTTP API, Milky's API), not yet listening: an empty body
 * is `{}`, and `malformed` decides what a body that is not JSON becomes (an error for OneBot's
 * 400, a marker value for Milky, which answers 200 with retcode -400). In-flight requests finish
 * on stop; idle keep-alive connections are closed at once.
 */
export function jsonApiApp(options: {
  readonly bodyLimit: number;
  readonly ignoreTrailingSlash: boolean;
  /** Longest a client may take to send one request (see util/http-timeouts.ts). */
  readonly requestTimeoutMs: number;
  readonly malformed: () => { error: Error } | { value: unknown };
}): FastifyInstance {
  const app = Fastify({
    logger: false,
    bodyLimit: options.bodyLimit,
    routerOptions: { ignoreTrailingSlash: options.ignoreTrailingSlash, ignoreDuplicateSlashes: true },
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    ...fastifyTimeoutOptions(options.requestTimeoutMs),
  });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    parseJsonBody(typeof body === 'string' ? body : body.toString('utf8'), options.malformed, done);
  });
  return app;
}

/** Parses a JSON body for a Fastify content-type parser: empty is `{}`, `malformed` decides the rest. */
export function parseJsonBody(
  text: string,
  malformed: () => { error: Error } | { value: unknown },
  done: (error: Error | null, body?: unknown) => void,
): void {
  if (text.trim() === '') return done(null, {});
  try {
    done(null, JSON.parse(text));
  } catch {
    const outcome = malformed();
    if ('error' in outcome) done(outcome.error, undefined);
    else done(null, outcome.value);
  }
}
