import type { Browser, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { launchBrowser, openConsolePage } from '../helpers/browser.js';
import { startCatnap } from '../helpers/catnap.js';
import type { WorldFile } from '../../src/world/world-file.js';

/**
 * The console's Bots page in headless Chromium: a bot's health (offline, kicked, zombie, online),
 * dropping an adapter's connections with a refusal, the Faults panel (add, list, remove, remove
 * all), and fired faults in the live log in their own colour. A bot is connected over the
 * account's forward WebSocket server, as a NapCat bot is.
 */
const world: WorldFile = {
  accounts: [
    {
      user_id: 10001,
      nickname: 'Fault Bot',
      bot: true,
      onebot: { network: { websocketServers: [{ name: 'ws', enable: true, host: '127.0.0.1', port: 0, token: 'ws-token' }] } },
    },
    { user_id: 20001, nickname: 'Alice' },
  ],
  groups: [{ group_id: 30001, group_name: 'Lounge', owner_id: 20001, members: [10001] }],
};

/** A bot's WebSocket: every frame it got, and its calls answered by echo. */
async function connectBot(url: string) {
  const ws = new WebSocket(url, { headers: { authorization: 'Bearer ws-token' } });
  const frames: Record<string, any>[] = [];
  const replies = new Map<number, (reply: Record<string, any>) => void>();
  ws.on('message', (data) => {
    const frame = JSON.parse(data.toString());
    frames.push(frame);
    if (typeof frame.echo === 'number') replies.get(frame.echo)?.(frame);
  });
  const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let echo = 0;
  const call = (action: string, params: unknown) =>
    new Promise<Record<string, any>>((resolve) => {
      const id = ++echo;
      replies.set(id, resolve);
      ws.send(JSON.stringify({ action, params, echo: id }));
    });
  return { ws, frames, call, closed };
}

/** Whether a WebSocket upgrade to the adapter is accepted now. */
const accepted = (url: string) =>
  new Promise<boolean>((resolve) => {
    const ws = new WebSocket(url, { headers: { authorization: 'Bearer ws-token' } });
    ws.once('open', () => {
      ws.close();
      resolve(true);
    });
    ws.once('unexpected-response', () => resolve(false));
    ws.once('error', () => resolve(false));
  });

let env: Awaited<ReturnType<typeof startCatnap>>;
let browser: Browser;
let page: Page;
let endpoint: string;
let bot: Awaited<ReturnType<typeof connectBot>>;
let pageErrors: string[];

beforeAll(async () => {
  env = await startCatnap(world);
  endpoint = env.catnap.network.status(10001).find((adapter) => adapter.name === 'ws')!.endpoint;
  bot = await connectBot(endpoint);
  browser = await launchBrowser();
  ({ page, pageErrors } = await openConsolePage(browser));
}, 60000);

afterAll(async () => {
  bot?.ws.close();
  await browser?.close();
  await env?.catnap.stop();
});

const health = async () => (await env.admin('GET', '/api/bots/10001/health')).json.state as string;
const shownHealth = () => page.getByTestId('health-state').getAttribute('data-state');
const rules = async () => (await env.admin('GET', '/api/faults')).json as { id: number; action?: string; event?: string; effect: any }[];

describe('console Bots page: health and connections', () => {
  it('takes the bot offline (bot_offline on its open socket), kicks it, makes it a zombie and brings it back', async () => {
    await page.goto(`${env.catnap.webuiUrl}/bots/10001?token=admin-token`);
    await page.locator('[data-testid="live-state"][data-state="open"]').waitFor();
    await expect.poll(shownHealth).toBe('online');
    expect(await page.getByTestId('health-online').isDisabled()).toBe(true);

    await page.getByTestId('health-message').fill('down for maintenance');
    await page.getByTestId('health-offline').click();
    await expect.poll(shownHealth).toBe('offline');
    expect(await health()).toBe('offline');
    await expect
      .poll(() => bot.frames.find((frame) => frame.notice_type === 'bot_offline'))
      .toMatchObject({ user_id: 10001, message: 'down for maintenance' });
    expect(bot.ws.readyState).toBe(WebSocket.OPEN);
    expect(await page.getByTestId('health-card').innerText()).toContain('down for maintenance');
    // A send while offline fails, and the live log says the health did it, in the faults' colour.
    const refused = await bot.call('send_group_msg', { group_id: 30001, message: 'while offline' });
    expect(refused.status).toBe('failed');
    const healthRow = page.locator('[data-testid="log-health"]').first();
    await healthRow.waitFor();
    expect(await healthRow.innerText()).toContain('account offline');
    expect(await healthRow.innerText()).toContain(String(refused.retcode));
    expect(await healthRow.getAttribute('class')).toContain('log-row-fault');

    await page.getByTestId('health-kicked').click();
    await expect.poll(shownHealth).toBe('kicked');
    expect(await health()).toBe('kicked');
    expect(await accepted(endpoint)).toBe(false);

    await page.getByTestId('health-zombie').click();
    await expect.poll(shownHealth).toBe('zombie');
    expect(await health()).toBe('zombie');

    await page.getByTestId('health-online').click();
    await expect.poll(shownHealth).toBe('online');
    expect(await health()).toBe('online');
    expect(await accepted(endpoint)).toBe(true);

    // A change made elsewhere (a test) shows too.
    await env.admin('POST', '/api/bots/10001/health', { state: 'zombie' });
    await expect.poll(shownHealth).toBe('zombie');
    await env.admin('POST', '/api/bots/10001/health', { state: 'online' });
    await expect.poll(shownHealth).toBe('online');
  }, 60000);

  it("drops the adapter's connections and refuses reconnects for the seconds given", async () => {
    const connection = page.locator('[data-testid="adapter-status"] [data-testid="adapter-connection"]');
    await expect.poll(() => connection.count()).toBeGreaterThan(0);
    await page.getByTestId('adapter-refuse-seconds').fill('3');
    await page.getByTestId('adapter-disconnect').click();
    await bot.closed;
    await expect.poll(() => connection.count()).toBe(0);
    expect(await accepted(endpoint)).toBe(false);
    await expect.poll(() => accepted(endpoint), { timeout: 10000, interval: 500 }).toBe(true);
    bot = await connectBot(endpoint);
    await expect.poll(() => connection.count()).toBe(1);
  }, 60000);
});

describe('console Faults panel and fired faults in the live log', () => {
  it('adds a rule with a preset, shows each hit in the live log in its own colour, and counts it', async () => {
    await page.getByTestId('fault-target').fill('send_group_msg');
    expect(await page.getByTestId('fault-selfId').inputValue()).toBe('10001');
    await page.getByTestId('fault-times').fill('2');
    await page.getByTestId('fault-preset').selectOption('risk_control');
    await page.getByTestId('fault-add').click();
    await expect.poll(async () => (await rules()).length).toBe(1);
    const [rule] = await rules();
    expect(rule).toMatchObject({
      action: 'send_group_msg',
      self_id: 10001,
      remaining: 2,
      effect: { type: 'fail', preset: 'risk_control' },
    });
    const row = page.getByTestId(`fault-${rule!.id}`);
    await row.waitFor();
    expect(await row.innerText()).toContain('risk_control');

    // The bot's send over its WebSocket fails as NapCat fails it, and the hit shows live.
    const reply = await bot.call('send_group_msg', { group_id: 30001, message: 'hello' });
    expect(reply.status).toBe('failed');
    const fired = page.locator('[data-testid="log-fault"]').first();
    await fired.waitFor();
    expect(await fired.innerText()).toContain(`rule ${rule!.id}`);
    expect(await fired.innerText()).toContain('send_group_msg');
    expect(await fired.innerText()).toContain(String(reply.retcode));
    await expect.poll(() => row.getByTestId('fault-fired').innerText()).toBe('1');

    // Its colour is its own: neither a call's nor an event's, and its row stands out.
    const style = (selector: string, property: 'color' | 'backgroundColor') =>
      page
        .locator(selector)
        .first()
        .evaluate(
          (element, name) =>
            (globalThis as unknown as { getComputedStyle(e: unknown): Record<string, string> }).getComputedStyle(element)[name],
          property,
        );
    const faultColour = await style('[data-testid="log-fault"] .log-kind', 'color');
    expect(faultColour).not.toBe(await style('[data-testid="log-call"] .log-kind', 'color'));
    await env.admin('POST', '/api/world/act/20001/send_group_msg', { group_id: 30001, message: 'to the bot' });
    await page.locator('[data-testid="log-event"]').first().waitFor();
    expect(faultColour).not.toBe(await style('[data-testid="log-event"] .log-kind', 'color'));
    expect(await style('[data-testid="log-fault"]', 'backgroundColor')).not.toBe(
      await style('[data-testid="log-call"]', 'backgroundColor'),
    );
  }, 60000);

  it('adds rules on events and other effects, refuses a bad one naming the field, removes one and then all', async () => {
    await page.getByTestId('fault-on').selectOption('event');
    await page.getByTestId('fault-target').fill('message.group');
    await page.getByTestId('fault-effect').selectOption('delay');
    await page.getByTestId('fault-delayMs').fill('250');
    // The server answers slowly, and the next rule is begun while this one is being added: the
    // form waits for the answer, so the reset that follows it throws nothing typed away.
    // Only the adds wait: a reload of the list that was still waiting when the route goes would
    // be answered twice.
    const slowAdds = async (route: Route) => {
      if (route.request().method() !== 'POST') return route.fallback();
      await new Promise((resolve) => setTimeout(resolve, 300));
      return route.continue();
    };
    await page.route('**/api/faults', slowAdds);
    const answered = page.waitForResponse((response) => response.url().endsWith('/api/faults') && response.request().method() === 'POST');
    await page.getByTestId('fault-add').click();
    await page.getByTestId('fault-on').selectOption('action');
    await page.getByTestId('fault-target').fill('get_*');
    await answered;
    await page.getByTestId('fault-selfId').fill('');
    await page.getByTestId('fault-probability').fill('0.5');
    await page.getByTestId('fault-effect').selectOption('no_reply');
    await page.getByTestId('fault-happened').check();
    await page.getByTestId('fault-add').click();
    await expect.poll(async () => (await rules()).length).toBe(3);
    // The Add button was disabled while its rule was added, and has the focus back.
    const focusedTestId = () =>
      page.evaluate(() =>
        (
          globalThis as unknown as { document: { activeElement: { getAttribute(name: string): string | null } | null } }
        ).document.activeElement?.getAttribute('data-testid'),
      );
    await expect.poll(focusedTestId).toBe('fault-add');
    await page.unroute('**/api/faults', slowAdds);
    expect((await rules())[1]).toMatchObject({ event: 'message.group', self_id: 10001, effect: { type: 'delay', delay_ms: 250 } });
    const anyAccount = (await rules())[2]!;
    expect(anyAccount).toMatchObject({ action: 'get_*', probability: 0.5, effect: { type: 'no_reply', happened: true } });
    expect(anyAccount).not.toHaveProperty('self_id');

    // A fail with its own retcode and message, and a disconnect.
    await page.getByTestId('fault-effect').selectOption('fail');
    await page.getByTestId('fault-target').fill('delete_msg');
    await page.getByTestId('fault-probability').fill('');
    await page.getByTestId('fault-preset').selectOption('');
    await page.getByTestId('fault-retcode').fill('1200');
    await page.getByTestId('fault-message').fill('custom failure');
    await page.getByTestId('fault-add').click();
    await expect.poll(async () => (await rules()).length).toBe(4);
    expect((await rules())[3]!.effect).toEqual({ type: 'fail', retcode: 1200, message: 'custom failure' });
    await page.getByTestId('fault-effect').selectOption('disconnect');
    await page.getByTestId('fault-target').fill('set_group_kick');
    await page.getByTestId('fault-add').click();
    await expect.poll(async () => (await rules()).length).toBe(5);
    expect((await rules())[4]!.effect).toEqual({ type: 'disconnect' });

    // A probability above 1 is refused by the server, naming the field; nothing is added.
    await page.getByTestId('fault-probability').fill('2');
    await page.getByTestId('fault-add').click();
    await page.locator('.toast-error', { hasText: 'probability' }).waitFor();
    expect(await rules()).toHaveLength(5);

    const [first] = await rules();
    await page.getByTestId(`fault-remove-${first!.id}`).click();
    await page.getByTestId(`fault-${first!.id}`).waitFor({ state: 'detached' });
    expect((await rules()).map((each) => each.id)).not.toContain(first!.id);

    await page.getByTestId('faults-clear').click();
    await expect.poll(async () => (await rules()).length).toBe(0);
    await expect.poll(() => page.locator('[data-testid="fault-list"] tbody tr').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  }, 60000);

  it('names an account a restore removed, whose adapters still run, as removed rather than by an empty name', async () => {
    const zed = {
      user_id: 20009,
      nickname: 'Zed',
      bot: true,
      onebot: { network: { httpServers: [{ name: 'zed-http', enable: true, host: '127.0.0.1', port: 0, token: '' }] } },
    };
    expect((await env.admin('POST', '/api/world/accounts', zed)).status).toBe(201);
    await page.goto(`${env.catnap.webuiUrl}/bots/20009?token=admin-token`);
    await expect.poll(() => page.getByTestId('bot-name-20009').innerText()).toBe('Zed');
    expect((await env.admin('POST', '/api/world/reset')).status).toBe(200);
    await expect.poll(() => page.getByTestId('bot-name-20009').innerText()).toBe('removed by a restore');
    expect(await page.locator('.manage-page h2').innerText()).toContain('removed by a restore');
    expect(await page.getByTestId('bot-name-10001').innerText()).toBe('Fault Bot');
  }, 60000);
});
