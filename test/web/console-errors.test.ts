import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { useConsoleSession } from '../helpers/console-session.js';
import { smallWorld } from '../helpers/world.js';

/**
 * How the console reports what the admin API refuses, in headless Chromium: a refusal of the
 * world (403 PERMISSION_DENIED, 409 ALREADY_EXISTS) is shown with its status and reason and
 * leaves the typed input in place, and only a refused token sends the page back to the login.
 */
const session = useConsoleSession(smallWorld);

describe('console errors', () => {
  it('shows a 403 of the world as a refusal and stays logged in, with the form as typed', async () => {
    // Lab (owned by Bot B) takes no join requests: raising one is refused with 403 PERMISSION_DENIED.
    await session.env.admin('POST', '/api/world/act/10002/set_group_add_option', { group_id: 30002, add_type: 3 });
    await session.page.goto(`${session.env.catnap.webuiUrl}/world?token=admin-token`);
    await session.page.locator('[data-testid="live-state"][data-state="open"]').waitFor();
    const form = session.page.getByTestId('raise-request');
    await form.locator('select').first().selectOption('group');
    await session.page.getByTestId('request-from').selectOption('20002');
    await session.page.getByTestId('request-target').selectOption('30002');
    await form.getByPlaceholder('验证消息 Comment').fill('let me in');
    await form.locator('button[type=submit]').click();
    const error = form.locator('.form-error');
    await error.waitFor();
    expect(await error.innerText()).toMatch(/accepts no join requests/);
    expect(await error.innerText()).toContain('(HTTP 403 PERMISSION_DENIED)');
    // Still in, and nothing typed was lost.
    expect(await session.page.getByTestId('login-form').count()).toBe(0);
    expect(await session.page.getByTestId('request-from').inputValue()).toBe('20002');
    expect(await session.page.getByTestId('request-target').inputValue()).toBe('30002');
    expect(await form.getByPlaceholder('验证消息 Comment').inputValue()).toBe('let me in');
    expect(session.pageErrors).toEqual([]);
  }, 60000);

  it('names the status and code of a refused form, and keeps what was typed', async () => {
    const form = session.page.getByTestId('create-account');
    await form.getByPlaceholder(/^QQ/).fill('20001');
    await session.page.getByTestId('new-account-nickname').fill('Second Alice');
    await form.locator('button[type=submit]').click();
    const error = form.locator('.form-error');
    await error.waitFor();
    expect(await error.innerText()).toMatch(/20001.*\(HTTP 409 ALREADY_EXISTS\)$/);
    expect(await form.getByPlaceholder(/^QQ/).inputValue()).toBe('20001');
    expect(await session.page.getByTestId('new-account-nickname').inputValue()).toBe('Second Alice');
  }, 60000);

  it('says Catnap cannot be reached when the request never gets there', async () => {
    await session.page.route('**/api/world/accounts', (route) => route.abort('connectionrefused'));
    const form = session.page.getByTestId('create-account');
    await form.getByPlaceholder(/^QQ/).fill('20009');
    await form.locator('button[type=submit]').click();
    await form.locator('.form-error', { hasText: 'cannot reach Catnap' }).waitFor();
    await session.page.unroute('**/api/world/accounts');
    expect(await session.page.getByTestId('login-form').count()).toBe(0);
  }, 60000);

  it('exports the world as YAML, and says why when the export cannot be fetched', async () => {
    const [download] = await Promise.all([session.page.waitForEvent('download'), session.page.getByTestId('export-yaml').click()]);
    expect(download.suggestedFilename()).toBe('catnap-world.yaml');
    const saved = await readFile((await download.path())!, 'utf8');
    expect((parse(saved) as { accounts: { user_id: number }[] }).accounts.map((account) => account.user_id)).toContain(20001);

    await session.page.route('**/api/world/export*', (route) => route.abort('connectionrefused'));
    await session.page.getByTestId('export-json').click();
    await session.page.getByTestId('transfer-card').locator('.form-error', { hasText: 'export failed: cannot reach Catnap' }).waitFor();
    await session.page.unroute('**/api/world/export*');
    expect(session.pageErrors).toEqual([]);
  }, 60000);

  it('shows a 404 of a row another client removed as a toast with its code', async () => {
    await session.page.getByTestId('snapshot-name').fill('gone-soon');
    await session.page.getByTestId('snapshot-save').click();
    await session.page.getByTestId('snapshot-gone-soon').waitFor();
    await session.env.admin('DELETE', '/api/world/snapshots/gone-soon');
    await session.page.getByTestId('snapshot-delete-gone-soon').click();
    await session.page.locator('.toast-error', { hasText: 'HTTP 404' }).waitFor();
    expect(await session.page.locator('.toast-error').last().innerText()).toMatch(/gone-soon.*NOT_FOUND\)$/);
    expect(session.pageErrors).toEqual([]);
  }, 60000);

  it('says why the contact book has no groups when their list cannot be loaded', async () => {
    // Only the contact book's group list is refused: the friends above it still load.
    await session.page.route('**/api/world/act/*/get_group_list', (route) => route.abort('connectionrefused'));
    await session.page.goto(`${session.env.catnap.webuiUrl}/chat?token=admin-token`);
    await session.page.locator('[data-testid="live-state"][data-state="open"]').waitFor();
    await session.page.getByTestId('tab-contacts').click();
    await session.page.locator('.contacts .form-error', { hasText: 'cannot reach Catnap' }).waitFor();
    await session.page.unroute('**/api/world/act/*/get_group_list');
    expect(session.pageErrors).toEqual([]);
  }, 60000);
});
