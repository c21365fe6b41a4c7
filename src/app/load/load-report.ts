import type { ActionCalls } from './action-tally.js';
import type { BotSection, BotUnderLoad } from './bot-under-load.js';
import type { Histogram, LatencySummary } from './latency-stats.js';
import { round } from './latency-stats.js';
import { checkLimits, limitsLine, type LimitCheck } from './load-limits.js';
import type { LoadOptions } from './load-options.js';
import type { Recorder, TimelinePoint } from './recorder.js';

/** `report.json`: everything a run measured. docs/load-testing.md explains each field. */
export interface LoadReport {
  readonly kind: 'catnap-load-report';
  readonly version: 1;
  readonly started_at: string;
  readonly target: string;
  /** The first bot's (each bot's is in `bots`). */
  readonly watched_socket: { readonly url: string; readonly adapter: string };
  readonly options: {
    /** The first bot under test. */
    readonly self_id: number;
    /** Every bot under test (absent from reports written before a run could have several). */
    readonly self_ids?: readonly number[];
    readonly groups: number;
    readonly users: number;
    readonly rate: number;
    readonly duration_s: number;
    readonly ramp: boolean;
    /** Seconds sent before measuring (0 for none); absent from reports written before runs had one. */
    readonly warm_up_s?: number;
    readonly pattern: string;
    readonly expect_reply: boolean;
    readonly seed: number;
  };
  readonly totals: {
    readonly sent: number;
    readonly send_errors: number;
    readonly send_error_kinds: Record<string, number>;
    /** Messages seen on the bots' sockets: a message two bots received counts twice. */
    readonly delivered: number;
    /** Sent successfully but never seen on a bot's socket before the grace period ended (once per bot). */
    readonly lost: number;
    /** How far the generator fell behind the rate at worst (messages); 0 when it kept up. */
    readonly generator_behind: number;
    readonly expected_replies: number;
    readonly replies: number;
    readonly unexpected_replies: number;
    readonly live_frames_dropped: number;
    /**
     * The bot's clients that went away during the run, by why: `too_slow` when Catnap closed one
     * that fell 8 MiB behind, `peer` when the client closed, `no_pong`, `server`. Absent from
     * reports written before it was counted.
     */
    readonly bot_disconnects?: Readonly<Record<string, number>>;
    /**
     * The bots' calls by action, the busiest first, each with its failed calls by retcode (from
     * the metrics, like `rates.bot_calls_per_s`). Absent from reports written before it was counted.
     */
    readonly bot_calls_by_action?: readonly ActionCalls[];
    /**
     * The warm-up's messages, counted apart from everything above (lost: never seen on a bot's
     * socket before the grace period ended, once per bot). Absent from reports written before runs had one.
     */
    readonly warm_up?: { readonly sent: number; readonly send_errors: number; readonly lost: number };
  };
  readonly rates: {
    readonly sending_s: number;
    readonly sent_per_s: number;
    readonly delivered_per_s: number;
    readonly bot_calls_per_s: number;
    /** Failed bot calls / bot calls, 0..1. */
    readonly bot_error_rate: number;
    /** Answers / expected answers, 0..1; null without --expect-reply. */
    readonly reply_rate: number | null;
  };
  readonly latency_ms: {
    readonly delivery: LatencySummary | null;
    readonly reply: LatencySummary | null;
    /** The admin API's answer to each send, for comparison. */
    readonly send: LatencySummary | null;
  };
  readonly backlog: { readonly max_bytes: number; readonly max_post_queue: number };
  readonly histogram_ms: { readonly delivery: Histogram; readonly reply: Histogram };
  readonly timeline: readonly TimelinePoint[];
  /** Each bot on its own (absent from reports written before a run could have several). */
  readonly bots?: readonly BotSection[];
  /**
   * Each limit the run was given (`--max-reply-p99` and the others) and what was measured; empty
   * without limits, absent from reports written before runs took them.
   */
  readonly checks?: readonly LimitCheck[];
}

export interface ReportInput {
  readonly options: LoadOptions;
  readonly startedAt: Date;
  readonly sendingMs: number;
  readonly recorder: Recorder;
  readonly bots: readonly BotUnderLoad[];
  readonly behind: number;
  readonly liveDropped: number;
  readonly target: string;
  readonly callsByAction: readonly ActionCalls[];
}

export function patternText(pattern: LoadOptions['pattern']): string {
  return pattern.kind === 'chat' ? 'chat' : `${pattern.kind}:${pattern.text}`;
}

