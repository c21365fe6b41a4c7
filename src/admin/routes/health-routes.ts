import { healthApi } from '../../contract/admin/health.js';
import { implement, type AdminRoute } from '../admin-route.js';

const routes = implement(healthApi, {
  async healthz() {
    return { status: 'ok' as const };
  },

  async readyz(_request, reply, { hooks }) {
    const problems = hooks.readiness?.() ?? [];
    if (problems.length === 0) return { status: 'ready' as const };
    return reply.code(503).send({ status: 'not ready', problems });
  },

  async metrics(_request, reply, { hooks }) {
    if (!hooks.metrics) return reply.code(404).send({ error: { code: 'NOT_FOUND', message: 'this server has no metrics' } });
    const { contentType, text } = await hooks.metrics();
    return reply.type(contentType).send(text);
  },
});

/** The health routes; `/metrics` is served without the token when `metrics.public` is set. */
export function healthRoutes(options: { readonly publicMetrics: boolean }): AdminRoute[] {
  if (!options.publicMetrics) return routes;
  return routes.map((route) =>
    route.contract === healthApi.metrics ? { ...route, contract: { ...route.contract, public: true } } : route,
  );
}
