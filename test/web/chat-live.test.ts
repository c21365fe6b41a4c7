import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openConsolePage } from '../helpers/browser.js';
import { startCatnap } from '../helpers/catnap.js';
import { smallWorld } from '../helpers/world.js';

/**
 * The chat in headless Chromium, kept current by the live feed alone: what the acting account
 * does in a private chat (a recall) shows in that chat, not in some other one.
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

const message = (text: string) => page.locator('[data-testid="message"]', { hasText: text });

describe('console chat, live', () => {
  it('marks your own recalled private message as recalled in that chat', async () => {
    // Alice (the first person of smallWorld, whom the console acts as) and her friend Bot A.
    await page.goto(`${env.catnap.webuiUrl}/chat/p/10001?token=admin-token`);
    await page.locator('[data-testid="live-state"][data-state="open"]').waitFor();
    await page.getByTestId('composer-input').fill('take this back');
    await page.keyboard.press('Enter');
    const mine = page.locator('[data-testid="message"].own', { hasText: 'take this back' });
    await mine.waitFor();
    await mine.hover();
    await mine.getByTestId('action-recall').click();
    // friend_recall names the sender (Alice herself) as user_id: the chat holding the message is marked.
    await page.locator('[data-testid="message"].own.recalled').waitFor({ timeout: 10000 });
    await page.locator('[data-testid="gray-tip"]', { hasText: '你撤回了一条消息' }).waitFor();
    expect(await message('take this back').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  }, 60000);
});
