import { Type, type Static } from '@sinclair/typebox';
import { defineRoute } from './route.js';

const Ms = Type.Union([Type.Number(), Type.Null()], { description: 'Milliseconds; null when nothing was measured' });

/** One `catnap load` report in the data folder, as the console's Load page lists it. */
export const LoadReportSummary = Type.Object({
  name: Type.String({ description: 'The report folder under <data>/load/' }),
  started_at: Type.String({ description: 'ISO time the run started' }),
  self_id: Type.Integer({ description: 'The bot under test' }),
  pattern: Type.String(),
  rate: Type.Number({ description: 'Messages per second asked for' }),
  ramp: Type.Boolean(),
  duration_s: Type.Number(),
  groups: Type.Integer(),
  users: Type.Integer(),
  sent: Type.Integer(),
  delivered_per_s: Type.Number(),
  lost: Type.Integer(),
  delivery_p99_ms: Ms,
  reply_p99_ms: Ms,
  reply_rate: Type.Union([Type.Number(), Type.Null()], { description: 'Answers / expected answers (0..1); null without --expect-reply' }),
  bot_error_rate: Type.Number(),
});
export type LoadReportSummary = Static<typeof LoadReportSummary>;

/** A report's folder name: letters, digits, dots, dashes and underscores, never a path. */
const ReportParams = Type.Object({ name: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$', maxLength: 200 }) });

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
};
