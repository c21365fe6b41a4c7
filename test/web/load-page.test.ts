import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useConsoleSession } from '../helpers/console-session.js';
import { writeSampleReport } from '../helpers/load-report.js';
import { smallWorld } from '../helpers/world.js';

/** The console's Load page in headless Chromium: the reports of the data folder, and one opened with its charts. */
const session = useConsoleSession(smallWorld);

describe('console Load page', () => {
  it('says how to make a report when there is none, then lists reports and shows one with both charts', async () => {
    await session.page.goto(`${session.env.catnap.webuiUrl}/load?token=admin-token`);
    await session.page.getByTestId('nav-load').waitFor();
    await session.page.getByTestId('load-empty').waitFor();

    await writeSampleReport(join(session.env.dataDir, 'load'), '2026-12-01T10-00-00Z', '2026-12-01T10:00:00.000Z');
    // The newer run had two bots in its groups.
    await writeSampleReport(
      join(session.env.dataDir, 'load'),
      '2026-12-02T10-00-00Z',
      '2026-12-02T10:00:00.000Z',
      // Given limits: its answers took longer than 1 ms, and it lost nothing. It warmed up for 3 s.
      { messages: 80, selfIds: [10001, 10002], limits: { maxReplyP99Ms: 1, maxLost: 0 }, warmUpS: 3 },
    );
    await session.page.getByTestId('load-reload').click();
    const rows = session.page.locator('[data-testid="load-reports"] tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.first().textContent()).toContain('mixed:/ping');
    expect(await rows.first().locator('td').nth(2).textContent()).toBe('25/s × 2 s after 3 s warm-up, mixed:/ping, 3 groups');
    expect(await rows.last().locator('td').nth(2).textContent()).toBe('25/s × 2 s, mixed:/ping, 3 groups');
    expect(await rows.first().locator('td').nth(1).textContent()).toBe('10001, 10002');
    expect(await rows.last().locator('td').nth(1).textContent()).toBe('10001');
    // Whether each run met its limits: the missed ones are named on hover; a run without limits has none.
    const limits = rows.first().locator('td').nth(8);
    expect(await limits.textContent()).toBe('1 missed');
    expect(await limits.getAttribute('title')).toMatch(/^--max-reply-p99 1 ms: [\d.]+ ms$/);
    expect(await rows.last().locator('td').nth(8).textContent()).toBe('–');

    // The newest opens first; choosing the other loads it in the frame, where its charts draw.
    await session.page.getByTestId('load-report-2026-12-01T10-00-00Z').click();
    const frame = session.page.frameLocator('[data-testid="load-report-frame"]');
    await frame.locator('#latency-over-time').waitFor();
    const frameHandle = await session.page.getByTestId('load-report-frame').elementHandle();
    const content = await frameHandle!.contentFrame();
    await expect
      .poll(() => content!.evaluate(() => Object.keys((globalThis as unknown as { charts?: object }).charts ?? {})))
      .toEqual(['latency', 'histogram', 'throughput']);
    expect(await frame.locator('#summary').textContent()).toContain('messages sent        | 50');
    const box = await frame.locator('#latency-histogram').boundingBox();
    expect(box!.height).toBeGreaterThan(100);
    // The frame was opened by a one-use view link: the token is in no URL it or its history has.
    const src = await session.page.getByTestId('load-report-frame').getAttribute('src');
    expect(src).toMatch(/^\/api\/load\/views\/[A-Za-z0-9_-]{43}$/);
    expect(content!.url()).not.toContain('admin-token');
    expect((await fetch(`${session.env.catnap.webuiUrl}${src}`)).status).toBe(404);

    // A new tab gets a link of its own, and shows the same charts.
    const [tab] = await Promise.all([session.page.context().waitForEvent('page'), session.page.getByTestId('load-report-tab').click()]);
    await tab.locator('#latency-over-time').waitFor();
    expect(tab.url()).toMatch(/\/api\/load\/views\/[A-Za-z0-9_-]{43}$/);
    expect(tab.url()).not.toBe(`${session.env.catnap.webuiUrl}${src}`);
    expect(session.pageErrors).toEqual([]);
  }, 60000);

  it('draws curves through the measured points and nowhere beyond them', async () => {
    // A rate that peaks and falls: a spline with tension drew it past the peak (10,250 sent/s in a
    // second that sent 9,998), values nobody measured. Each point's Bézier control points must stay
    // within the values of it and its neighbours.
    await writeSampleReport(join(session.env.dataDir, 'load'), '2026-12-03T10-00-00Z', '2026-12-03T10:00:00.000Z', {
      messages: 0,
      perSecond: [20, 40, 20, 30, 30],
    });
    await session.page.goto(`${session.env.catnap.webuiUrl}/load?token=admin-token`);
    await session.page.getByTestId('load-report-2026-12-03T10-00-00Z').click();
    const frame = session.page.frameLocator('[data-testid="load-report-frame"]');
    await frame.locator('#throughput').waitFor();
    const content = await (await session.page.getByTestId('load-report-frame').elementHandle())!.contentFrame();
    await expect
      .poll(() => content!.evaluate(() => Object.keys((globalThis as unknown as { charts?: object }).charts ?? {}).length))
      .toBe(3);
    expect(await frame.locator('#summary').textContent()).toContain('messages sent        | 140');
    const overshoots = await content!.evaluate(() => {
      type Point = { x: number; y: number; skip?: boolean; cp1y?: number; cp2y?: number };
      type LineChart = { data: { datasets: { label: string }[] }; getDatasetMeta(index: number): { data: Point[] } };
      const charts = (globalThis as unknown as { charts: Record<string, LineChart> }).charts;
      const found: string[] = [];
      for (const name of ['latency', 'throughput']) {
        const chart = charts[name]!;
        chart.data.datasets.forEach((dataset, index) => {
          const points = chart.getDatasetMeta(index).data;
          points.forEach((point, at) => {
            if (point.skip) return;
            const ys = [points[at - 1], point, points[at + 1]].filter((near) => near && !near.skip).map((near) => near!.y);
            const [low, high] = [Math.min(...ys) - 0.5, Math.max(...ys) + 0.5];
            for (const y of [point.cp1y, point.cp2y])
              if (y !== undefined && (y < low || y > high)) found.push(`${name}: ${dataset.label} at ${at}`);
          });
        });
      }
      return found;
    });
    expect(overshoots).toEqual([]);
    expect(session.pageErrors).toEqual([]);
  }, 60000);
});
