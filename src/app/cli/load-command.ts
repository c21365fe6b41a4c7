import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, Option } from 'commander';
import { silentLogger } from '../../util/logger.js';
import { Catnap } from '../catnap.js';
import {
  LoadOptionError,
  parseBots,
  parseCount,
  parseDuration,
  parseLimitCount,
  parsePattern,
  parsePercent,
  parseRate,
  parseWarmUp,
  type LoadOptions,
} from '../load/load-options.js';
import type { LoadLimits } from '../load/load-limits.js';
import { CatnapClient } from '../remote/catnap-client.js';
import { parseId, type CliCommand, type CliContext, type CliIo } from './cli-context.js';
import { clientFor, withConnectionOptions } from './remote-options.js';
import { describeLoadFailure } from './load-failure.js';
import { describeStartFailure } from './start-failure.js';

interface LoadFlags {
  readonly selfId: string;
  readonly url?: string;
  readonly token?: string;
  readonly data?: string;
  readonly world?: string;
  readonly groups: string;
  readonly users: string;
  readonly rate: string;
  readonly duration: string;
  readonly ramp?: boolean;
  readonly warmUp?: string;
  readonly pattern: string;
  readonly expectReply?: boolean;
  readonly out?: string;
  readonly userBase: string;
  readonly groupBase: string;
  readonly seed: string;
  readonly grace: string;
  readonly maxInFlight: string;
  readonly waitBot?: string;
  readonly observe?: string;
  readonly observeToken?: string;
  readonly maxDeliveryP99?: string;
  readonly maxReplyP99?: string;
  readonly minReplyRate?: string;
  readonly maxErrorRate?: string;
  readonly maxLost?: string;
}

/** `catnap load`: synthetic people chat at a rate in groups with a bot; the bot's side is timed. */
export const loadCommand: CliCommand = (ctx) =>
  withConnectionOptions(
    new Command('load')
      .description("load-test a bot: synthetic people chat in groups at a rate, and the bot's deliveries and answers are timed")
      .requiredOption(
        '--self-id <user_id>',
        'the bot account under test (its bot connects to its adapters as usual), or several in the same groups: 10001,10002',
      )
      .addOption(new Option('--world <file>', 'start a Catnap in this process with this world file instead of using a running one'))
      .option('--groups <n>', 'groups the people chat in (created, or reused from an earlier run)', '10')
      .option('--users <n>', 'synthetic people who speak', '100')
      .option('--rate <rate>', 'messages per second, or per minute as 120/min', '50/s')
      .option('--duration <time>', 'how long to send: 60s, 2m, 500ms', '60s')
      .option('--ramp', 'climb from a tenth of the rate to the full rate over the run instead of a steady rate')
      .option('--warm-up <time>', 'send this long first, at the rate the run starts at, and count none of it: 5s')
      .option('--pattern <pattern>', 'chat | command:"/ping" (every message is the command) | mixed[:"/ping"] (one in ten)', 'chat')
      .option('--expect-reply', 'time the bot answering each command (each message with --pattern chat) in its group')
      .option('--out <dir>', 'where to write report.json and report.html (default <data>/load/<time>, or ./catnap-load/<time> with --url)')
      .option('--user-base <id>', 'QQ number of the first synthetic person', '1800000001')
      .option('--group-base <id>', 'number of the first group', '1900000001')
      .option('--seed <n>', 'seed of who says what where, to repeat a run', '1')
      .option('--grace <time>', 'how long to wait after the last send for late events and answers', '5s')
      .option('--wait-bot <time>', 'how long to wait for the bot to connect before sending (default 10s, 60s with --world)')
      .option('--max-in-flight <n>', 'sends in flight at once before the generator holds back', '512')
      .option('--observe <ws-url>', "watch this WebSocket for the bot's events instead of the bot's own forward WebSocket server")
      .option('--observe-token <token>', 'the token of --observe')
      .option('--max-delivery-p99 <time>', 'exit 1 if the delivery p99 is longer: 20ms')
      .option('--max-reply-p99 <time>', 'exit 1 if the reply p99 is longer (with --expect-reply): 500ms')
      .option('--min-reply-rate <percent>', 'exit 1 if fewer of the expected answers came (with --expect-reply): 100%')
      .option('--max-error-rate <percent>', "exit 1 if more of the bot's action calls failed: 0%")
      .option('--max-lost <n>', "exit 1 if more events never reached the bot's socket: 0"),
  )
    .addHelpText(
      'after',
      [
        '',
        'Prints a progress line every second, a summary table at the end, and writes report.json and',
        'report.html (open it in a browser; the console lists reports under <data>/load on its Load page).',
        'Exits 0 when the run met every limit given (--max-reply-p99 and the others), 1 when it missed one',
        'or could not run, 2 on a wrong command line.',
        'See docs/load-testing.md.',
      ].join('\n'),
    )
    .action(async (flags: LoadFlags) => {
      const options = loadOptions(flags, ctx.io);
      let catnap: Catnap | undefined;
      let dataDir = flags.data ?? ctx.io.env.CATNAP_DATA;
      try {
        let client: CatnapClient;
        if (flags.world) {
          dataDir ??= await mkdtemp(join(tmpdir(), 'catnap-load-'));
          const token = randomBytes(16).toString('hex');
          try {
            catnap = await Catnap.start({
              dataDir,
              worldFile: flags.world,
              webuiPort: 0,
              webuiToken: token,
              logger: silentLogger,
              watchConfig: false,
            });
          } catch (error) {
            // A missing or refused world file reads as `catnap start` says it, not as a stack trace.
            throw describeStartFailure(error, ctx.io, dataDir);
          }
          client = new CatnapClient({ url: catnap.webuiUrl, token, source: '--world' });
          ctx.io.stderr(`catnap load: started Catnap on ${flags.world} (data ${dataDir})\n`);
        } else {
          client = await clientFor(ctx, flags);
        }
        await run(ctx, client, options, flags, dataDir);
      } finally {
        await catnap?.stop();
      }
    });

