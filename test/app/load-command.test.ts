import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { summaryTable, type LoadReport } from '../../src/app/load/load-report.js';
import { MetricsProbe } from '../../src/app/load/metrics-probe.js';
import { CatnapClient } from '../../src/app/remote/catnap-client.js';
import { launchBrowser } from '../helpers/browser.js';
import { startCatnap } from '../helpers/catnap.js';
import { cli } from '../helpers/cli.js';
import { writeSampleReport } from '../helpers/load-report.js';
import { repoRoot, tempDir } from '../helpers/spawn.js';

const world = {
  accounts: [
    {
      user_id: 10001,
      nickname: 'Ping bot',
      bot: true,
      onebot: {
        network: { websocketServers: [{ name: 'ws', enable: true, host: '127.0.0.1', port: 0, token: 'bot-token', heartInterval: 0 }] },
      },
    },
    {
      user_id: 10002,
      nickname: 'Second ping bot',
      bot: true,
      onebot: {
        network: { websocketServers: [{ name: 'ws', enable: true, host: '127.0.0.1', port: 0, token: 'bot-token-2', heartInterval: 0 }] },
      },
    },
    { user_id: 20001, nickname: 'Alice' },
  ],
};

let env: Awaited<ReturnType<typeof startCatnap>>;
let remote: string[];
const stopBots: (() => void)[] = [];
beforeAll(async () => {
  env = await startCatnap(world);
  remote = ['--url', env.catnap.webuiUrl, '--token', 'admin-token'];
  // The reference bots run in processes of their own, as real bots would.
  for (const [selfId, token] of [
    [10001, 'bot-token'],
    [10002, 'bot-token-2'],
  ] as const) {
    const endpoint = env.catnap.network.status(selfId).find((status) => status.kind === 'websocketServers')!.endpoint;
    const bot = spawn(process.execPath, [join(repoRoot, 'bench/ping-bot.mjs'), endpoint, token], { stdio: ['ignore', 'pipe', 'inherit'] });
    stopBots.push(() => bot.kill('SIGTERM'));
    await new Promise<void>((resolve) => bot.stdout!.once('data', () => resolve()));
  }
});
/** A metrics probe of the run's kind for bot 10001, and one more client of that bot's WebSocket server, open. */
async function probeAndBotClient(): Promise<{ probe: MetricsProbe; client: WebSocket }> {
  const probe = await MetricsProbe.start(new CatnapClient({ url: env.catnap.webuiUrl, token: 'admin-token', source: 'the test' }), [10001]);
  const endpoint = env.catnap.network.status(10001).find((status) => status.kind === 'websocketServers')!.endpoint;
  const client = new WebSocket(endpoint, { headers: { authorization: 'Bearer bot-token' } });
  await new Promise((resolve, reject) => client.once('open', resolve).once('error', reject));
  return { probe, client };
}

afterAll(async () => {
  for (const stop of stopBots) stop();
  await env.catnap.stop();
});

