import { round } from './latency-stats.js';

/**
 * What a run must show to pass (`--max-delivery-p99` and the others): a load test in CI fails the
 * build when the bot got slower or started dropping answers, by the command's exit code.
 */
export interface LoadLimits {
  readonly maxDeliveryP99Ms?: number;
  readonly maxReplyP99Ms?: number;
  /** 0..1 */
  readonly minReplyRate?: number;
  /** 0..1 */
  readonly maxErrorRate?: number;
  readonly maxLost?: number;
}

/** One limit and what the run measured (`checks` of report.json). */
export interface LimitCheck {
  /** The option that set it, as typed: `--max-reply-p99`. */
  readonly option: string;
  readonly limit: number;
  /** What the run measured, in the limit's unit; null when it measured nothing (no reply was timed). */
  readonly value: number | null;
  readonly unit: 'ms' | '%' | 'events';
  readonly passed: boolean;
}

/** The measurements a limit is checked against, as the report has them. */
export interface Measured {
  readonly deliveryP99Ms: number | null;
  readonly replyP99Ms: number | null;
  /** 0..1; null without --expect-reply. */
  readonly replyRate: number | null;
  /** 0..1 */
  readonly errorRate: number;
  readonly lost: number;
}

/** A fraction as a percentage, to four places: a limit typed as 99.999% stays that, and float noise (0.29 * 100) goes. */
const percent = (fraction: number) => round(fraction * 100, 4);

const atMost = (value: number, limit: number) => value <= limit;
const atLeast = (value: number, limit: number) => value >= limit;

/** Each limit that was set, checked against what the run measured, in the order of the options. */
export function checkLimits(limits: LoadLimits, measured: Measured): LimitCheck[] {
  const checks: LimitCheck[] = [];
  // Nothing measured passes no limit: a reply p99 limit with no reply timed is a bot that never answered.
  const check = (
    option: string,
    limit: number | undefined,
    value: number | null,
    unit: LimitCheck['unit'],
    meets: (value: number, limit: number) => boolean,
  ) => {
    if (limit !== undefined) checks.push({ option, limit, value, unit, passed: value !== null && meets(value, limit) });
  };
  const limitInPercent = (fraction: number | undefined) => (fraction === undefined ? undefined : percent(fraction));
  check('--max-delivery-p99', limits.maxDeliveryP99Ms, measured.deliveryP99Ms, 'ms', atMost);
  check('--max-reply-p99', limits.maxReplyP99Ms, measured.replyP99Ms, 'ms', atMost);
  check(
    '--min-reply-rate',
    limitInPercent(limits.minReplyRate),
    measured.replyRate === null ? null : percent(measured.replyRate),
    '%',
    atLeast,
  );
  check('--max-error-rate', limitInPercent(limits.maxErrorRate), percent(measured.errorRate), '%', atMost);
  check('--max-lost', limits.maxLost, measured.lost, 'events', atMost);
  return checks;
}

const shown = (value: number | null, unit: LimitCheck['unit']) =>
  value === null ? 'nothing measured' : unit === '%' ? `${value}%` : `${value} ${unit}`;

/** `--max-reply-p99 500 ms: 812 ms`, as the summary and the exit message name a missed limit. */
export function describeCheck(check: LimitCheck): string {
  return `${check.option} ${shown(check.limit, check.unit)}: ${shown(check.value, check.unit)}`;
}

/** The summary's line for the limits: all met, or which were missed and by what. */
export function limitsLine(checks: readonly LimitCheck[]): string {
  const missed = checks.filter((check) => !check.passed);
  if (missed.length === 0) return `all ${checks.length} met`;
  return `${missed.length} of ${checks.length} missed: ${missed.map(describeCheck).join('; ')}`;
}