async function run(
  ctx: CliContext,
  client: CatnapClient,
  options: LoadOptions,
  flags: LoadFlags,
  dataDir: string | undefined,
): Promise<void> {
  const tty = (ctx.io.stdoutStream as { isTTY?: boolean }).isTTY === true;
  ctx.io.stderr(
    `catnap load: ${options.selfIds.length === 1 ? 'bot' : 'bots'} ${options.selfIds.join(', ')} at ${client.connection.url}: ` +
      `${options.groups} groups, ${options.users} people, ` +
      `${options.ramp ? 'ramping to ' : ''}${options.rate}/s for ${options.durationMs / 1000} s` +
      `${options.warmUpMs > 0 ? ` after ${options.warmUpMs / 1000} s of warm-up` : ''}\n`,
  );
  // The engine (its sockets, the report writer) loads only when a run starts, not with every `catnap` command.
  const { runLoad } = await import('../load/load-run.js');
  const { reportName, writeReport } = await import('../load/report-files.js');
  const { summaryTable } = await import('../load/load-report.js');
  const { limitsLine } = await import('../load/load-limits.js');
  let report;
  try {
    report = await runLoad(client, options, (line) => ctx.io.stderr(tty ? `\r${line}\x1b[K` : `${line}\n`));
  } catch (error) {
    throw describeLoadFailure(error, ctx.io);
  }
  if (tty) ctx.io.stderr('\n');
  const out =
    flags.out ??
    join(flags.url || ctx.io.env.CATNAP_URL ? 'catnap-load' : join(dataDir ?? './data', 'load'), reportName(report.started_at));
  const files = await writeReport(out, report);
  ctx.io.stdout(`${summaryTable(report)}\nreport: ${files.html}\n        ${files.json}\n`);
  if (report.totals.sent === 0 || report.totals.send_errors === report.totals.sent) ctx.exitCode = 1;
  const checks = report.checks ?? [];
  if (checks.some((check) => !check.passed)) {
    ctx.io.stderr(`catnap load: limits ${limitsLine(checks)}\n`);
    ctx.exitCode = 1;
  }
}

/** The limits a run must meet; the reply limits need answers to be timed. */
function loadLimits(flags: LoadFlags): LoadLimits {
  for (const [given, option] of [
    [flags.maxReplyP99, '--max-reply-p99'],
    [flags.minReplyRate, '--min-reply-rate'],
  ] as const) {
    if (given !== undefined && flags.expectReply !== true)
      throw new LoadOptionError(`${option} needs --expect-reply: without it no answer is timed`);
  }
  return {
    ...(flags.maxDeliveryP99 !== undefined && { maxDeliveryP99Ms: parseDuration(flags.maxDeliveryP99, '--max-delivery-p99') }),
    ...(flags.maxReplyP99 !== undefined && { maxReplyP99Ms: parseDuration(flags.maxReplyP99, '--max-reply-p99') }),
    ...(flags.minReplyRate !== undefined && { minReplyRate: parsePercent(flags.minReplyRate, '--min-reply-rate') }),
    ...(flags.maxErrorRate !== undefined && { maxErrorRate: parsePercent(flags.maxErrorRate, '--max-error-rate') }),
    ...(flags.maxLost !== undefined && { maxLost: parseLimitCount(flags.maxLost, '--max-lost') }),
  };
}

function loadOptions(flags: LoadFlags, io: CliIo): LoadOptions {
  try {
    const selfIds = parseBots(flags.selfId, parseId);
    // One socket cannot stand for several bots: each bot's own events are what is timed.
    if (flags.observe && selfIds.length > 1)
      throw new LoadOptionError('--observe watches one bot; with several, each is watched on its own socket');
    return {
      selfIds,
      groups: parseCount(flags.groups, '--groups', 100_000),
      users: parseCount(flags.users, '--users', 1_000_000),
      rate: parseRate(flags.rate),
      durationMs: parseDuration(flags.duration, '--duration'),
      ramp: flags.ramp === true,
      warmUpMs: flags.warmUp === undefined ? 0 : parseWarmUp(flags.warmUp),
      pattern: parsePattern(flags.pattern),
      expectReply: flags.expectReply === true,
      userBase: parseId(flags.userBase, '--user-base'),
      groupBase: parseId(flags.groupBase, '--group-base'),
      seed: parseCount(flags.seed, '--seed', 2 ** 32 - 1),
      graceMs: parseDuration(flags.grace, '--grace'),
      maxInFlight: parseCount(flags.maxInFlight, '--max-in-flight', 100_000),
      waitBotMs: parseDuration(flags.waitBot ?? (flags.world ? '60s' : '10s'), '--wait-bot'),
      ...(flags.observe && { observeUrl: flags.observe }),
      ...(flags.observeToken && { observeToken: flags.observeToken }),
      limits: loadLimits(flags),
    };
  } catch (error) {
    throw describeLoadFailure(error, io);
  }
}
