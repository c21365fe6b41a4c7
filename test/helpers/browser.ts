import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

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
