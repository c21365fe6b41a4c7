import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openConsolePage } from '../helpers/browser.js';
import { startCatnap } from '../helpers/catnap.js';
import { smallWorld } from '../helpers/world.js';

/**
 * The console's test bench in headless Chromium: the World page's snapshots (save, restore,
 * delete, reset to start) and clock (freeze, advance, set), and the Timeline (the transcript live,
 * with marks).
 */
const start = Date.parse('2026-01-01T00:00:00Z');
let env: Awaited<ReturnType<typeof startCatnap>>;
let browser: Browser;
let page: Page;
let pageErrors: string[];

beforeAll(async () => {
  env = await startCatnap(smallWorld, { catnap: { clockStart: { atMs: start, frozen: true }, seed: 1 } });
  browser = await launchBrowser();
  ({ page, pageErrors } = await openConsolePage(browser));
}, 60000);

afterAll(async () => {
  await browser?.close();
  await env?.catnap.stop();
});

const nickname = async (userId: number) => (await env.admin('GET', `/api/world/accounts/${userId}`)).json.nickname as string;
const rename = (userId: number, name: string) => env.admin('PATCH', `/api/world/accounts/${userId}`, { nickname: name });
const snapshotNames = async () =>
  ((await env.admin('GET', '/api/world/snapshots')).json.snapshots as { name: string }[]).map((s) => s.name);
const clockNow = () => page.getByTestId('clock-now').getAttribute('data-now-ms').then(Number);

describe('console World page: snapshots and clock', () => {
  it('saves a snapshot, restores it, deletes it, and resets to start', async () => {
    await page.goto(`${env.catnap.webuiUrl}/world?token=admin-token`);
    await page.locator('[data-testid="live-state"][data-state="open"]').waitFor();
    await page.getByTestId('snapshot-start').waitFor();
    const original = await nickname(20001);

    await page.getByTestId('snapshot-name').fill('before-rename');
    await page.getByTestId('snapshot-save').click();
    await page.getByTestId('snapshot-before-rename').waitFor();
    expect(await snapshotNames()).toContain('before-rename');

    const shownName = () => page.getByTestId('account-nickname-20001').inputValue();
    await rename(20001, 'Renamed');
    await expect.poll(shownName).toBe('Renamed');
    await page.getByTestId('snapshot-restore-before-rename').click();
    await expect.poll(() => nickname(20001)).toBe(original);
    // The world shown follows the restore.
    await expect.poll(shownName).toBe(original);

    await page.getByTestId('snapshot-delete-before-rename').click();
    await page.getByTestId('snapshot-before-rename').waitFor({ state: 'detached' });
    expect(await snapshotNames()).not.toContain('before-rename');
    // `start` is what reset restores: it cannot be deleted from here.
    expect(await page.getByTestId('snapshot-delete-start').count()).toBe(0);

    await rename(20001, 'Renamed again');
    await expect.poll(shownName).toBe('Renamed again');
    await page.getByTestId('world-reset').click();
    await expect.poll(() => nickname(20001)).toBe(original);
    await expect.poll(shownName).toBe(original);
  }, 60000);

  it('takes the open chat back with a restore: messages sent after the snapshot leave it', async () => {
    await page.goto(`${env.catnap.webuiUrl}/chat/g/30001`);
    await page.locator('[data-testid="live-state"][data-state="open"]').waitFor();
    const message = (text: string) => page.locator('[data-testid="message"]', { hasText: text });
    // Retried until the page shows it: the conversation may still be loading when the first is sent.
    await expect
      .poll(
        async () => {
          await env.admin('POST', '/api/world/act/20002/send_group_msg', { group_id: 30001, message: 'before the snapshot' });
          return message('before the snapshot').count();
        },
        { timeout: 20000, interval: 1000 },
      )
      .toBeGreaterThan(0);
    await env.admin('POST', '/api/world/snapshots', { name: 'chat-before' });
    await env.admin('POST', '/api/world/act/20002/send_group_msg', { group_id: 30001, message: 'after the snapshot' });
    await message('after the snapshot').waitFor();
    await env.admin('POST', '/api/world/snapshots/chat-before/restore');
    await message('after the snapshot').waitFor({ state: 'detached' });
    // The chat clears and loads the restored history again: wait for it rather than count at once.
    await message('before the snapshot').first().waitFor();
    expect(await message('before the snapshot').count()).toBeGreaterThan(0);
    await env.admin('DELETE', '/api/world/snapshots/chat-before');
    await env.admin('POST', '/api/world/reset');
    await page.goto(`${env.catnap.webuiUrl}/world`);
    await page.getByTestId('clock-card').waitFor();
  }, 60000);

  it('shows the frozen clock, advances it by 90s, 10m and 1d, sets it, and unfreezes it', async () => {
    await expect.poll(clockNow).toBe(start);
    expect(await page.getByTestId('clock-now').getAttribute('data-frozen')).toBe('true');
    expect(await page.getByTestId('clock-state').innerText()).toContain('frozen');

    await page.getByTestId('clock-advance-90s').click();
    await expect.poll(clockNow).toBe(start + 90_000);
    await page.getByTestId('clock-advance-10m').click();
    await expect.poll(clockNow).toBe(start + 90_000 + 600_000);
    await page.getByTestId('clock-advance-1d').click();
    await expect.poll(clockNow).toBe(start + 90_000 + 600_000 + 86_400_000);
    expect((await env.admin('GET', '/api/clock')).json.now_ms).toBe(start + 90_000 + 600_000 + 86_400_000);

    // A typed duration, then a set time (ISO 8601 and unix seconds).
    await page.getByTestId('clock-advance-by').fill('45m');
    await page.getByTestId('clock-advance').click();
    await expect.poll(clockNow).toBe(start + 90_000 + 600_000 + 86_400_000 + 2_700_000);
    await page.getByTestId('clock-set-to').fill('2026-06-01T08:00:00+08:00');
    await page.getByTestId('clock-set').click();
    await expect.poll(clockNow).toBe(Date.parse('2026-06-01T00:00:00Z'));
    await page.getByTestId('clock-set-to').fill('1800000000');
    await page.getByTestId('clock-set').click();
    await expect.poll(clockNow).toBe(1_800_000_000_000);

    // A clock moved elsewhere (a test, another console) shows here too.
    await env.admin('POST', '/api/clock', { advance: '1h' });
    await expect.poll(clockNow).toBe(1_800_003_600_000);

    // A bad time is refused with the server's reason, and the clock stays.
    await page.getByTestId('clock-set-to').fill('not a time');
    await page.getByTestId('clock-set').click();
    await page.locator('.toast-error').waitFor();
    expect((await env.admin('GET', '/api/clock')).json.now_ms).toBe(1_800_003_600_000);

    await page.getByTestId('clock-freeze').click();
    await expect.poll(() => page.getByTestId('clock-now').getAttribute('data-frozen')).toBe('false');
    expect((await env.admin('GET', '/api/clock')).json.frozen).toBe(false);
    await page.getByTestId('clock-freeze').click();
    await expect.poll(() => page.getByTestId('clock-now').getAttribute('data-frozen')).toBe('true');
    expect((await env.admin('GET', '/api/clock')).json.frozen).toBe(true);
    expect(pageErrors).toEqual([]);
  }, 60000);
});

