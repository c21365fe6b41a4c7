import type { FastifyReply } from 'fastify';
import { loadApi } from '../../contract/admin/load.js';
import { AdminError } from '../admin-errors.js';
import { implement, type AdminHooks, type AdminRoute } from '../admin-route.js';
import { ReportTickets, reportTicketTtlMs } from './report-tickets.js';

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

/** A report's page with its rules, or NOT_FOUND. */
async function reportPage(hooks: AdminHooks, name: string, reply: FastifyReply): Promise<string> {
  const html = await hooks.loadReports?.html(name);
  if (html === undefined) throw new AdminError(404, 'NOT_FOUND', `no load report named ${name}`);
  // no-store: the page of a view link is not kept for a later visit that has no ticket left.
  reply.header('content-security-policy', reportPagePolicy).header('referrer-policy', 'no-referrer').header('cache-control', 'no-store');
  return html;
}

/** The load report routes; each admin server keeps its own view tickets. */
export function loadRoutes(tickets = new ReportTickets()): AdminRoute[] {
  return implement(loadApi, {
    async listLoadReports(_request, _reply, { hooks }) {
      return (await hooks.loadReports?.list()) ?? [];
    },

    async getLoadReport(request, reply, { hooks }) {
      return reportPage(hooks, request.params.name, reply);
    },

    async openLoadReportView(request, _reply, { hooks }) {
      const { name } = request.params;
      if ((await hooks.loadReports?.html(name)) === undefined) throw new AdminError(404, 'NOT_FOUND', `no load report named ${name}`);
      return { url: `/api/load/views/${tickets.issue(name)}`, expires_in_ms: reportTicketTtlMs };
    },

    async viewLoadReport(request, reply, { hooks }) {
      const name = tickets.redeem(request.params.ticket);
      // One answer for a ticket never issued, one used and one expired: the link is simply gone.
      if (name === undefined)
        throw new AdminError(404, 'NOT_FOUND', 'no such report view: a view link opens once, within a minute; open the report again');
      return reportPage(hooks, name, reply);
    },
  });
}
