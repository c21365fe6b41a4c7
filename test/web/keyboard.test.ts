import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openConsolePage } from '../helpers/browser.js';
import { startCatnap } from '../helpers/catnap.js';
import { smallWorld } from '../helpers/world.js';

/** The console from the keyboard alone, in headless Chromium: switch account, open a chat, send. */
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

describe('console keyboard use', () => {
  it('switches account and opens a chat from the keyboard (focus, Enter)', async () => {
    await page.goto(`${env.catnap.webuiUrl}/chat?token=admin-token`);
    await page.locator('[data-testid="live-state"][data-state="open"]').waitFor();
    // The avatar at the top left is the account switcher: a button to the keyboard.
    await page.getByRole('button', { name: /Switch account/ }).focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('account-picker').waitFor();
    await page.getByTestId('act-as-20002').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('account-picker').waitFor({ state: 'detached' });

    await page.getByTestId('tab-contacts').click();
    const lounge = page.getByTestId('contact-g-30001');
    expect(await lounge.getAttribute('role')).toBe('button');
    await lounge.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('conversation-title').innerText()).toBe('Lounge');
    await page.getByTestId('composer-input').focus();
    await page.keyboard.type('typed only');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="message"].own', { hasText: 'typed only' }).waitFor();
    expect(pageErrors).toEqual([]);
  }, 60000);
});
