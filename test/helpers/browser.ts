import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium (`.ci/apt-packages` installs it); playwright's own browser downloads cannot work offline. */
export const chromiumPath = process.env.CATNAP_CHROMIUM ?? '/usr/bin/chromium';

/** Headless Chromium for the web console tests; fails with the fix when the browser is missing. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(`no Chromium at ${chromiumPath}: install it with "apt-get install chromium" (or set CATNAP_CHROMIUM)`);
  }
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A page of the console at a desktop size, with every failure the page itself had collected in
 * `pageErrors`: uncaught errors, and anything its Content-Security-Policy refused.
 */
export async function openConsolePage(
  browser: Browser,
  viewport = { width: 1280, height: 900 },
): Promise<{ page: Page; pageErrors: string[] }> {
  const page = await (await browser.newContext({ viewport })).newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content.Security.Policy/i.test(message.text())) pageErrors.push(message.text());
  });
  return { page, pageErrors };
}