describe('console Timeline', () => {
  it('shows the transcript live, with marks added from the page and by tests', async () => {
    await page.getByTestId('nav-timeline').click();
    await page.getByTestId('timeline-page').waitFor();
    // What happened before the page opened is there: the clock jumps of the test above.
    await page.locator('[data-testid="timeline-entry"][data-kind="clock"]').first().waitFor();

    await page.getByTestId('mark-name').fill('before ping');
    await page.getByTestId('mark-add').click();
    const mark = page.locator('[data-testid="timeline-mark"]', { hasText: 'before ping' });
    await mark.waitFor();
    const seq = Number(await mark.getAttribute('data-seq'));
    const { entries } = (await env.admin('GET', `/api/world/transcript?since=${seq - 1}`)).json;
    expect(entries[0]).toMatchObject({ seq, kind: 'mark', name: 'before ping' });

    // A message and a bot's call arrive live, after the mark.
    await env.admin('POST', '/api/world/act/20001/send_group_msg', { group_id: 30001, message: 'ping from a test' });
    const message = page.locator('[data-testid="timeline-entry"][data-kind="message"]', { hasText: 'ping from a test' });
    await message.waitFor();
    expect(Number(await message.getAttribute('data-seq'))).toBeGreaterThan(seq);
    await page.locator('[data-testid="timeline-entry"][data-kind="call"]', { hasText: 'send_group_msg' }).last().waitFor();

    // A mark a test makes shows too, as does a restore.
    await env.admin('POST', '/api/world/marks', { name: 'from a test' });
    await page.locator('[data-testid="timeline-mark"]', { hasText: 'from a test' }).waitFor();
    await env.admin('POST', '/api/world/reset');
    await page.locator('[data-testid="timeline-entry"][data-kind="restore"]', { hasText: 'start' }).last().waitFor();

    // Filtering by kind keeps the marks as dividers.
    await page.getByTestId('timeline-kind').selectOption('message');
    await expect.poll(() => page.locator('[data-testid="timeline-entry"][data-kind="call"]').count()).toBe(0);
    expect(await page.locator('[data-testid="timeline-entry"][data-kind="message"]').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="timeline-mark"]').count()).toBe(2);
    expect(pageErrors).toEqual([]);
  }, 60000);
});
