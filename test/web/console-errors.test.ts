import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openConsolePage } from '../helpers/browser.js';
import { startCatnap } from '../helpers/catnap.js';
import { smallWorld } from '../helpers/world.js';

/**
 * How the console reports what the admin API refuses, in headless Chromium: a refusal of the
 * world (403 PERMISSION_DENIED, 409 ALREADY_EXISTS) is shown with its status and reason and
 * leaves the typed input in place, and only a refused token sends the page back to the login.
 */
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

describe('console errors', () => {
  it('shows a 403 of the world as a refusal and stays logged in, with the form as typed', async () => {
    // Lab (owned by Bot B) takes no join requests: raising one is refused with 403 PERMISSION_DENIED.
    await env.admin('POST', '/api/world/act/10002/set_group_add_option', { group_id: 30002, add_type: 3 });
    await page.goto(`${env.catnap.webuiUrl}/world?token=admin-token`);
    await page.locator('[data-testid="live-state"][data-state="open"]').waitFor();
    const form = page.getByTestId('raise-request');
    await form.locator('select').first().selectOption('group');
    await page.getByTestId('request-from').selectOption('20002');
    await page.getByTestId('request-target').selectOption('30002');
    await form.getByPlaceholder('验证消息 Comment').fill('let me in');
    await form.locator('button[type=submit]').click();
    const error = form.locator('.form-error');
    await error.waitFor();
    expect(await error.innerText()).toMatch(/accepts no join requests/);
    // Still in, and nothing typed was lost.
    expect(await page.getByTestId('login-form').count()).toBe(0);
    expect(await page.getByTestId('request-from').inputValue()).toBe('20002');
    expect(await page.getByTestId('request-target').inputValue()).toBe('30002');
    expect(await form.getByPlaceholder('验证消息 Comment').inputValue()).toBe('let me in');
    expect(pageErrors).toEqual([]);
  }, 60000);
});
