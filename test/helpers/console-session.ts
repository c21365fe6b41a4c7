import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { WorldFile } from '../../src/world/world-file.js';
import { launchBrowser, openConsolePage } from './browser.js';
import { startCatnap } from './catnap.js';

/** What a console test file works with: its Catnap, and one console page in headless Chromium. */
export interface ConsoleSession {
  env: Awaited<ReturnType<typeof startCatnap>>;
  browser: Browser;
  page: Page;
  /** Uncaught errors and Content-Security-Policy refusals of the page (see openConsolePage). */
  pageErrors: string[];
}

/**
 * Starts a Catnap with `world` and opens a console page before the file's tests, and closes both
 * after them. The fields are filled in by `beforeAll`: read them inside tests only.
 */
export function useConsoleSession(world: WorldFile): ConsoleSession {
  const session = {} as ConsoleSession;
  beforeAll(async () => {
    session.env = await startCatnap(world);
    session.browser = await launchBrowser();
    Object.assign(session, await openConsolePage(session.browser));
  }, 60000);
  afterAll(async () => {
    await session.browser?.close();
    await session.env?.catnap.stop();
  });
  return session;
}
