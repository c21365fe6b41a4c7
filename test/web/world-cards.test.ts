import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useConsoleSession } from '../helpers/console-session.js';
import { smallWorld } from '../helpers/world.js';

/**
 * The world page's cards when what they show cannot be had, in headless Chromium: a card whose
 * load failed says why instead of showing nothing, and a damaged snapshot is
 * listed as damaged, with only the delete the admin API allows.
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

  it('lists a damaged snapshot as damaged, with delete and no restore', async () => {
    await session.env.admin('POST', '/api/world/snapshots', { name: 'broken' });
    // A copy that is no SQLite database (a disk that lost it, say): the listing cannot read its clock.
    await writeFile(join(session.env.dataDir, 'snapshots', 'broken.db'), 'cut short');
    await session.page.goto(`${session.env.catnap.webuiUrl}/world`);
    const row = session.page.getByTestId('snapshot-broken');
    await row.waitFor();
    expect(await row.getAttribute('data-damaged')).toBe('true');
    expect(await row.innerText()).toMatch(/damaged/);
    expect(await row.innerText()).toContain('broken.db cannot be read');
    expect(await session.page.getByTestId('snapshot-restore-broken').count()).toBe(0);
    // The good ones are still listed beside it.
    await session.page.getByTestId('snapshot-restore-start').waitFor();

    await session.page.getByTestId('snapshot-delete-broken').click();
    await row.waitFor({ state: 'detached' });
    const { json } = await session.env.admin('GET', '/api/world/snapshots');
    expect(json.damaged).toEqual([]);
    expect(session.pageErrors).toEqual([]);
  }, 60000);
});
