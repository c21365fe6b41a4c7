import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.js';
import { startCatnap } from '../helpers/catnap.js';
import { startEchoBot, type EchoBot } from '../helpers/echo-bot.js';
import type { WorldFile } from '../../src/world/world-file.js';

/**
 * The web console in headless Chromium against a real Catnap, with a bot connected over the
 * account's forward WebSocket server (a NapCat transport) that answers group messages.
 */
const world: WorldFile = {
  accounts: [
    {
      user_id: 10001,
      nickname: 'Echo Bot',
      bot: true,
      onebot: { network: { websocketServers: [{ name: 'ws', enable: true, host: '127.0.0.1', port: 0, token: 'ws-token' }] } },
    },
    { user_id: 20001, nickname: 'Alice', sex: 'female' },
    { user_id: 20002, nickname: 'Bob', sex: 'male' },
  ],
  friends: [{ user_id: 20001, friend_id: 20002, category: 'Friends' }],
  groups: [{ group_id: 30001, group_name: 'Lounge', owner_id: 20001, admins: [20002], members: [10001] }],
};

// A 2x2 red PNG.
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==',
  'base64',
);

let env: Awaited<ReturnType<typeof startCatnap>>;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let bot: EchoBot;
const pageErrors: string[] = [];

beforeAll(async () => {
  env = await startCatnap(world);
  const ws = env.catnap.network.status(10001).find((adapter) => adapter.name === 'ws')!;
  bot = await startEchoBot(ws.endpoint, 'ws-token');
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  // The page runs under a Content-Security-Policy: anything it refuses is a failure too.
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content.Security.Policy/i.test(message.text())) pageErrors.push(message.text());
  });
}, 60000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await bot?.close();
  await env?.catnap.stop();
});

const byTest = (id: string) => `[data-testid="${id}"]`;