describe('catnap load', () => {
  it('drives the groups at the rate, times delivery and replies, and writes a report with both charts', async () => {
    const out = await tempDir();
    // A long grace (the run stops waiting once all is in): on a loaded machine the bot's process
    // can take more than the default 5 s to answer everything, and nothing may count as lost.
    const shape = ['--groups', '3', '--users', '12', '--rate', '40/s', '--duration', '2s', '--grace', '30s'];
    const args = ['load', ...remote, '--self-id', '10001', ...shape];
    const result = await cli([...args, '--pattern', 'command:/ping', '--expect-reply', '--seed', '7', '--out', out]);
    // A line a second; which seconds show depends on the machine (a stalled second is skipped).
    expect(result.stderr).toMatch(/\[\s+\d+ s \/ 2 s\] \| sent \d+/);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/\| delivery latency +\| p50 [\d.]+ \| p90 [\d.]+ \| p99 [\d.]+ \| max [\d.]+ ms/);
    expect(result.stdout).toContain('reply latency');

    const report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as LoadReport;
    // How many went out depends on the machine's load (the generator reports any shortfall); never more than asked.
    expect(report.totals.sent).toBeGreaterThan(0);
    expect(report.totals.sent).toBeLessThanOrEqual(80);
    expect(report.totals.send_errors).toBe(0);
    expect(report.totals.delivered).toBe(report.totals.sent);
    expect(report.totals.lost).toBe(0);
    expect(report.totals.expected_replies).toBeGreaterThan(0);
    expect(report.totals.replies).toBe(report.totals.expected_replies);
    expect(report.rates.reply_rate).toBe(1);
    expect(report.latency_ms.reply!.p50).toBeGreaterThan(0);
    expect(report.rates.bot_calls_per_s).toBeGreaterThan(0);
    expect(report.rates.bot_error_rate).toBe(0);
    // The bot's only calls were its answers, counted from the metrics between the first and last reading.
    expect(report.totals.bot_calls_by_action).toEqual([
      { action: 'send_group_msg', calls: report.totals.replies, failed: 0, failed_by_retcode: {} },
    ]);
    expect(result.stdout).toMatch(new RegExp(`\\| calls by action +\\| send_group_msg ${report.totals.replies} +\\|`));
    expect(report.histogram_ms.delivery.counts.reduce((a, b) => a + b, 0)).toBe(report.totals.delivered);
    expect(report.timeline.length).toBeGreaterThanOrEqual(2);
    // No limits given: nothing checked, and the run passes.
    expect(report.checks).toEqual([]);
    expect(result.stdout).not.toContain('| limits');

    // The groups and people exist now, with the bot in every group; a second run reuses them.
    const groups = (await env.admin('GET', '/api/world/groups')).json as { group_id: number; members: { user_id: number }[] }[];
    const load = groups.filter((group) => group.group_id >= 1900000001);
    expect(load.map((group) => group.group_id)).toEqual([1900000001, 1900000002, 1900000003]);
    for (const group of load) expect(group.members.map((member) => member.user_id)).toContain(10001);
    const again = await cli([...args, '--duration', '1s', '--out', await tempDir()]);
    expect(again.code).toBe(0);

    // The page opens offline in a browser and draws both charts from the embedded report.
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort()));
      await page.goto(`file://${join(out, 'report.html')}`);
      const drawn = await page.evaluate(() => {
        const charts = (globalThis as unknown as { charts: Record<string, { data: { datasets: { data: unknown[] }[] } }> }).charts;
        return Object.fromEntries(Object.entries(charts).map(([name, chart]) => [name, chart.data.datasets.map((set) => set.data.length)]));
      });
      expect(errors).toEqual([]);
      expect(drawn.latency).toEqual([report.timeline.length, report.timeline.length, report.timeline.length, report.timeline.length]);
      expect(drawn.histogram![0]).toBe(report.histogram_ms.delivery.counts.length);
      const size = await page.locator('#latency-histogram').boundingBox();
      expect(size!.height).toBeGreaterThan(100);
    } finally {
      await browser.close();
    }
  }, 60_000);

  it('sends through a warm-up first and counts none of it: not its messages, answers or calls', async () => {
    const out = await tempDir();
    const shape = ['--groups', '2', '--users', '6', '--rate', '40/s', '--warm-up', '2s', '--duration', '1s', '--grace', '30s'];
    const result = await cli([
      'load',
      ...remote,
      '--self-id',
      '10001',
      ...shape,
      '--pattern',
      'command:/ping',
      '--expect-reply',
      '--out',
      out,
    ]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('after 2 s of warm-up');
    // One of the warm-up's lines, whichever second the machine let through.
    expect(result.stderr).toMatch(/\[warm-up( +1 s \/ 2 s\] sent \d+| over\] \d+ messages sent), not counted/);
    const report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as LoadReport;
    expect(report.options.warm_up_s).toBe(2);
    const warmUp = report.totals.warm_up!;
    expect(warmUp.sent).toBeGreaterThan(0);
    expect(warmUp.sent).toBeLessThanOrEqual(80);
    expect([warmUp.send_errors, warmUp.lost]).toEqual([0, 0]);
    // The measured second alone: its messages, each delivered and answered once, and its timeline from 0.
    expect(report.totals.sent).toBeGreaterThan(0);
    expect(report.totals.sent).toBeLessThanOrEqual(40);
    expect(report.rates.sending_s).toBeLessThan(1.5);
    expect(report.totals.delivered).toBe(report.totals.sent);
    expect(report.totals.expected_replies).toBe(report.totals.sent);
    expect(report.totals.replies).toBe(report.totals.sent);
    expect(report.totals.unexpected_replies).toBe(0);
    expect(report.latency_ms.delivery!.count).toBe(report.totals.sent);
    expect(report.timeline[0]!.t).toBe(0);
    expect(report.timeline.reduce((sum, second) => sum + second.sent, 0)).toBe(report.totals.sent);
    // The bot's calls count from the end of the warm-up: only answers to its last messages can come after it
    // (counted from the start, every warm-up answer would be here too).
    const calls = report.totals.bot_calls_by_action!.find((entry) => entry.action === 'send_group_msg')!.calls;
    expect(calls).toBeGreaterThanOrEqual(report.totals.replies);
    expect(calls).toBeLessThan(report.totals.replies + warmUp.sent);
    expect(result.stdout).toMatch(new RegExp(`\\| warm-up \\(not counted\\) +\\| 2 s, ${warmUp.sent} sent, lost 0 +\\|`));
  }, 60_000);

  it("counts the bot's clients that went away, by why, and names them in the summary", async () => {
    const { probe, client } = await probeAndBotClient();
    await new Promise((resolve) => client.once('close', resolve).close());
    let activity = await probe.read();
    // The close reaches Catnap a moment after the client's: read until it shows, for up to 15 s
    // (fifty 20 ms tries could all pass on a loaded machine before it did).
    const deadline = Date.now() + 15_000;
    while (!activity.disconnects.peer && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      activity = await probe.read();
    }
    expect(activity.disconnects).toEqual({ peer: 1 });
    // Counted once: the next reading has nothing new.
    expect((await probe.read()).disconnects).toEqual({});

    const report = await writeSampleReport(await tempDir(), 'run', '2026-12-03T18:00:00.000Z');
    expect(report.totals.bot_disconnects).toEqual({});
    expect(summaryTable(report)).not.toContain('went away');
    const dropped = { ...report, totals: { ...report.totals, bot_disconnects: { too_slow: 1, peer: 2 } } };
    expect(summaryTable(dropped)).toMatch(/\| bot clients that went away +\| 3 \(too_slow 1, peer 2\) +\|/);
  });

  it("names the bot's calls by action, the failed ones with their retcodes", async () => {
    const { probe, client } = await probeAndBotClient();
    let echo = 0;
    const call = (action: string, params: object) =>
      new Promise<number>((resolve) => {
        const mine = ++echo;
        const listener = (data: WebSocket.RawData) => {
          const frame = JSON.parse(data.toString()) as { echo?: unknown; retcode: number };
          if (frame.echo !== mine) return;
          client.off('message', listener);
          resolve(frame.retcode);
        };
        client.on('message', listener);
        client.send(JSON.stringify({ action, params, echo: mine }));
      });
    expect(await call('get_login_info', {})).toBe(0);
    expect(await call('get_login_info', {})).toBe(0);
    // A group the bot is not in, and an action NapCat does not have: refused, each with its retcode.
    const notMember = await call('send_group_msg', { group_id: 987654, message: 'hello' });
    const unknown = await call('no_such_action', {});
    client.close();
    expect(notMember).not.toBe(0);
    expect(unknown).not.toBe(0);
    await probe.read();
    expect(probe.callsByAction()).toEqual([
      { action: 'get_login_info', calls: 2, failed: 0, failed_by_retcode: {} },
      { action: '(unknown)', calls: 1, failed: 1, failed_by_retcode: { [String(unknown)]: 1 } },
      { action: 'send_group_msg', calls: 1, failed: 1, failed_by_retcode: { [String(notMember)]: 1 } },
    ]);

    // The summary names the failing actions first, with why, then the busiest others.
    const sample = await writeSampleReport(await tempDir(), 'run', '2026-12-03T18:00:00.000Z');
    expect(summaryTable(sample)).toMatch(/\| calls by action +\| send_group_msg 10 +\|/);
    const many = [
      ...['get_group_info', 'get_group_member_list', 'get_login_info', 'get_msg', 'get_status', 'send_group_msg'].map((action, index) => ({
        action,
        calls: 100 - index,
        failed: 0,
        failed_by_retcode: {},
      })),
      { action: 'set_group_ban', calls: 4, failed: 3, failed_by_retcode: { '1200': 1, '102': 2 } },
    ];
    const failing = { ...sample, totals: { ...sample.totals, bot_calls_by_action: many } };
    expect(summaryTable(failing)).toMatch(
      /\| calls by action +\| set_group_ban 4 \(3 failed, retcode 102: 2, retcode 1200: 1\); get_group_info 100; get_group_member_list 99; get_login_info 98; get_msg 97; get_status 96; 1 more in report.json +\|/,
    );
    // A report written before the count: no row.
    const older = { ...sample, totals: { ...sample.totals, bot_calls_by_action: undefined } };
    expect(summaryTable(older)).not.toContain('calls by action');
    // With several bots, each bot's line names its failing actions.
    const two = await writeSampleReport(await tempDir(), 'two', '2026-12-03T18:00:00.000Z', { selfIds: [10001, 10002] });
    const failingBot = { ...two.bots![1]!, calls: 5, failed_calls: 3, calls_by_action: many.slice(-1) };
    expect(summaryTable({ ...two, bots: [two.bots![0]!, failingBot] })).toMatch(
      /\| bot 10002 +\| .*; calls 5 \(3 failed: set_group_ban 3\); backlog 0 B +\|/,
    );
  });

  it('watches several bots in the same groups, each on its own socket, and reports each and all of them', async () => {
    const out = await tempDir();
    // Groups and people of their own: the other runs' groups keep one bot.
    const shape = ['--groups', '2', '--users', '6', '--rate', '20/s', '--duration', '2s', '--grace', '30s'];
    const own = ['--group-base', '1910000001', '--user-base', '1810000001'];
    const args = ['load', ...remote, '--self-id', '10001,10002', ...shape, ...own, '--pattern', 'command:/ping', '--expect-reply'];
    const result = await cli([...args, '--out', out]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('bots 10001, 10002 at');
    const report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as LoadReport;
    expect(report.options).toMatchObject({ self_id: 10001, self_ids: [10001, 10002] });
    const stored = report.totals.sent - report.totals.send_errors;
    expect(stored).toBeGreaterThan(0);
    const bots = report.bots!;
    expect(bots.map((bot) => bot.self_id)).toEqual([10001, 10002]);
    expect(bots[0]!.watched_socket.url).not.toBe(bots[1]!.watched_socket.url);
    for (const bot of bots) {
      // Every message reached each bot, and each answered each one once (ping-bot makes no other call).
      expect(bot).toMatchObject({ delivered: stored, lost: 0, expected_replies: stored, replies: stored, reply_rate: 1 });
      expect(bot).toMatchObject({ unexpected_replies: 0, calls: stored, failed_calls: 0 });
      expect(bot.calls_by_action).toEqual([{ action: 'send_group_msg', calls: stored, failed: 0, failed_by_retcode: {} }]);
      expect(bot.delivery_ms!.p99).toBeGreaterThan(0);
      expect(bot.reply_ms!.p99).toBeGreaterThanOrEqual(bot.reply_ms!.p50);
    }
    // The totals and the charts are of both bots: a message delivered to two bots is two deliveries.
    expect(report.totals).toMatchObject({ delivered: 2 * stored, lost: 0, expected_replies: 2 * stored, replies: 2 * stored });
    expect(report.latency_ms.delivery!.count).toBe(2 * stored);
    expect(report.timeline.reduce((sum, point) => sum + point.replies, 0)).toBe(2 * stored);
    for (const selfId of [10001, 10002]) {
      expect(result.stdout).toMatch(
        new RegExp(
          `\\| bot ${selfId} +\\| delivered ${stored}, lost 0, p99 [\\d.]+ ms; replies ${stored}/${stored}, p99 [\\d.]+ ms; calls ${stored} \\(0 failed\\); backlog \\d+ B +\\|`,
        ),
      );
    }
    // Both bots joined both groups.
    const client = new CatnapClient({ url: env.catnap.webuiUrl, token: 'admin-token', source: 'the test' });
    const groups = await client.request<{ group_id: number; members: { user_id: number }[] }[]>('GET', '/api/world/groups');
    for (const groupId of [1910000001, 1910000002]) {
      const members = groups.find((group) => group.group_id === groupId)!.members;
      expect(members.map((member) => member.user_id)).toEqual(expect.arrayContaining([10001, 10002]));
    }
  }, 60_000);

  it('exits 1 when the run misses a limit it was given, and says which and by what', async () => {
    const out = await tempDir();
    const shape = ['--groups', '2', '--users', '6', '--rate', '20/s', '--duration', '1s', '--grace', '30s'];
    const limits = ['--max-delivery-p99', '0.001ms', '--min-reply-rate', '100%', '--max-error-rate', '0%', '--max-lost', '0'];
    const args = ['load', ...remote, '--self-id', '10001', ...shape, '--pattern', 'command:/ping', '--expect-reply', ...limits];
    const result = await cli([...args, '--out', out]);
    // No delivery takes a microsecond; the bot answered every command, failed nothing and lost nothing.
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/catnap load: limits 1 of 4 missed: --max-delivery-p99 0\.001 ms: [\d.]+ ms\n/);
    expect(result.stdout).toMatch(/\| limits +\| 1 of 4 missed: --max-delivery-p99 0\.001 ms: [\d.]+ ms +\|/);
    const report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as LoadReport;
    expect(report.checks).toEqual([
      { option: '--max-delivery-p99', limit: 0.001, value: report.latency_ms.delivery!.p99, unit: 'ms', passed: false },
      { option: '--min-reply-rate', limit: 100, value: 100, unit: '%', passed: true },
      { option: '--max-error-rate', limit: 0, value: 0, unit: '%', passed: true },
      { option: '--max-lost', limit: 0, value: 0, unit: 'events', passed: true },
    ]);
    // The same run with the delivery limit it can meet passes.
    const met = await cli([...args.filter((arg) => arg !== '0.001ms' && arg !== '--max-delivery-p99'), '--out', await tempDir()]);
    expect(met.code).toBe(0);
    expect(met.stdout).toMatch(/\| limits +\| all 3 met +\|/);
  }, 60_000);

  it('refuses a wrong command line or an unknown bot with a clear message', async () => {
    expect(await cli(['load', ...remote, '--self-id', '10001,10001'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--self-id names a bot twice'),
    });
    expect(await cli(['load', ...remote, '--self-id', '10001,10002', '--observe', 'ws://127.0.0.1:9/'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--observe watches one bot'),
    });
    // A bot cannot also be one of the synthetic people (it would speak and be counted as load).
    expect(await cli(['load', ...remote, '--self-id', '10002', '--user-base', '10001', '--users', '3', '--duration', '1s'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("bot 10002 is also one of the run's people; move --user-base"),
    });
    expect(await cli(['load', ...remote, '--self-id', '10001', '--rate', 'fast'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--rate must be a positive rate'),
    });
    expect(await cli(['load', ...remote, '--self-id', '10001', '--pattern', 'shout'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--pattern must be'),
    });
    // A limit on answers needs them timed; a limit must be one.
    expect(await cli(['load', ...remote, '--self-id', '10001', '--max-reply-p99', '500ms'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--max-reply-p99 needs --expect-reply'),
    });
    expect(await cli(['load', ...remote, '--self-id', '10001', '--expect-reply', '--min-reply-rate', '120%'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--min-reply-rate must be a percentage from 0 to 100'),
    });
    expect(await cli(['load', '--self-id', '10001', '--world', join(repoRoot, 'no-such-world.yaml')])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('cannot read world file'),
    });
    const missing = await cli(['load', ...remote, '--self-id', '55555', '--duration', '1s']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('account 55555 does not exist');
    // A bot without a forward WebSocket server cannot be watched: say how to fix it.
    const silent = await cli([
      'load',
      ...remote,
      '--self-id',
      '20001',
      '--duration',
      '1s',
      '--groups',
      '1',
      '--users',
      '2',
      '--group-base',
      '1950000001',
    ]);
    expect(silent.code).toBe(1);
    expect(silent.stderr).toContain('no listening forward WebSocket server');
  });
});
