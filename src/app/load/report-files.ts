import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { summaryTable, type LoadReport } from './load-report.js';
import { reportHtml } from './report-html.js';

/** A report's folder name: its start time, sortable and safe in a path (`2026-12-03T08-15-00Z`). */
export function reportName(startedAt: string): string {
  return startedAt.replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');
}

/** Writes `report.json` and `report.html` into `dir` (created); answers the two paths. */
export async function writeReport(dir: string, report: LoadReport): Promise<{ json: string; html: string }> {
  const folder = resolve(dir);
  await mkdir(folder, { recursive: true });
  const json = join(folder, 'report.json');
  const html = join(folder, 'report.html');
  await writeFile(json, `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(html, await reportHtml(report, summaryTable(report)));
  return { json, html };
}