export function buildReport(input: ReportInput): LoadReport {
  const { options, recorder } = input;
  const latencies = recorder.latencies();
  const seconds = input.sendingMs / 1000;
  const bots = input.bots.map((bot) => bot.section(options.expectReply));
  const total = (count: (bot: BotSection) => number) => bots.reduce((sum, bot) => sum + count(bot), 0);
  const delivered = total((bot) => bot.delivered);
  const expected = total((bot) => bot.expected_replies);
  const lost = total((bot) => bot.lost);
  const replyRate = options.expectReply ? (expected > 0 ? round(recorder.reply.count / expected, 4) : 0) : null;
  const errorRate = recorder.botCalls > 0 ? round(recorder.botErrors / recorder.botCalls, 4) : 0;
  return {
    kind: 'catnap-load-report',
    version: 1,
    started_at: input.startedAt.toISOString(),
    target: input.target,
    watched_socket: bots[0]!.watched_socket,
    options: {
      self_id: options.selfIds[0]!,
      self_ids: options.selfIds,
      groups: options.groups,
      users: options.users,
      rate: options.rate,
      duration_s: options.durationMs / 1000,
      ramp: options.ramp,
      warm_up_s: options.warmUpMs / 1000,
      pattern: patternText(options.pattern),
      expect_reply: options.expectReply,
      seed: options.seed,
    },
    totals: {
      sent: recorder.sent,
      send_errors: recorder.sendErrors,
      send_error_kinds: Object.fromEntries(recorder.sendErrorKinds),
      delivered,
      lost,
      generator_behind: input.behind,
      expected_replies: expected,
      replies: recorder.reply.count,
      unexpected_replies: total((bot) => bot.unexpected_replies),
      live_frames_dropped: input.liveDropped,
      bot_disconnects: Object.fromEntries(recorder.botDisconnects),
      bot_calls_by_action: input.callsByAction,
      warm_up: {
        sent: recorder.warmUpSent,
        send_errors: recorder.warmUpSendErrors,
        lost: input.bots.reduce((sum, bot) => sum + bot.warmUpUnseen, 0),
      },
    },
    rates: {
      sending_s: round(seconds, 2),
      sent_per_s: round(recorder.sent / seconds, 1),
      delivered_per_s: round(delivered / seconds, 1),
      bot_calls_per_s: round(recorder.botCalls / seconds, 1),
      bot_error_rate: errorRate,
      reply_rate: replyRate,
    },
    latency_ms: latencies,
    backlog: { max_bytes: recorder.maxBacklogBytes, max_post_queue: recorder.maxPostQueue },
    histogram_ms: { delivery: latencies.deliveryHistogram, reply: latencies.replyHistogram },
    timeline: recorder.timeline(),
    bots,
    checks: checkLimits(options.limits, {
      deliveryP99Ms: latencies.delivery?.p99 ?? null,
      replyP99Ms: latencies.reply?.p99 ?? null,
      // No command was sent: no answer could be missed or given, which meets no reply limit.
      replyRate: expected > 0 ? replyRate : null,
      errorRate,
      lost,
    }),
  };
}

const ms = (value: number | null | undefined) => (value === null || value === undefined ? '-' : `${value} ms`);

/** The line printed once a second while the run goes on. */
export function progressLine(
  recorder: Recorder,
  now: number,
  options: LoadOptions,
  counts: { delivered: number; expected: number; elapsedS: number; pending: number },
): string {
  const total = options.durationMs / 1000;
  if (counts.elapsedS <= 0 && options.warmUpMs > 0) {
    // Seconds count from the end of the warm-up; at 0 it has just ended.
    const warmUp = options.warmUpMs / 1000;
    if (counts.elapsedS === 0) return `[warm-up over] ${recorder.warmUpSent} messages sent, not counted; measuring for ${total} s`;
    return `[warm-up ${String(Math.round(warmUp + counts.elapsedS)).padStart(2)} s / ${warmUp} s] sent ${recorder.warmUpSent}, not counted`;
  }
  if (counts.elapsedS > total) {
    const answers = options.expectReply ? `, ${recorder.reply.count}/${counts.expected} answers` : '';
    return `[grace ${counts.elapsedS - total} s] waiting for ${counts.pending} events still on their way${answers}`;
  }
  const [second] = recorder.recent(now);
  const parts = [
    `[${String(counts.elapsedS).padStart(4)} s / ${total} s]`,
    `sent ${recorder.sent} (${second?.sent ?? 0}/s)`,
    `delivered ${counts.delivered} p99 ${ms(second?.delivery_p99)}`,
  ];
  if (options.expectReply) parts.push(`replies ${recorder.reply.count}/${counts.expected} p99 ${ms(second?.reply_p99)}`);
  parts.push(`bot ${second?.bot_calls ?? 0} calls/s ${second?.bot_errors ?? 0} errors`, `backlog ${second?.backlog_bytes ?? 0} B`);
  if (recorder.sendErrors > 0) parts.push(`send errors ${recorder.sendErrors}`);
  return parts.join(' | ');
}

