import { Type } from '@sinclair/typebox';
import { defineRoute } from './route.js';

const tag = 'health';

/**
 * Liveness, readiness and Prometheus metrics, for CI steps that wait for Catnap and for ops that
 * scrape it. `/healthz` and `/readyz` never need the token (they say nothing about the world);
 * `/metrics` does unless `metrics.public` is set in catnap.json (the server then serves it public).
 */
export const healthApi = {
  healthz: defineRoute({
    method: 'GET',
    url: '/healthz',
    summary: 'Liveness: 200 {"status": "ok"} while the process serves requests',
    tag,
    public: true,
    response: Type.Object({ status: Type.Literal('ok') }),
  }),
  readyz: defineRoute({
    method: 'GET',
    url: '/readyz',
    summary:
      'Readiness: 200 {"status": "ready"} once the store is open and every enabled adapter listens; ' +
      'else 503 {"status": "not ready", "problems": [...]} naming what is not',
    tag,
    public: true,
    response: Type.Object({ status: Type.Literal('ready') }),
  }),
  metrics: defineRoute({
    method: 'GET',
    url: '/metrics',
    summary: 'Prometheus metrics in the text exposition format (no token needed when metrics.public is set)',
    tag,
    response: Type.String({ description: 'The text exposition format' }),
    mediaType: 'text/plain; version=0.0.4',
  }),
};
