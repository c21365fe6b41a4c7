import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCatnap } from '../helpers/catnap.js';
import { writeSampleReport } from '../helpers/load-report.js';
import { smallWorld } from '../helpers/world.js';
import { ReportTickets, reportTicketTtlMs } from '../../src/admin/routes/report-tickets.js';

let env: Awaited<ReturnType<typeof startCatnap>>;
beforeAll(async () => {
  env = await startCatnap(smallWorld);
  const folder = join(env.dataDir, 'load');
  // The older one as a run wrote it before a run could watch several bots: no self_ids, no bots.
  const older = await writeSampleReport(folder, 'older', '2026-12-01T10:00:00.000Z');
  const { self_ids: _ids, warm_up_s: _warmUp, ...options } = older.options;
  const { bots: _bots, ...before } = older;
  await writeFile(join(folder, 'older', 'report.json'), JSON.stringify({ ...before, options }));
  // The newer run was given limits: its answers took longer than 1 ms, and it lost nothing.
  await writeSampleReport(folder, 'newer', '2026-12-02T10:00:00.000Z', { limits: { maxReplyP99Ms: 1, maxLost: 0 }, warmUpS: 3 });
  // Not reports: a folder without report.json, one with another kind of JSON, a stray file.
  await mkdir(join(folder, 'empty'), { recursive: true });
  await mkdir(join(folder, 'other'), { recursive: true });
  await writeFile(join(folder, 'other', 'report.json'), '{"kind":"something-else"}');
  await writeFile(join(folder, 'notes.txt'), 'hello');
});
afterAll(async () => env.catnap.stop());

describe('load report routes', () => {
  it('lists the reports of the data folder, newest first, with their figures', async () => {
    const { status, json } = await env.admin('GET', '/api/load/reports');
    expect(status).toBe(200);
    expect(json.map((report: { name: string }) => report.name)).toEqual(['newer', 'older']);
    expect(json[0]).toMatchObject({
      self_id: 10001,
      self_ids: [10001],
      pattern: 'mixed:/ping',
      rate: 25,
      sent: 50,
      lost: 0,
      reply_rate: 1,
      warm_up_s: 3,
    });
    expect(json[0].delivery_p99_ms).toBeGreaterThan(0);
    expect(json[0].limits_missed).toEqual([`--max-reply-p99 1 ms: ${json[0].reply_p99_ms} ms`]);
    // Written before runs took limits (and before several bots): no limits to have missed.
    // (and before a warm-up): none.
    expect(json[1]).toMatchObject({ self_id: 10001, self_ids: [10001], limits_missed: null, warm_up_s: 0 });
  });

  it('serves a report page sandboxed to a caller with the token', async () => {
    const response = await fetch(`${env.catnap.webuiUrl}/api/load/reports/newer`, { headers: { authorization: 'Bearer admin-token' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(response.headers.get('content-security-policy')).toContain('sandbox allow-scripts');
    const html = await response.text();
    expect(html).toContain('<canvas id="latency-histogram">');
    expect(html).toContain('Chart.js');
  });

  it('gives a frame a view link without the token that opens the page once', async () => {
    const { status, json } = await env.admin('POST', '/api/load/reports/older/view');
    expect(status).toBe(201);
    expect(json.url).toMatch(/^\/api\/load\/views\/[A-Za-z0-9_-]{43}$/);
    expect(json.url).not.toContain('admin-token');
    expect(json.expires_in_ms).toBe(60_000);
    const page = await fetch(`${env.catnap.webuiUrl}${json.url}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain('sandbox allow-scripts');
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(await page.text()).toContain('<canvas id="latency-histogram">');
    // Spent: found later in a history or a log, the link opens nothing.
    const again = await fetch(`${env.catnap.webuiUrl}${json.url}`);
    expect(again.status).toBe(404);
    expect(((await again.json()) as any).error.code).toBe('NOT_FOUND');
    expect((await fetch(`${env.catnap.webuiUrl}/api/load/views/${'A'.repeat(43)}`)).status).toBe(404);
    expect((await fetch(`${env.catnap.webuiUrl}/api/load/views/short`)).status).toBe(400);
    // Only the token makes links, and only to reports that exist.
    expect((await fetch(`${env.catnap.webuiUrl}/api/load/reports/older/view`, { method: 'POST' })).status).toBe(401);
    expect((await env.admin('POST', '/api/load/reports/missing/view')).status).toBe(404);
  });

  it('refuses names that are not report folders, and needs the token', async () => {
    expect((await env.admin('GET', '/api/load/reports/missing')).status).toBe(404);
    expect((await env.admin('GET', '/api/load/reports/empty')).status).toBe(404);
    expect((await env.admin('GET', '/api/load/reports/..%2Fconfig')).status).toBe(400);
    expect((await env.admin('GET', '/api/load/reports/.hidden')).status).toBe(400);
    expect((await fetch(`${env.catnap.webuiUrl}/api/load/reports/newer`)).status).toBe(401);
    expect((await fetch(`${env.catnap.webuiUrl}/api/load/reports`)).status).toBe(401);
  });
});

describe('report view tickets', () => {
  it('open their report once, and nothing after a minute', () => {
    let now = 1_000;
    const tickets = new ReportTickets(() => now);
    const first = tickets.issue('a');
    const second = tickets.issue('b');
    expect(first).not.toBe(second);
    expect(tickets.redeem(first)).toBe('a');
    expect(tickets.redeem(first)).toBeUndefined();
    now += reportTicketTtlMs;
    expect(tickets.redeem(second)).toBeUndefined();
  });
});
