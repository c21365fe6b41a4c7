import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LoadReportSummary } from '../../contract/admin/load.js';
import { describeCheck } from './load-limits.js';
import type { LoadReport } from './load-report.js';

/** A report folder's name as the admin route accepts it: never a path, never hidden. */
const reportName = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * The load reports under `<data>/load/<name>/` (where `catnap load` writes by default), read for
 * the admin API: a folder without a readable `report.json` of a load run is not listed.
 */
export function loadReportStore(folder: string): { list(): Promise<LoadReportSummary[]>; html(name: string): Promise<string | undefined> } {
  return {
    async list() {
      const names = await readdir(folder).catch(() => [] as string[]);
      const summaries = await Promise.all(names.filter((name) => reportName.test(name)).map((name) => summaryOf(folder, name)));
      return summaries
        .filter((summary): summary is LoadReportSummary => summary !== undefined)
        .sort((a, b) => b.started_at.localeCompare(a.started_at) || a.name.localeCompare(b.name));
    },
    async html(name) {
      if (!reportName.test(name)) return undefined;
      return readFile(join(folder, name, 'report.html'), 'utf8').catch(() => undefined);
    },
  };
}

async function summaryOf(folder: string, name: string): Promise<LoadReportSummary | undefined> {
  let report: LoadReport;
  try {
    report = JSON.parse(await readFile(join(folder, name, 'report.json'), 'utf8')) as LoadReport;
  } catch {
    return undefined;
  }
  if (report.kind !== 'catnap-load-report') return undefined;
  return {
    name,
    started_at: report.started_at,
    self_id: report.options.self_id,
    self_ids: [...(report.options.self_ids ?? [report.options.self_id])],
    pattern: report.options.pattern,
    rate: report.options.rate,
    ramp: report.options.ramp,
    duration_s: report.options.duration_s,
    warm_up_s: report.options.warm_up_s ?? 0,
    groups: report.options.groups,
    users: report.options.users,
    sent: report.totals.sent,
    delivered_per_s: report.rates.delivered_per_s,
    lost: report.totals.lost,
    delivery_p99_ms: report.latency_ms.delivery?.p99 ?? null,
    reply_p99_ms: report.latency_ms.reply?.p99 ?? null,
    reply_rate: report.rates.reply_rate,
    bot_error_rate: report.rates.bot_error_rate,
    limits_missed: report.checks?.length ? report.checks.filter((check) => !check.passed).map(describeCheck) : null,
  };
}