/** The table printed at the end. */
export function summaryTable(report: LoadReport): string {
  const { totals, rates, latency_ms: latency } = report;
  const several = (report.bots?.length ?? 0) > 1;
  const rows: [string, string][] = [];
  const warmUp = totals.warm_up;
  if (report.options.warm_up_s && warmUp) {
    const errors = warmUp.send_errors > 0 ? `, ${warmUp.send_errors} send errors` : '';
    rows.push(['warm-up (not counted)', `${report.options.warm_up_s} s, ${warmUp.sent} sent${errors}, lost ${warmUp.lost}`]);
  }
  rows.push(
    ['messages sent', `${totals.sent} (${rates.sent_per_s}/s over ${rates.sending_s} s)`],
    ['send errors', totals.send_errors === 0 ? '0' : `${totals.send_errors} ${JSON.stringify(totals.send_error_kinds)}`],
    [`delivered to the ${several ? 'bots' : 'bot'}`, `${totals.delivered} (${rates.delivered_per_s}/s), lost ${totals.lost}`],
  );
  const line = (name: string, summary: LatencySummary | null) =>
    rows.push([name, summary ? `p50 ${summary.p50} | p90 ${summary.p90} | p99 ${summary.p99} | max ${summary.max} ms` : '-']);
  line('delivery latency', latency.delivery);
  if (report.options.expect_reply) {
    rows.push(['replies', `${totals.replies} of ${totals.expected_replies} (${round((rates.reply_rate ?? 0) * 100, 1)}%)`]);
    line('reply latency', latency.reply);
  }
  rows.push(['bot action calls', `${rates.bot_calls_per_s}/s, error rate ${round(rates.bot_error_rate * 100, 2)}%`]);
  if (totals.bot_calls_by_action?.length) rows.push(['calls by action', actionsLine(totals.bot_calls_by_action)]);
  rows.push([
    'event backlog (max)',
    `${report.backlog.max_bytes} B${report.backlog.max_post_queue ? `, ${report.backlog.max_post_queue} queued POSTs` : ''}`,
  ]);
  const disconnects = Object.entries(totals.bot_disconnects ?? {});
  if (disconnects.length > 0) {
    const count = disconnects.reduce((sum, [, n]) => sum + n, 0);
    rows.push(['bot clients that went away', `${count} (${disconnects.map(([reason, n]) => `${reason} ${n}`).join(', ')})`]);
  }
  if (totals.generator_behind > 0) rows.push(['generator fell behind', `by ${totals.generator_behind} messages at worst`]);
  // Several bots: a line for each, after the totals of them all.
  if (several) for (const bot of report.bots!) rows.push([`bot ${bot.self_id}`, botLine(bot)]);
  // The verdict last.
  if (report.checks?.length) rows.push(['limits', limitsLine(report.checks)]);
  const width = Math.max(...rows.map(([name]) => name.length));
  const valueWidth = Math.max(...rows.map(([, value]) => value.length));
  const rule = `+-${'-'.repeat(width)}-+-${'-'.repeat(valueWidth)}-+`;
  return [rule, ...rows.map(([name, value]) => `| ${name.padEnd(width)} | ${value.padEnd(valueWidth)} |`), rule].join('\n');
}

/** How many actions the summary names; report.json has them all. */
const actionsShown = 6;

/**
 * The summary's calls by action: every action with failed calls first (the most failures first,
 * each with its retcodes, which docs/errors.md explains), then the busiest others.
 */
function actionsLine(actions: readonly ActionCalls[]): string {
  const shown = [...failingFirst(actions), ...actions.filter((entry) => entry.failed === 0)].slice(0, actionsShown);
  const parts = shown.map((entry) => {
    if (entry.failed === 0) return `${entry.action} ${entry.calls}`;
    const why = Object.entries(entry.failed_by_retcode)
      .sort(([, a], [, b]) => b - a)
      .map(([retcode, count]) => `retcode ${retcode}: ${count}`);
    return `${entry.action} ${entry.calls} (${entry.failed} failed, ${why.join(', ')})`;
  });
  if (actions.length > shown.length) parts.push(`${actions.length - shown.length} more in report.json`);
  return parts.join('; ');
}

/** The actions with failed calls, the most failures first. */
function failingFirst(actions: readonly ActionCalls[]): ActionCalls[] {
  return actions.filter((entry) => entry.failed > 0).sort((a, b) => b.failed - a.failed);
}

/** One bot's line of the summary table. */
function botLine(bot: BotSection): string {
  const parts = [`delivered ${bot.delivered}, lost ${bot.lost}, p99 ${ms(bot.delivery_ms?.p99)}`];
  if (bot.reply_rate !== null) parts.push(`replies ${bot.replies}/${bot.expected_replies}, p99 ${ms(bot.reply_ms?.p99)}`);
  if (bot.calls !== null) {
    const which = failingFirst(bot.calls_by_action ?? [])
      .map((entry) => `${entry.action} ${entry.failed}`)
      .join(', ');
    parts.push(`calls ${bot.calls} (${bot.failed_calls} failed${which ? `: ${which}` : ''})`);
  }
  parts.push(`backlog ${bot.max_backlog_bytes} B`);
  return parts.join('; ');
}
