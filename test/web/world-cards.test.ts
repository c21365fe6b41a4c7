import { describe, expect, it } from 'vitest';
import { useConsoleSession } from '../helpers/console-session.js';
import { smallWorld } from '../helpers/world.js';

/**
 * The world page's cards when what they show cannot be had, in headless Chromium: a card whose
 * load failed says why instead of showing nothing.
 */
const session = useConsoleSession(smallWorld);

describe('world page cards', () => {
  it('says why the friendships could not be loaded', async () => {
    // Only the friends card reads one account's detail: refuse that read, and nothing else.
    await session.page.route('**/api/world/accounts/*', (route) => route.abort('connectionrefused'));
    await session.page.goto(`${session.env.catnap.webuiUrl}/world?token=admin-token`);
    const card = session.page.getByTestId('friends-card');
    await card.locator('.form-error', { hasText: 'cannot reach Catnap' }).waitFor();
    await session.page.unroute('**/api/world/accounts/*');
    // Loaded again (another owner picked), the error gives way to the friendships.
    await card.getByLabel('好友所属 Account').selectOption('20001');
    await card.locator('.chip', { hasText: 'Bot A' }).waitFor();
    expect(await card.locator('.form-error').count()).toBe(0);
    expect(session.pageErrors).toEqual([]);
  }, 60000);
});
