import { useState } from 'react';
import type { LoadReportSummary } from '@contract';
import { api, savedToken } from '../api/client';
import { useLoad } from '../api/world-data';
import { Icon } from '../ui/icons';

const ms = (value: number | null) => (value === null ? '–' : `${value} ms`);
const percent = (value: number | null) => (value === null ? '–' : `${Math.round(value * 1000) / 10}%`);

/** The report page's address: an iframe cannot send the Bearer header, so the token rides in the query. */
function reportUrl(name: string): string {
  return `/api/load/reports/${encodeURIComponent(name)}?token=${encodeURIComponent(savedToken())}`;
}

/**
 * The reports `catnap load` wrote into the data folder (`<data>/load/<name>/`): a table of runs,
 * and the chosen report's own page (its charts) in a sandboxed frame below it.
 */
export function LoadPage() {
  const reports = useLoad(() => api('GET /api/load/reports'), []);
  const [open, setOpen] = useState<string | undefined>();
  const list = reports.data ?? [];
  const shown = open ?? list[0]?.name;
  return (
    <div className="manage-page" data-testid="load-page">
      <h2>压测 · Load reports</h2>
      <section className="card">
        <div className="card-head">
          <h3>Runs of catnap load</h3>
          <button onClick={reports.reload} title="Reload the list" data-testid="load-reload">
            <Icon name="recall" size={16} /> Reload
          </button>
        </div>
        {reports.error && <div className="page-error">{reports.error}</div>}
        {!reports.loading && list.length === 0 && !reports.error && (
          <p className="muted" data-testid="load-empty">
            No reports yet. Run <code>catnap load --self-id &lt;bot&gt; ...</code> against this Catnap: reports written to its data
            folder&apos;s <code>load/</code> appear here (see docs/load-testing.md).
          </p>
        )}
        {list.length > 0 && <ReportTable reports={list} shown={shown} onOpen={setOpen} />}
      </section>
      {shown && (
        <section className="card load-report">
          <div className="card-head">
            <h3>{shown}</h3>
            <a href={reportUrl(shown)} target="_blank" rel="noreferrer">
              Open in a new tab
            </a>
          </div>
          <iframe
            key={shown}
            title={`Load report ${shown}`}
            src={reportUrl(shown)}
            sandbox="allow-scripts"
            data-testid="load-report-frame"
          />
        </section>
      )}
    </div>
  );
}

function ReportTable(props: { reports: readonly LoadReportSummary[]; shown: string | undefined; onOpen: (name: string) => void }) {
  return (
    <table className="table" data-testid="load-reports">
      <thead>
        <tr>
          <th>Started</th>
          <th>Bot</th>
          <th>Load</th>
          <th>Delivered</th>
          <th>Delivery p99</th>
          <th>Replies</th>
          <th>Reply p99</th>
          <th>Bot errors</th>
        </tr>
      </thead>
      <tbody>
        {props.reports.map((report) => (
          <tr
            key={report.name}
            className={`clickable${report.name === props.shown ? ' selected' : ''}`}
            onClick={() => props.onOpen(report.name)}
            data-testid={`load-report-${report.name}`}
          >
            <td>{new Date(report.started_at).toLocaleString()}</td>
            <td>{report.self_id}</td>
            <td>
              {report.ramp ? 'ramp to ' : ''}
              {report.rate}/s × {report.duration_s} s, {report.pattern}, {report.groups} groups
            </td>
            <td>
              {report.delivered_per_s}/s{report.lost > 0 ? `, ${report.lost} lost` : ''}
            </td>
            <td>{ms(report.delivery_p99_ms)}</td>
            <td>{percent(report.reply_rate)}</td>
            <td>{ms(report.reply_p99_ms)}</td>
            <td>{percent(report.bot_error_rate)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
