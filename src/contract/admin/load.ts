import { Type, type Static } from '@sinclair/typebox';
import { defineRoute } from './route.js';

const Ms = Type.Union([Type.Number(), Type.Null()], { description: 'Milliseconds; null when nothing was measured' });

/** One `catnap load` report in the data folder, as the console's Load page lists it. */
export const LoadReportSummary = Type.Object({
  name: Type.String({ description: 'The report folder under <data>/load/' }),
  started_at: Type.String({ description: 'ISO time the run started' }),
  self_id: Type.Integer({ description: 'The (first) bot under test' }),
  self_ids: Type.Array(Type.Integer(), { description: 'Every bot under test: one, or several in the same groups' }),
  pattern: Type.String(),
  rate: Type.Number({ description: 'Messages per second asked for' }),
  ramp: Type.Boolean(),
  duration_s: Type.Number(),
  warm_up_s: Type.Number({ description: 'Seconds sent before measuring, counted in nothing else here (0 for none)' }),
  groups: Type.Integer(),
  users: Type.Integer(),
  sent: Type.Integer(),
  delivered_per_s: Type.Number(),
  lost: Type.Integer(),
  delivery_p99_ms: Ms,
  reply_p99_ms: Ms,
  reply_rate: Type.Union([Type.Number(), Type.Null()], { description: 'Answers / expected answers (0..1); null without --expect-reply' }),
  bot_error_rate: Type.Number(),
  limits_missed: Type.Union([Type.Array(Type.String()), Type.Null()], {
    description:
      'The limits the run missed, each as `--max-reply-p99 500 ms: 812 ms` (empty when it met them all); null when it was given none',
  }),
});
export type LoadReportSummary = Static<typeof LoadReportSummary>;

/** A report's folder name: letters, digits, dots, dashes and underscores, never a path. */
const ReportParams = Type.Object({ name: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$', maxLength: 200 }) });

/** A one-use ticket for viewing a report: 32 random bytes, base64url. */
const ViewParams = Type.Object({ ticket: Type.String({ pattern: '^[A-Za-z0-9_-]{43}$' }) });

const tag = 'load';

/**
 * The reports `catnap load` wrote into the data folder (`<data>/load/<name>/report.json` and
 * `report.html`), for the console's Load page.
 */
export const loadApi = {
  listLoadReports: defineRoute({
    method: 'GET',
    url: '/api/load/reports',
    summary: 'The load reports in the data folder (load/<name>/), newest first',
    tag,
    response: Type.Array(LoadReportSummary),
  }),
  getLoadReport: defineRoute({
    method: 'GET',
    url: '/api/load/reports/:name',
    summary: "One load report's self-contained page (report.html), served sandboxed: its scripts run without the console's origin",
    tag,
    params: ReportParams,
    response: Type.String(),
    mediaType: 'text/html; charset=utf-8',
  }),
  openLoadReportView: defineRoute({
    method: 'POST',
    url: '/api/load/reports/:name/view',
    summary:
      "A link to one load report's page that needs no token, for a frame or a new tab (which cannot send the Bearer header): " +
      'it works once, within a minute, so the token never rides in a URL',
    tag,
    params: ReportParams,
    response: Type.Object({
      url: Type.String({ description: 'The page, /api/load/views/<ticket>: served once, then gone' }),
      expires_in_ms: Type.Integer({ description: 'How long the link may wait to be opened' }),
    }),
    status: 201,
  }),
  viewLoadReport: defineRoute({
    method: 'GET',
    url: '/api/load/views/:ticket',
    summary: 'The report page a view link names (no token: the one-use ticket is the capability), sandboxed as GET /api/load/reports/:name',
    tag,
    public: true,
    params: ViewParams,
    response: Type.String(),
    mediaType: 'text/html; charset=utf-8',
  }),
};
