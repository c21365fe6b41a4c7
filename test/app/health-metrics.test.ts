import { createServer, type Socket } from 'node:net';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startCatnap } from '../helpers/catnap.js';
import { tempDir } from '../helpers/spawn.js';
import type { WorldFile } from '../../src/world/world-file.js';
import { CatnapMetrics } from '../../src/app/metrics/catnap-metrics.js';
import { allActions } from '../../src/onebot/actions/index.js';
import { ActionTable } from '../../src/onebot/action-table.js';
import { Dispatcher } from '../../src/onebot/dispatcher.js';
import { onebotWorld } from '../helpers/onebot.js';
import { TestSocket, transportWorld } from '../helpers/transports.js';

const world: WorldFile = {
  accounts: [
    {
      user_id: 10001,
      nickname: 'Bot',
      bot: true,
      onebot: { network: { websocketServers: [{ name: 'ws', enable: true, host: '127.0.0.1', port: 0 }] } },
    },
    { user_id: 20001, nickname: 'Alice' },
    { user_id: 20002, nickname: 'Bob' },
  ],
  groups: [{ group_id: 30001, group_name: 'Lounge', owner_id: 20001, members: [10001] }],
};

/**
 * How long a poll may wait for a metric to move: a connection or its close reaches Catnap a round
 * trip later, which takes more than expect.poll's default second on a loaded machine.
 */
const poll = { timeout: 15_000 };

let env: Awaited<ReturnType<typeof startCatnap>>;
beforeAll(async () => {
  env = await startCatnap(world);
});
afterAll(async () => env.catnap.stop());

async function scrape(url = env.catnap.webuiUrl, token = 'admin-token') {
  const response = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain');
  const text = await response.text();
  const families = parsePrometheusTextFormat(text);
  return {
    /**
     * A labelled histogram's observation count, read from its `_count` line: the parser merges a
     * histogram's labelled series into one (it keeps only unlabelled ones apart).
     */
    histogramCount(name: string, labels: string): number {
      return Number(new RegExp(`^${name}_count\\{${labels}\\} (\\S+)$`, 'm').exec(text)?.[1] ?? 0);
    },
    /** The value of one sample, 0 when the series does not exist yet. */
    value(name: string, labels: Record<string, string> = {}): number {
      const family = families.find((candidate) => candidate.name === name);
      const sample = family?.metrics.find((metric) => Object.entries(labels).every(([key, value]) => metric.labels?.[key] === value));
      return Number(sample?.value ?? 0);
    },
    /** The sample with exactly these labels among its own, or undefined when no such series exists. */
    sample(name: string, labels: Record<string, string>) {
      const family = families.find((candidate) => candidate.name === name);
      return family?.metrics.find((metric) => Object.entries(labels).every(([key, value]) => metric.labels?.[key] === value));
    },
    family: (name: string) => families.find((candidate) => candidate.name === name),
  };
}

