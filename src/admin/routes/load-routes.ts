import { loadApi } from '../../contract/admin/load.js';
import { AdminError } from '../admin-errors.js';
import { implement } from '../admin-route.js';

/**
 * The report page's own rules: its inline scripts (Chart.js, the charts) may run, but in a
 * sandbox without the console's origin, so it can neither read the console's storage nor call
 * the admin API as the console; it loads nothing from anywhere; only the console may frame it.
 */
const reportPagePolicy = [
  "default-src 'none'",
  "script-src 'unsafe-inline'",
  "style-src 'unsafe-inline'",
  'img-src data:',
  'sandbox allow-scripts',
  "frame-ancestors 'self'",
].join('; ');

export const loadRoutes = implement(loadApi, {
  async listLoadReports(_request, _reply, { hooks }) {
    return (await hooks.loadReports?.list()) ?? [];
  },

  async getLoadReport(request, reply, { hooks }) {
    const html = await hooks.loadReports?.html(request.params.name);
    if (html === undefined) throw new AdminError(404, 'NOT_FOUND', `no load report named ${request.params.name}`);
    reply.header('content-security-policy', reportPagePolicy).header('referrer-policy', 'no-referrer');
    return html;
  },
});