describe('web console in Chromium', () => {
  it('refuses a wrong token and logs in with the printed ?token= link', async () => {
    await page.goto(`${env.catnap.webuiUrl}/`);
    await page.fill(byTest('login-token'), 'wrong');
    await page.click(byTest('login-submit'));
    await page.waitForSelector('text=令牌不正确');
    await page.goto(`${env.catnap.webuiUrl}/?token=admin-token`);
    await page.waitForSelector(byTest('live-state') + '[data-state="open"]');
    // The token left the address bar and the page acts as the first person of the world.
    expect(new URL(page.url()).searchParams.has('token')).toBe(false);
    await page.waitForSelector(byTest('avatar-20001'));
  }, 60000);

  it('sends a group message as a user and shows the connected bot’s reply live', async () => {
    await page.click(byTest('tab-contacts'));
    await page.click(byTest('contact-g-30001'));
    await page.waitForSelector(byTest('composer-input'));
    await page.fill(byTest('composer-input'), 'hello from the browser');
    await page.keyboard.press('Enter');
    const reply = page.locator(`${byTest('message')}[data-sender="10001"]`, { hasText: 'echo: hello from the browser' });
    await reply.waitFor({ timeout: 10000 });
    // The bot quoted Alice's message, and Alice's own message is on the right.
    expect(await reply.locator(byTest('seg-reply')).innerText()).toContain('hello from the browser');
    expect(await page.locator(`${byTest('message')}.own`, { hasText: 'hello from the browser' }).count()).toBe(1);
    expect(bot.received.map((event) => event.raw_message)).toContain('hello from the browser');
    // The toolbar's icons are drawn: no emoji characters (a machine without an emoji font shows boxes).
    for (const button of ['open-faces', 'pick-image', 'pick-file']) {
      expect(await page.locator(`${byTest(button)} svg`).count(), button).toBe(1);
      expect((await page.locator(byTest(button)).innerText()).trim(), button).toBe('');
    }
    expect(await page.locator('.composer-toolbar').innerText()).not.toMatch(/\p{Extended_Pictographic}/u);
  }, 60000);

  it('uploads an image and renders it in the conversation', async () => {
    await page.setInputFiles(byTest('image-input'), { name: 'red.png', mimeType: 'image/png', buffer: png });
    await page.waitForSelector('.attachment img');
    await page.click(byTest('send'));
    const image = page.locator(`${byTest('message')}.own ${byTest('seg-image')}`).last();
    await image.waitFor();
    // The browser really decoded it (a broken image has naturalWidth 0).
    // (Polled from the test side: the page's CSP forbids the eval a string predicate needs.)
    const decodedWidth = () =>
      image.evaluate((element) => {
        const img = element as unknown as { complete: boolean; naturalWidth: number };
        return img.complete ? img.naturalWidth : 0;
      });
    await vi.waitFor(async () => expect(await decodedWidth()).toBe(2), { timeout: 15_000 });
    const src = await image.getAttribute('src');
    const served = await fetch(new URL(src!, env.catnap.webuiUrl));
    expect(Buffer.from(await served.arrayBuffer()).equals(png)).toBe(true);
    // The bot saw an image segment too.
    await expect.poll(() => bot.received.some((event) => String(event.raw_message).includes('[CQ:image')), { timeout: 10000 }).toBe(true);
  }, 60000);

  it('sends a file and shows it as a downloadable file card', async () => {
    const text = Buffer.from('minutes of the meeting\n');
    await page.setInputFiles(byTest('file-input'), { name: 'minutes.txt', mimeType: 'text/plain', buffer: text });
    const card = page.locator(`${byTest('message')}.own ${byTest('seg-file')}`, { hasText: 'minutes.txt' });
    await card.waitFor();
    const href = await card.getAttribute('href');
    expect(Buffer.from(await (await fetch(new URL(href!, env.catnap.webuiUrl))).arrayBuffer()).equals(text)).toBe(true);
  }, 60000);

  it('edits a network adapter in the dashboard and the change takes effect at once', async () => {
    await page.click(byTest('nav-bots'));
    await page.click(byTest('bot-10001'));
    await page.waitForSelector(byTest('adapter-editor'));
    await page.click(byTest('add-httpServers'));
    const entry = page.locator(byTest('adapter-httpServers-0'));
    // A bad port is named by the server and blocks saving.
    await entry.locator(byTest('field-port')).fill('abc');
    await page.waitForSelector(`${byTest('config-problem')}:has-text("port")`);
    expect(await page.isDisabled(byTest('save-config'))).toBe(true);
    await entry.locator(byTest('field-port')).fill('0');
    await entry.locator(byTest('field-token')).fill('fresh-token');
    await page.waitForSelector(byTest('config-problem'), { state: 'detached' });
    await page.click(byTest('save-config'));
    await entry.locator(`${byTest('adapter-status')} .state-listening`).waitFor({ timeout: 10000 });
    const endpoint = /http:\/\/127\.0\.0\.1:\d+/.exec(await entry.locator(byTest('adapter-status')).innerText())![0];
    const login = await fetch(`${endpoint}/get_login_info`, { headers: { authorization: 'Bearer fresh-token' } });
    expect(await login.json()).toMatchObject({ status: 'ok', data: { user_id: 10001 } });
    expect((await fetch(`${endpoint}/get_login_info`)).status).toBe(401);
    // The WebSocket server kept its client through the reload, and shows it.
    await page.waitForSelector(`${byTest('adapter-websocketServers-0')} ${byTest('adapter-status')}:has-text("1 client")`);
    expect(await page.locator(`${byTest('adapter-websocketServers-0')} ${byTest('adapter-connection')}`).innerText()).toMatch(
      /^127\.0\.0\.1:\d+ · universal · since /,
    );
    const { config } = (await env.admin('GET', '/api/bots/10001/onebot')).json;
    expect(config.network.httpServers[0]).toMatchObject({ port: 0, token: 'fresh-token', enable: true });
  }, 60000);

  it('gives the bot a Milky server from the dashboard, reachable at once', async () => {
    const milky = page.locator(byTest('milky-editor'));
    await milky.waitFor();
    await milky.locator(byTest('field-enable')).check();
    await milky.locator(byTest('field-port')).fill('0');
    await milky.locator(byTest('field-accessToken')).fill('milky-web');
    await page.waitForSelector(byTest('milky-problem'), { state: 'detached' });
    await page.click(byTest('save-milky'));
    await milky.locator(`${byTest('milky-status')} .state-listening`).waitFor({ timeout: 10000 });
    const endpoint = /http:\/\/127\.0\.0\.1:\d+/.exec(await milky.locator(byTest('milky-status')).innerText())![0];
    const response = await fetch(`${endpoint}/api/get_login_info`, {
      method: 'POST',
      headers: { authorization: 'Bearer milky-web', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(await response.json()).toEqual({ status: 'ok', retcode: 0, data: { uin: 10001, nickname: 'Echo Bot' } });
    expect((await env.admin('GET', '/api/bots/10001/milky')).json).toMatchObject({ exists: true, config: { enable: true } });
  }, 60000);

  it('logs the bot’s API calls and events live with their payloads', async () => {
    await page.waitForSelector(byTest('live-log'));
    // Newest first: the last send_group_msg is the bot's answer to the text message.
    const call = page.locator(byTest('log-call'), { hasText: 'send_group_msg' }).last();
    await call.waitFor();
    await call.locator('.log-line').click();
    expect(await call.locator('.json-view').first().innerText()).toContain('echo: hello from the browser');
  }, 60000);

  it('counts unread messages of other chats and pages back through history', async () => {
    await page.click(byTest('nav-chat'));
    for (let index = 1; index <= 25; index++) {
      await env.admin('POST', '/api/world/act/20002/send_private_msg', { user_id: 20001, message: `note ${index}` });
    }
    await page.waitForSelector(`${byTest('unread-p-20002')}:has-text("25")`);
    // Read marks are kept by the server: after a reload the count is still there.
    await page.reload();
    await page.waitForSelector(`${byTest('unread-p-20002')}:has-text("25")`);
    await page.click(byTest('contact-p-20002'));
    await page.waitForSelector(`${byTest('message')}:has-text("note 25")`);
    expect(await page.locator(byTest('unread-p-20002')).count()).toBe(0);
    // The newest page is 20 messages; scrolling up brings the rest.
    expect(await page.locator(`${byTest('message')}:has-text("note ")`).count()).toBe(20);
    await page.locator(byTest('message-list')).evaluate((list) => (list.scrollTop = 0));
    await page.locator(byTest('bubble'), { hasText: /^note 1$/ }).waitFor();
    expect(await page.locator(`${byTest('message')}:has-text("note ")`).count()).toBe(25);
    await page.waitForSelector('text=没有更多消息了');
    await expect
      .poll(
        async () =>
          (await env.admin('POST', '/api/world/act/20001/get_recent_contact', { count: 5 })).json.data.find(
            (c: any) => Number(c.peerUin) === 20002,
          )?.unreadCnt,
        { timeout: 10000 },
      )
      .toBe(0);
  }, 60000);

  it('replies with a face and an @mention, reacts and recalls, all seen live', async () => {
    await page.click(byTest('nav-chat'));
    await page.click(byTest('tab-contacts'));
    await page.click(byTest('contact-g-30001'));
    const botMessage = page.locator(`${byTest('message')}[data-sender="10001"]`, { hasText: 'echo: hello from the browser' });
    await botMessage.hover();
    await botMessage.locator(byTest('action-reply')).click();
    await page.waitForSelector(byTest('reply-preview'));
    await page.click(byTest('composer-input'));
    await page.keyboard.type('@Bob');
    await page.waitForSelector(byTest('mention-popup'));
    await page.keyboard.press('Enter');
    await page.keyboard.type('look ');
    await page.click(byTest('open-faces'));
    await page.click(byTest('face-14'));
    await page.keyboard.press('Enter');
    // The bot received a reply, an at of Bob and a face, and answered.
    await expect
      .poll(() => bot.received.map((event) => String(event.raw_message)).find((raw) => raw.includes('look')) ?? '', { timeout: 10000 })
      .toMatch(/^\[CQ:reply,id=\d+\]\[CQ:at,qq=20002\] look \[CQ:face,id=14\]$/);
    const mine = page.locator(`${byTest('message')}.own`, { hasText: 'look' });
    await mine.locator(byTest('seg-at')).waitFor();
    expect(await mine.locator(byTest('seg-reply')).innerText()).toContain('echo: hello from the browser');

    await botMessage.hover();
    await botMessage.locator(byTest('action-react')).click();
    await botMessage.locator(byTest('react-76')).click();
    await botMessage.locator(`${byTest('reaction-76')}.mine`).waitFor();
    expect(await botMessage.locator(byTest('reaction-76')).innerText()).toContain('1');

    await mine.hover();
    await mine.locator(byTest('action-recall')).click();
    await page
      .locator(`${byTest('message')}.own.recalled`)
      .first()
      .waitFor();
    await page.waitForSelector(`${byTest('gray-tip')}:has-text("撤回")`);

    // Double-clicking an avatar pokes, as in QQ; the poke comes back as a notice.
    await page.locator(`${byTest('member-panel')} ${byTest('avatar-20002')}`).dblclick();
    await page.waitForSelector(`${byTest('gray-tip')}:has-text("你 戳了戳 Bob")`);
  }, 60000);

  it('raises a friend request and answers it as the bot', async () => {
    await page.click(byTest('nav-world'));
    const form = page.locator(byTest('raise-request'));
    await form.locator(byTest('request-from')).selectOption('20002');
    await form.locator(byTest('request-target')).selectOption('10001');
    await form.locator('button[type=submit]').click();
    const row = page.locator(`${byTest('pending-requests')} tr`, { hasText: 'Bob 请求加 Echo Bot 为好友' });
    await row.waitFor();
    await row.locator(byTest('approve-request')).click();
    await row.waitFor({ state: 'detached' });
    expect((await env.admin('GET', '/api/world/accounts/10001')).json.friends.map((friend: any) => friend.user_id)).toContain(20002);
  }, 60000);

  it('imports a world file and runs any action from the playground', async () => {
    await page.setInputFiles(byTest('import-input'), {
      name: 'more.json',
      mimeType: 'application/json',
      buffer: Buffer.from(
        JSON.stringify({
          accounts: [{ user_id: 20009, nickname: 'Imported' }],
          groups: [{ group_id: 30001, group_name: 'Lounge', owner_id: 20001, members: [20009] }],
        }),
      ),
    });
    await page.waitForSelector(`${byTest('import-result')}:has-text("accounts_created")`);
    expect(await page.locator(byTest('import-result')).innerText()).toContain('"accounts_created": 1');
    await page.click(byTest('nav-playground'));
    await page.fill(byTest('action-filter'), 'get_group_member_info');
    await page.click(byTest('action-get_group_member_info'));
    await page.fill(byTest('param-group_id'), '30001');
    await page.fill(byTest('param-user_id'), '20009');
    await page.selectOption(byTest('run-as'), '20002');
    await page.click(byTest('run-action'));
    await page.waitForSelector(`${byTest('action-envelope')}:has-text("Imported")`);
    await page.fill(byTest('param-user_id'), '29999');
    await page.click(byTest('run-action'));
    await page.waitForSelector(`${byTest('action-result')}:has-text("failed")`);
    expect(await page.locator(byTest('action-envelope')).innerText()).toContain('29999');
  }, 60000);

  it('threw no errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
