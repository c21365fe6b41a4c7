import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openConsolePage } from '../helpers/browser.js';
import { startCatnap } from '../helpers/catnap.js';
import { writeSampleReport } from '../helpers/load-report.js';
import { smallWorld } from '../helpers/world.js';

/** The console's Load page in headless Chromium: the reports of the data folder, and one opened with its charts. */
let env: Awaited<ReturnType<typeof startCatnap>>;
let browser: Browser;
let page: Page;
let pageErrors: string[];

beforeAll(async () => {
  env = await startCatnap(smallWorld);
  browser = await launchBrowser();
  ({ page, pageErrors } = await openConsolePage(browser));
}, 60000);

afterAll(async () => {
  await browser?.close();
  await env?.catnap.stop();
});

describe('console Load page', () => {
  it('says how to make a report when there is none, then lists reports and shows one with both charts', async () => {
    await page.goto(`${env.catnap.webuiUrl}/load?token=admin-token`);
    await page.getByTestId('nav-load').waitFor();
    await page.getByTestId('load-empty').waitFor();

    await writeSampleReport(join(env.dataDir, 'load'), '2026-12-01T10-00-00Z', '2026-12-01T10:00:00.000Z');
    await writeSampleReport(join(env.dataDir, 'load'), '2026-12-02T10-00-00Z', '2026-12-02T10:00:00.000Z', 80);
    await page.getByTestId('load-reload').click();
    const rows = page.locator('[data-testid="load-reports"] tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.first().textContent()).toContain('mixed:/ping');

    // The newest opens first; choosing the other loads it in the frame, where its charts draw.
    await page.getByTestId('load-report-2026-12-01T10-00-00Z').click();
    const frame = page.frameLocator('[data-testid="load-report-frame"]');
    await frame.locator('#latency-over-time').waitFor();
    const frameHandle = await page.getByTestId('load-report-frame').elementHandle();
    const content = await frameHandle!.contentFrame();
    await expect
      .poll(() => content!.evaluate(() => Object.keys((globalThis as unknown as { charts?: object }).charts ?? {})))
      .toEqual(['latency', 'histogram', 'throughput']);
    expect(await frame.locator('#summary').textContent()).toContain('messages sent        | 50');
    const box = await frame.locator('#latency-histogram').boundingBox();
    expect(box!.height).toBeGreaterThan(100);
    // The frame was opened by a one-use view link: the token is in no URL it or its history has.
    const src = await page.getByTestId('load-report-frame').getAttribute('src');
    expect(src).toMatch(/^\/api\/load\/views\/[A-Za-z0-9_-]{43}$/);
    expect(content!.url()).not.toContain('admin-token');
    expect((await fetch(`${env.catnap.webuiUrl}${src}`)).status).toBe(404);

    // A new tab gets a link of its own, and shows the same charts.
    const [tab] = await Promise.all([page.context().waitForEvent('page'), page.getByTestId('load-report-tab').click()]);
    await tab.locator('#latency-over-time').waitFor();
    expect(tab.url()).toMatch(/\/api\/load\/views\/[A-Za-z0-9_-]{43}$/);
    expect(tab.url()).not.toBe(`${env.catnap.webuiUrl}${src}`);
    expect(pageErrors).toEqual([]);
  }, 60000);
});
