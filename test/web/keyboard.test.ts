import { describe, expect, it } from 'vitest';
import { useConsoleSession } from '../helpers/console-session.js';
import { smallWorld } from '../helpers/world.js';

/** The console from the keyboard alone, in headless Chromium: switch account, open a chat, send, view an image. */
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

  it('keeps Tab inside the account picker and gives focus back to its opener on Escape', async () => {
    const opener = session.page.getByRole('button', { name: /Switch account/ });
    await opener.focus();
    await session.page.keyboard.press('Enter');
    const picker = session.page.getByTestId('account-picker');
    await picker.waitFor();
    const focusInside = () => picker.evaluate((element) => element.contains(element.ownerDocument.activeElement));
    // Focus moved into the dialog, so the keyboard acts on it rather than on the page behind.
    expect(await focusInside()).toBe(true);
    // Its close button and one button per account; Tab past the last of them wraps to the first.
    const stops = await picker.locator('button').count();
    for (let press = 0; press <= stops; press += 1) {
      await session.page.keyboard.press('Tab');
      expect(await focusInside()).toBe(true);
    }
    await picker.getByRole('button', { name: '关闭' }).focus();
    await session.page.keyboard.press('Shift+Tab');
    expect(
      await picker
        .locator('button')
        .last()
        .evaluate((element) => element === element.ownerDocument.activeElement),
    ).toBe(true);
    await session.page.keyboard.press('Escape');
    await picker.waitFor({ state: 'detached' });
    expect(await opener.evaluate((element) => element === element.ownerDocument.activeElement)).toBe(true);
    expect(session.pageErrors).toEqual([]);
  }, 60000);

  it('opens an image in the lightbox from the keyboard, closes it with Escape, and gives focus back', async () => {
    // A 2x2 red PNG, sent by Alice into the Lounge, which the test before left open (as Bob).
    const png = 'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==';
    await session.env.admin('POST', '/api/world/act/20001/send_group_msg', {
      group_id: 30001,
      message: [{ type: 'image', data: { file: `base64://${png}` } }],
    });
    const opener = session.page.getByRole('button', { name: /查看大图/ }).last();
    await opener.waitFor();
    await opener.focus();
    await session.page.keyboard.press('Enter');
    const lightbox = session.page.getByRole('dialog', { name: /图片/ });
    await lightbox.waitFor();
    // Focus moved into the lightbox, so Escape (and Tab) act on it.
    expect(await lightbox.evaluate((element) => element.contains(element.ownerDocument.activeElement))).toBe(true);
    // Its close button is its only stop, so Tab and Shift+Tab keep focus there.
    for (const key of ['Tab', 'Shift+Tab']) {
      await session.page.keyboard.press(key);
      expect(await lightbox.evaluate((element) => element.contains(element.ownerDocument.activeElement))).toBe(true);
    }
    await session.page.keyboard.press('Escape');
    await lightbox.waitFor({ state: 'detached' });
    expect(await opener.evaluate((element) => element === element.ownerDocument.activeElement)).toBe(true);
    expect(session.pageErrors).toEqual([]);
  }, 60000);

  it('closes only the innermost dialog on Escape: a lightbox opened inside a forwarded message, then the message', async () => {
    const png = 'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==';
    const image = { type: 'image', data: { file: `base64://${png}` } };
    await session.env.admin('POST', '/api/world/act/20001/send_group_forward_msg', {
      group_id: 30001,
      messages: [{ type: 'node', data: { user_id: 20001, nickname: 'Alice', content: [image] } }],
    });
    const card = session.page.getByRole('button', { name: /聊天记录/ }).last();
    await card.waitFor();
    await card.focus();
    await session.page.keyboard.press('Enter');
    const forwarded = session.page.getByRole('dialog', { name: /Forwarded messages/ });
    const zoom = forwarded.getByRole('button', { name: /查看大图/ });
    await zoom.waitFor();
    await zoom.focus();
    await session.page.keyboard.press('Enter');
    const lightbox = session.page.getByRole('dialog', { name: /图片/ });
    await lightbox.waitFor();
    await session.page.keyboard.press('Escape');
    await lightbox.waitFor({ state: 'detached' });
    // The forwarded message stays open, with focus back on the image that opened the lightbox.
    expect(await forwarded.isVisible()).toBe(true);
    expect(await zoom.evaluate((element) => element === element.ownerDocument.activeElement)).toBe(true);
    await session.page.keyboard.press('Escape');
    await forwarded.waitFor({ state: 'detached' });
    expect(await card.evaluate((element) => element === element.ownerDocument.activeElement)).toBe(true);
    expect(session.pageErrors).toEqual([]);
  }, 60000);
});
