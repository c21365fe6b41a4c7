import { useState } from 'react';
import type { LoadReportSummary } from '@contract';
import { api } from '../api/client';
import { useLoad } from '../api/world-data';
import { Icon } from '../ui/icons';

const ms = (value: number | null) => (value === null ? '–' : `${value} ms`);
const percent = (value: number | null) => (value === null ? '–' : `${Math.round(value * 1000) / 10}%`);

/**
 * A link to a report's page for a frame or a new tab. Neither can send the Bearer header, and a
 * token in their URL would stay in the browser's history, in logs and in proxies: the server
 * makes a link that opens the page once, within a minute, and needs no token.
 */
const viewLink = async (name: string) => (await api('POST /api/load/reports/:name/view', { params: { name } })).url;

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
      {shown && <ReportFrame key={shown} name={shown} />}
    </div>
  );
}

/** The chosen report's own page (its charts) in a sandboxed frame, opened by a view link of its own. */
function ReportFrame({ name }: { name: string }) {
  const frame = useLoad(() => viewLink(name), [name]);
  const [tabError, setTabError] = useState('');
  // Each tab needs a link of its own: the frame's was used up when the frame opened it.
  const openInTab = () =>
    viewLink(name).then(
      (url) => window.open(url, '_blank', 'noopener,noreferrer'),
      (error: unknown) => setTabError(error instanceof Error ? error.message : String(error)),
    );
  return (
    <section className="card load-report">
      <div className="card-head">
        <h3>{name}</h3>
        <button onClick={openInTab} data-testid="load-report-tab">
          Open in a new tab
        </button>
      </div>
      {(frame.error || tabError) && <div className="page-error">{frame.error || tabError}</div>}
      {frame.data && <iframe title={`Load report ${name}`} src={frame.data} sandbox="allow-scripts" data-testid="load-report-frame" />}
    </section>
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
          <th>Limits</th>
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
            <td>{report.self_ids.join(', ')}</td>
            <td>
              {report.ramp ? 'ramp to ' : ''}
              {report.rate}/s × {report.duration_s} s{report.warm_up_s > 0 ? ` after ${report.warm_up_s} s warm-up` : ''}, {report.pattern},{' '}
              {report.groups} groups
            </td>
            <td>
              {report.delivered_per_s}/s{report.lost > 0 ? `, ${report.lost} lost` : ''}
            </td>
            <td>{ms(report.delivery_p99_ms)}</td>
            <td>{percent(report.reply_rate)}</td>
            <td>{ms(report.reply_p99_ms)}</td>
            <td>{percent(report.bot_error_rate)}</td>
            <Limits missed={report.limits_missed} />
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Whether the run met the limits it was given (`catnap load --max-reply-p99` and the others); the missed ones on hover. */
function Limits(props: { missed: readonly string[] | null }) {
  if (props.missed === null) return <td>–</td>;
  if (props.missed.length === 0) return <td>met</td>;
  return (
    <td className="load-limits-missed" title={props.missed.join('\n')}>
      {props.missed.length} missed
    </td>
  );
}
