import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { LoadReport } from './load-report.js';

/** Chart.js's minified browser build, read from the installed package, to inline in the page. */
async function chartJs(): Promise<string> {
  const main = createRequire(import.meta.url).resolve('chart.js');
  return readFile(join(dirname(main), 'chart.umd.min.js'), 'utf8');
}

/** JavaScript placed inside a <script> element: a `</script` or `<!--` in it must not end or bend the element. */
function scriptSafe(text: string): string {
  return text.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

/**
 * JSON placed inside a <script> element: every `<` written as `\u003c`, which JSON.parse reads
 * back as `<`, so no text in the report can end or bend the element (scriptSafe's `<\!--` is
 * JavaScript only: JSON.parse refuses it).
 */
const jsonInScript = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * `report.html`: one self-contained page (Chart.js inlined, no network) with the summary, the
 * latency over time (p50 and p99 per second of sending, delivery and replies) and the latency
 * histograms. The report's JSON rides in the page, so the page is all one needs to share.
 */
export async function reportHtml(report: LoadReport, summary: string): Promise<string> {
  const bots = report.options.self_ids ?? [report.options.self_id];
  const title = `Catnap load report: ${bots.length === 1 ? 'bot' : 'bots'} ${bots.join(', ')}, ${report.options.rate}/s, ${report.started_at}`;
  const watched =
    bots.length === 1
      ? `watched on ${escapeHtml(report.watched_socket.adapter)} (${escapeHtml(report.watched_socket.url)})`
      : 'each bot watched on its own socket (a line for each at the end of the summary)';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
  body { font: 14px/1.45 system-ui, sans-serif; margin: 24px auto; max-width: 1100px; padding: 0 16px; color: #1d2330; }
  h1 { font-size: 20px; } h2 { font-size: 16px; margin-top: 28px; }
  pre { background: #f4f6fa; padding: 12px; overflow-x: auto; border-radius: 6px; }
  .charts { display: grid; grid-template-columns: 1fr; gap: 24px; }
  .chart { position: relative; height: 320px; }
  .muted { color: #5b6475; }
</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p class="muted">Target ${escapeHtml(report.target)}, ${watched}.
Pattern ${escapeHtml(report.options.pattern)}, ${report.options.groups} groups, ${report.options.users} people,
${report.options.ramp ? 'ramping to' : 'steady at'} ${report.options.rate} messages/s for ${report.options.duration_s} s${
    report.options.warm_up_s ? ` after a warm-up of ${report.options.warm_up_s} s (not counted)` : ''
  }.</p>
<h2>Summary</h2>
<pre id="summary">${escapeHtml(summary)}</pre>
<div class="charts">
  <section><h2>Latency over time (by the second a message was sent)</h2><div class="chart"><canvas id="latency-over-time"></canvas></div></section>
  <section><h2>Latency histogram</h2><div class="chart"><canvas id="latency-histogram"></canvas></div></section>
  <section><h2>Throughput</h2><div class="chart"><canvas id="throughput"></canvas></div></section>
</div>
<script>${scriptSafe(await chartJs())}</script>
<script id="report" type="application/json">${jsonInScript(report)}</script>
<script>${scriptSafe(pageScript)}</script>
</body>
</html>
`;
}

/** Draws the charts from the embedded report. Plain browser JavaScript. */
const pageScript = `
const report = JSON.parse(document.getElementById('report').textContent);
const seconds = report.timeline.map((p) => p.t + 's');
const series = (key) => report.timeline.map((p) => p[key]);
const colours = { d50: '#2f6fde', d99: '#9bb8f0', r50: '#d9622b', r99: '#f0b48f' };
// Monotone curves: a spline with tension overshoots around a peak or a drop, drawing values
// (10,250 sent/s in a second that sent 9,998) that were never measured.
const line = (label, data, colour) => ({ label, data, borderColor: colour, backgroundColor: colour, spanGaps: true, pointRadius: 0, cubicInterpolationMode: 'monotone' });
const latencySets = [line('delivery p50', series('delivery_p50'), colours.d50), line('delivery p99', series('delivery_p99'), colours.d99)];
if (report.options.expect_reply) latencySets.push(line('reply p50', series('reply_p50'), colours.r50), line('reply p99', series('reply_p99'), colours.r99));
window.charts = {};
window.charts.latency = new Chart(document.getElementById('latency-over-time'), {
  type: 'line',
  data: { labels: seconds, datasets: latencySets },
  options: { animation: false, maintainAspectRatio: false, scales: { y: { type: 'logarithmic', title: { display: true, text: 'ms' } } } },
});
const edges = report.histogram_ms.delivery.edges;
const bucketLabel = (i) => (i + 1 < edges.length ? edges[i] + '–' + edges[i + 1] : '≥ ' + edges[i]) + ' ms';
const histogramSets = [{ label: 'delivery', data: report.histogram_ms.delivery.counts, backgroundColor: colours.d50 }];
if (report.options.expect_reply) histogramSets.push({ label: 'reply', data: report.histogram_ms.reply.counts, backgroundColor: colours.r50 });
window.charts.histogram = new Chart(document.getElementById('latency-histogram'), {
  type: 'bar',
  data: { labels: edges.map((_, i) => bucketLabel(i)), datasets: histogramSets },
  options: { animation: false, maintainAspectRatio: false, scales: { y: { title: { display: true, text: 'messages' } } } },
});
window.charts.throughput = new Chart(document.getElementById('throughput'), {
  type: 'line',
  data: { labels: seconds, datasets: [
    line('sent/s', series('sent'), '#6b7a90'),
    line('delivered/s', series('delivered'), colours.d50),
    line('bot calls/s', series('bot_calls'), colours.r50),
    line('bot errors/s', series('bot_errors'), '#c62828'),
  ] },
  options: { animation: false, maintainAspectRatio: false },
});
`;