describe('health', () => {
  it('answers /healthz and /readyz without a token', async () => {
    const health = await fetch(`${env.catnap.webuiUrl}/healthz`);
    expect([health.status, await health.json()]).toEqual([200, { status: 'ok' }]);
    const ready = await fetch(`${env.catnap.webuiUrl}/readyz`);
    expect([ready.status, await ready.json()]).toEqual([200, { status: 'ready' }]);
  });

  it('/readyz is 503 naming the adapter that does not listen, and 200 again once it does', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    const withHttp = (httpPort: number) => ({
      network: {
        websocketServers: [{ name: 'ws', enable: true, host: '127.0.0.1', port: 0 }],
        httpServers: [{ name: 'api', enable: true, host: '127.0.0.1', port: httpPort }],
      },
    });
    try {
      await expect(env.catnap.writeOnebotConfig(10001, withHttp(port))).rejects.toThrow('already in use');
      const ready = await fetch(`${env.catnap.webuiUrl}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({ status: 'not ready', problems: ['account 10001, httpServers "api": not running'] });
      expect((await scrape()).value('catnap_ready')).toBe(0);
    } finally {
      blocker.close();
    }
    await env.catnap.writeOnebotConfig(10001, withHttp(0));
    expect((await fetch(`${env.catnap.webuiUrl}/readyz`)).status).toBe(200);
    expect((await scrape()).value('catnap_ready')).toBe(1);
  });

  it('/readyz is 503 while stopping', async () => {
    const other = await startCatnap({ accounts: [{ user_id: 20001, nickname: 'A' }] });
    const admin = other.catnap.admin!;
    expect((await admin.inject({ url: '/readyz' })).statusCode).toBe(200);
    const stopping = other.catnap.stop();
    expect(other.catnap.unready()).toEqual(['Catnap is stopping']);
    // The admin server is the first thing stop() closes: a new connection is refused at once, so the
    // request goes in-process, made before Fastify's own close hooks run (after them it would refuse it).
    const ready = await admin.inject({ url: '/readyz' });
    expect([ready.statusCode, ready.json()]).toEqual([503, { status: 'not ready', problems: ['Catnap is stopping'] }]);
    await stopping;
  });
});

describe('/metrics', () => {
  it('needs the token unless metrics.public is set', async () => {
    expect((await fetch(`${env.catnap.webuiUrl}/metrics`)).status).toBe(401);
    const dataDir = await tempDir();
    await mkdir(join(dataDir, 'config'), { recursive: true });
    await writeFile(join(dataDir, 'config', 'catnap.json'), JSON.stringify({ metrics: { public: true } }));
    const open = await startCatnap({ accounts: [{ user_id: 20001, nickname: 'A' }] }, { dataDir });
    try {
      const response = await fetch(`${open.catnap.webuiUrl}/metrics`);
      expect(response.status).toBe(200);
      expect(parsePrometheusTextFormat(await response.text()).some((family) => family.name === 'catnap_actions_total')).toBe(true);
    } finally {
      await open.catnap.stop();
    }
  });

  it('counts actions by retcode (a failed send too), messages stored and store writes', async () => {
    const before = await scrape();
    const failed = { action: 'send_group_msg', retcode: '2101', transport: 'admin' };
    const sent = { action: 'send_group_msg', retcode: '0', transport: 'admin' };
    // Bob is not in the group: QQ refuses, retcode 2101.
    expect((await env.admin('POST', '/api/world/act/20002/send_group_msg', { group_id: 30001, message: 'hi' })).json.retcode).toBe(2101);
    expect((await env.admin('POST', '/api/world/act/20001/send_group_msg', { group_id: 30001, message: 'hi' })).json.retcode).toBe(0);
    await env.admin('POST', '/api/world/act/20001/no_such_action', {});
    const after = await scrape();
    expect(after.value('catnap_actions_total', failed) - before.value('catnap_actions_total', failed)).toBe(1);
    expect(after.value('catnap_actions_total', sent) - before.value('catnap_actions_total', sent)).toBe(1);
    expect(after.value('catnap_actions_total', { action: '(unknown)', retcode: '1404' })).toBeGreaterThanOrEqual(1);
    expect(after.family('catnap_action_duration_seconds')?.type).toBe('HISTOGRAM');
    expect(after.histogramCount('catnap_action_duration_seconds', 'action="send_group_msg"')).toBeGreaterThanOrEqual(2);
    expect(
      after.value('catnap_messages_stored_total', { chat: 'group' }) - before.value('catnap_messages_stored_total', { chat: 'group' }),
    ).toBe(1);
    expect(after.value('catnap_world_events_total', { type: 'message.created' })).toBeGreaterThanOrEqual(1);
    expect(after.family('catnap_store_write_duration_seconds')?.type).toBe('HISTOGRAM');
    expect(after.histogramCount('catnap_store_write_duration_seconds', 'operation="messages.insert"')).toBeGreaterThanOrEqual(1);
    expect(after.family('process_cpu_user_seconds_total')).toBeDefined();
  });

  it('shows calls waiting in an account’s _rate_limited queue', async () => {
    // A dispatcher that runs one _rate_limited call a minute: the later calls wait, whatever the machine's speed.
    const { services } = await onebotWorld();
    const dispatcher = new Dispatcher(new ActionTable(allActions), services, { rateLimitIntervalMs: 60_000 });
    const metrics = new CatnapMetrics();
    metrics.observeDispatcher(dispatcher);
    const depth = async () => {
      const family = parsePrometheusTextFormat(await metrics.registry.metrics()).find(
        (candidate) => candidate.name === 'catnap_action_queue_depth',
      );
      return Number(
        family?.metrics.find((metric) => metric.labels?.self_id === '20001' && metric.labels.queue === 'rate_limited')?.value ?? 0,
      );
    };
    for (let i = 0; i < 3; i++)
      expect((await dispatcher.dispatch(20001, 'get_login_info_rate_limited', {}, { transport: 'test' })).retcode).toBe(1);
    await expect.poll(depth, poll).toBe(2);
    dispatcher.close();
    expect(await depth()).toBe(0);
    metrics.stop();
  });

  it('counts connected clients, the events they receive and their disconnects', async () => {
    const endpoint = ((await env.admin('GET', '/api/bots/10001/adapters')).json as any[]).find((adapter) => adapter.name === 'ws').endpoint;
    const client = new WebSocket(endpoint);
    await new Promise((resolve) => client.once('open', resolve));
    const labels = { self_id: '10001', kind: 'websocketServers', adapter: 'ws' };
    await expect.poll(async () => (await scrape()).value('catnap_clients_connected', labels), poll).toBe(1);
    const received = new Promise((resolve) => client.on('message', (data) => String(data).includes('"message_type"') && resolve(data)));
    await env.admin('POST', '/api/world/act/20001/send_group_msg', { group_id: 30001, message: 'ping' });
    await received;
    const during = await scrape();
    expect(during.value('catnap_onebot_events_sent_total', { transport: 'ws', type: 'message.group' })).toBeGreaterThanOrEqual(1);
    // An idle client that reads everything has nothing waiting: the series is there, and 0.
    expect(during.sample('catnap_client_backlog_bytes', labels)?.value).toBe('0');
    const peer = { self_id: '10001', transport: 'ws', adapter: 'ws', reason: 'peer' };
    const disconnectsBefore = during.value('catnap_client_disconnects_total', peer);
    client.close();
    await expect.poll(async () => (await scrape()).value('catnap_client_disconnects_total', peer), poll).toBe(disconnectsBefore + 1);
    expect((await scrape()).value('catnap_clients_connected', labels)).toBe(0);
  });

  it('shows the bytes waiting for a WebSocket client that stops reading', async () => {
    // A limit far above what the loop below can queue, so the stalled client is never closed.
    const tw = await transportWorld(undefined, { limits: { maxPendingBytes: 256 * 1024 * 1024 } });
    await tw.apply(10001, { websocketServers: [{ name: 'ws', enable: true, port: 0, heartInterval: 0 }] });
    const metrics = new CatnapMetrics();
    metrics.observeNetwork(tw.network, () => []);
    const backlog = async () =>
      parsePrometheusTextFormat(await metrics.registry.metrics())
        .find((family) => family.name === 'catnap_client_backlog_bytes')
        ?.metrics.find((metric) => metric.labels?.self_id === '10001' && metric.labels.adapter === 'ws')?.value;
    try {
      const slow = await TestSocket.open(`ws://127.0.0.1:${tw.port(10001, 'ws')}/`);
      await slow.next(() => true);
      expect(await backlog()).toBe('0');
      // The client's process stops reading its socket; once the kernel's buffers are full, data waits in Catnap.
      (slow.ws as unknown as { _socket: Socket })._socket.pause();
      const longName = 'x'.repeat(100 * 1024);
      for (let n = 0; n < 1000 && Number(await backlog()) === 0; n += 1) {
        await tw.world.groups.rename(20001, 30001, `${n}-${longName}`);
        await new Promise((resolve) => setImmediate(resolve));
      }
      expect(Number(await backlog())).toBeGreaterThan(0);
    } finally {
      metrics.stop();
    }
  });

  it('keeps each Catnap’s metrics apart', async () => {
    const other = await startCatnap({ accounts: [{ user_id: 20001, nickname: 'A' }] });
    try {
      await env.admin('POST', '/api/world/act/20001/get_login_info', {});
      const mine = await scrape();
      const theirs = await scrape(other.catnap.webuiUrl);
      expect(mine.value('catnap_actions_total', { action: 'get_login_info' })).toBeGreaterThanOrEqual(1);
      expect(theirs.value('catnap_actions_total', { action: 'get_login_info' })).toBe(0);
    } finally {
      await other.catnap.stop();
    }
  });
});
