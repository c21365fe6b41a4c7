import { describe, expect, it } from 'vitest';
import { summaryTable, type LoadReport } from '../../src/app/load/load-report.js';
import { reportHtml } from '../../src/app/load/report-html.js';
import { writeSampleReport } from '../helpers/load-report.js';
import { tempDir } from '../helpers/spawn.js';

/** What the page's own script reads: the text of its `<script id="report">` element, as the HTML parser ends it. */
function embeddedJson(html: string): string {
  const start = html.indexOf('<script id="report" type="application/json">');
  const text = html.slice(start).replace(/^<script[^>]*>/, '');
  return text.slice(0, text.search(/<\/script/i));
}

describe('report.html', () => {
  it('embeds the report so that its script reads it back whole, whatever text it carries', async () => {
    const sample = await writeSampleReport(await tempDir(), 'r', '2026-12-01T10:00:00.000Z');
    // The command a run sent is the operator's text: markup in it must neither end the element
    // nor leave JSON the page cannot parse (its charts would not draw).
    const report: LoadReport = { ...sample, options: { ...sample.options, pattern: 'command:"</script><!--<script>x"' } };
    const html = await reportHtml(report, summaryTable(report));
    expect(JSON.parse(embeddedJson(html))).toEqual(report);
  });

  it('names every bot of a run with several, and gives each its line of the summary', async () => {
    const report = await writeSampleReport(await tempDir(), 'r', '2026-12-01T10:00:00.000Z', { selfIds: [10001, 10002] });
    const summary = summaryTable(report);
    // Each bot got all 50 messages and answered ten; the totals are of both.
    expect(summary).toMatch(/\| delivered to the bots +\| 100 /);
    expect(summary).toMatch(/\| bot 10001 +\| delivered 50, lost 0, p99 [\d.]+ ms; replies 10\/10, p99 [\d.]+ ms; backlog 0 B +\|/);
    expect(summary).toMatch(/\| bot 10002 +\| delivered 50, lost 0, p99 [\d.]+ ms; replies 10\/10, p99 [\d.]+ ms; backlog 0 B +\|/);
    const html = await reportHtml(report, summary);
    expect(html).toContain('<title>Catnap load report: bots 10001, 10002, 25/s, 2026-12-01T10:00:00.000Z</title>');
    expect(html).toContain('each bot watched on its own socket');
    // One bot: no line of its own (the totals are its own).
    const single = await writeSampleReport(await tempDir(), 'r', '2026-12-01T10:00:00.000Z');
    expect(summaryTable(single)).not.toMatch(/\| bot 10001/);
  });

  it('says that a run warmed up first, and what the warm-up sent, apart from the figures', async () => {
    const report = await writeSampleReport(await tempDir(), 'r', '2026-12-01T10:00:00.000Z', { warmUpS: 3 });
    const withWarmUp: LoadReport = { ...report, totals: { ...report.totals, warm_up: { sent: 75, send_errors: 2, lost: 1 } } };
    const summary = summaryTable(withWarmUp);
    // First, so that nothing below is read as including it.
    expect(summary.split('\n')[1]).toMatch(/^\| warm-up \(not counted\) +\| 3 s, 75 sent, 2 send errors, lost 1 +\|$/);
    expect(await reportHtml(withWarmUp, summary)).toContain('for 2 s after a warm-up of 3 s (not counted).');
    // Without one, neither says a word about it.
    const plain = await writeSampleReport(await tempDir(), 'r', '2026-12-01T10:00:00.000Z');
    expect(plain.totals.warm_up).toEqual({ sent: 0, send_errors: 0, lost: 0 });
    expect(summaryTable(plain)).not.toContain('warm-up');
    expect(await reportHtml(plain, summaryTable(plain))).not.toContain('warm-up');
  });
});
