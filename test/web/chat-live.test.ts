import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { Catnap } from '../../src/app/catnap.js';
import { silentLogger } from '../../src/util/logger.js';
import { launchBrowser, openConsolePage } from '../helpers/browser.js';
import { startCatnap } from '../helpers/catnap.js';
import { smallWorld } from '../helpers/world.js';

/**
 * The chat in headless Chromium, kept current by the live feed alone: what the acting account
 * does in a private chat (a recall) shows in that chat, not in some other one; after Catnap
 * restarts the page catches up, and a restart with another token brings back the login.
 */
let env: Awaited<ReturnType<typeof startCatnap>>;
/** The Catnap serving now (a restart replaces the first). */
let catnap: Catnap;
let browser: Browser;
let page: Page;
let pageErrors: string[];

beforeAll(async () => {
  env = await startCatnap(smallWorld);
  catnap = env.catnap;
  browser = await launchBrowser();
  ({ page, pageErrors } = await openConsolePage(browser));
}, 60000);

afterAll(async () => {
  await browser?.close();
  await catnap?.stop();
});

/** Stops Catnap and starts it again on the same port and data folder, with `token`. */
async function restart(token: string): Promise<void> {
  const port = Number(new URL(catnap.webuiUrl).port);
  await catnap.stop();
  catnap = await Catnap.start({
    dataDir: env.dataDir,
    worldFile: join(env.dataDir, 'world.json'),
    webuiPort: port,
    webuiToken: token,
    logger: silentLogger,
    watchConfig: false,
  });
}

const sendAs = (userId: number, params: Record<string, unknown>, token = 'admin-token') =>
  fetch(`${catnap.webuiUrl}/api/world/act/${userId}/send_private_msg`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(params),
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

  it('reconnects after Catnap restarts and shows what was said meanwhile', async () => {
    const liveState = page.getByTestId('live-state');
    await restart('admin-token');
    await sendAs(10001, { user_id: 20001, message: 'said while you were away' });
    await message('said while you were away').waitFor({ timeout: 20000 });
    expect(await liveState.getAttribute('data-state')).toBe('open');
  }, 60000);

  it('asks for the token again when Catnap restarts with another one', async () => {
    await restart('another-token');
    // Nothing is clicked: the refused live socket alone must tell the page its token is gone.
    await page.getByTestId('login-form').waitFor({ timeout: 20000 });
    expect(await page.getByTestId('login-form').innerText()).toContain('token was refused');
    await page.getByTestId('login-token').fill('another-token');
    await page.getByTestId('login-submit').click();
    await page.locator('[data-testid="live-state"][data-state="open"]').waitFor();
    await sendAs(10001, { user_id: 20001, message: 'welcome back' }, 'another-token');
    await message('welcome back').waitFor({ timeout: 10000 });
    expect(pageErrors).toEqual([]);
  }, 60000);
});
