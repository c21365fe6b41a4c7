import { describe, expect, it } from 'vitest';
import { useConsoleSession } from '../helpers/console-session.js';
import { smallWorld } from '../helpers/world.js';

/** The console from the keyboard alone, in headless Chromium: switch account, open a chat, send. */
const session = useConsoleSession(smallWorld);

describe('console keyboard use', () => {
  it('switches account and opens a chat from the keyboard (focus, Enter)', async () => {
    await session.page.goto(`${session.env.catnap.webuiUrl}/chat?token=admin-token`);
    await session.page.locator('[data-testid="live-state"][data-state="open"]').waitFor();
    // The avatar at the top left is the account switcher: a button to the keyboard.
    await session.page.getByRole('button', { name: /Switch account/ }).focus();
    await session.page.keyboard.press('Enter');
    await session.page.getByTestId('account-picker').waitFor();
    await session.page.getByTestId('act-as-20002').focus();
    await session.page.keyboard.press('Enter');
    await session.page.getByTestId('account-picker').waitFor({ state: 'detached' });

    await session.page.getByTestId('tab-contacts').click();
    const lounge = session.page.getByTestId('contact-g-30001');
    expect(await lounge.getAttribute('role')).toBe('button');
    await lounge.focus();
    await session.page.keyboard.press('Enter');
    await expect.poll(() => session.page.getByTestId('conversation-title').innerText()).toBe('Lounge');
    await session.page.getByTestId('composer-input').focus();
    await session.page.keyboard.type('typed only');
    await session.page.keyboard.press('Enter');
    await session.page.locator('[data-testid="message"].own', { hasText: 'typed only' }).waitFor();
    expect(session.pageErrors).toEqual([]);
  }, 60000);
});
