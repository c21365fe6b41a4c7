import type { AdminRoute } from '../admin-route.js';

const tag = 'health';

/**
 * Liveness, readiness and Prometheus metrics, for CI steps that wait for Catnap and for ops that
 * scrape it. `/healthz` and `/readyz` never need the token (they say nothing about the world);
 * `/metrics` does unless `metrics.public` is set in catnap.json.
 */
export function healthRoutes(options: { readonly publicMetrics: boolean }): AdminRoute[] {
  return [
    {
      method: 'GET',
      url: '/healthz',
      summary: 'Liveness: 200 {"status": "ok"} while the process serves requests',
      tag,
      public: true,
      handler: async () => ({ status: 'ok' }),
    },
    {
      method: 'GET',
      url: '/readyz',
      summary: 'Readiness: 200 once the store is open and every enabled adapter listens, else 503 with what is not ready',
      tag,
      public: true,
      async handler(_request, reply, { hooks }) {
        const problems = hooks.readiness?.() ?? [];
        if (problems.length === 0) return { status: 'ready' };
        return reply.code(503).send({ status: 'not ready', problems });
      },
    },
    {
      method: 'GET',
      url: '/metrics',
      summary: 'Prometheus metrics (text exposition format)',
      tag,
      public: options.publicMetrics,
      async handler(_request, reply, { hooks }) {
        if (!hooks.metrics) return reply.code(404).send({ error: { code: 'NOT_FOUND', message: 'this server has no metrics' } });
        const { contentType, text } = await hooks.metrics();
        return reply.type(contentType).send(text);
      },
    },
  ];
}
