import type { LoadLimits } from './load-limits.js';

/** What one `catnap load` run does; parsed from the command line by `cli/load-command.ts`. */
export interface LoadOptions {
  /**
   * The bot accounts under test: one, or several in the same groups (each is watched and timed
   * on its own, and each is expected to answer every command).
   */
  readonly selfIds: readonly number[];
  readonly groups: number;
  readonly users: number;
  /** Messages per second at full rate. */
  readonly rate: number;
  readonly durationMs: number;
  /** Climb linearly from a tenth of the rate to the full rate over the run, instead of a steady rate. */
  readonly ramp: boolean;
  /**
   * Sending before the measured run, at the rate it starts at, with nothing of it counted (0 for
   * none): the first seconds of a run find the bot, Catnap and the generator cold (code not yet
   * compiled, caches empty), and their latencies are not those of the load.
   */
  readonly warmUpMs: number;
  readonly pattern: LoadPattern;
  /** Time the bot's answers: to every command, or to every message when the pattern has no command. */
  readonly expectReply: boolean;
  /** The first synthetic person's and group's numbers; the run creates (or reuses) the following ones. */
  readonly userBase: number;
  readonly groupBase: number;
  /** Seed of the generator's choices (who speaks where, what), so a run can be repeated. */
  readonly seed: number;
  /** How long to wait after the last send for late events and replies. */
  readonly graceMs: number;
  /** How long to wait for the bot to connect to its adapters before sending. */
  readonly waitBotMs: number;
  /** Sends in flight at once before the generator holds back (and reports that it fell behind). */
  readonly maxInFlight: number;
  /** Where the bot's socket is watched from; by default the bot's own forward WebSocket server. */
  readonly observeUrl?: string;
  readonly observeToken?: string;
  /** What the run must show to pass; a missed limit makes `catnap load` exit 1. */
  readonly limits: LoadLimits;
}

/** chat: ordinary chatter; command: every message is the command; mixed: chatter with one command in ten. */
export type LoadPattern =
  { readonly kind: 'chat' } | { readonly kind: 'command'; readonly text: string } | { readonly kind: 'mixed'; readonly text: string };

export class LoadOptionError extends Error {
  override readonly name = 'LoadOptionError';
}

/** `chat`, `command:/ping` (or `command:"/ping"`), `mixed` or `mixed:/help`. */
export function parsePattern(text: string): LoadPattern {
  const [kind, ...rest] = text.split(':');
  const command = rest
    .join(':')
    .replace(/^"(.*)"$/, '$1')
    .trim();
  if (kind === 'chat' && rest.length === 0) return { kind: 'chat' };
  if (kind === 'command' && command) return { kind: 'command', text: command };
  if (kind === 'mixed') return { kind: 'mixed', text: command || '/ping' };
  throw new LoadOptionError(`--pattern must be chat, command:"/text" or mixed[:"/text"], got "${text}"`);
}

/** `50`, `50/s`, `120/min` (messages per minute), `2/ms` is not a thing. */
export function parseRate(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(?:\/(s|sec|m|min))?$/.exec(text.trim());
  const value = match ? Number(match[1]) / (match[2]?.startsWith('m') ? 60 : 1) : NaN;
  if (!(value > 0) || value > 1_000_000) throw new LoadOptionError(`--rate must be a positive rate such as 50/s or 120/min, got "${text}"`);
  return value;
}

/** `60s`, `2m`, `500ms` or plain seconds. */
export function parseDuration(text: string, what: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|min|h)?$/.exec(text.trim());
  const unit = match?.[2] ?? 's';
  const factor = unit === 'ms' ? 1 : unit === 's' ? 1000 : unit === 'h' ? 3_600_000 : 60_000;
  const value = match ? Number(match[1]) * factor : NaN;
  if (!(value > 0)) throw new LoadOptionError(`${what} must be a duration such as 60s, 2m or 500ms, got "${text}"`);
  return value;
}

/** `--warm-up`: a duration, or none as `0` (`0s`), which a script may pass for "no warm-up". */
export function parseWarmUp(text: string): number {
  return /^0+(?:\.0+)?(?:ms|s|m|min|h)?$/.test(text.trim()) ? 0 : parseDuration(text, '--warm-up');
}

export function parseCount(text: string, what: string, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || value < 1 || value > max)
    throw new LoadOptionError(`${what} must be a whole number from 1 to ${max}, got "${text}"`);
  return value;
}

/** `99%`, `99.5` or `0%`: a percentage from 0 to 100, as a fraction. */
export function parsePercent(text: string, what: string): number {
  const match = /^(\d+(?:\.\d+)?)%?$/.exec(text.trim());
  const value = match ? Number(match[1]) : NaN;
  if (!(value >= 0 && value <= 100)) throw new LoadOptionError(`${what} must be a percentage from 0 to 100 such as 99%, got "${text}"`);
  return value / 100;
}

/** A whole number from 0: a limit that may allow none. */
export function parseLimitCount(text: string, what: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || value > 1_000_000_000)
    throw new LoadOptionError(`${what} must be a whole number from 0, got "${text}"`);
  return value;
}

/** How many bots one run watches: each is a socket and a live stream of its own. */
export const maxBots = 20;

/** `10001` or `10001,10002`: the bots under test, each once. */
export function parseBots(text: string, parseId: (text: string, what: string) => number): number[] {
  const ids = text.split(',').map((part) => parseId(part.trim(), '--self-id'));
  if (new Set(ids).size !== ids.length) throw new LoadOptionError(`--self-id names a bot twice: "${text}"`);
  if (ids.length > maxBots) throw new LoadOptionError(`--self-id names ${ids.length} bots; a run watches at most ${maxBots}`);
  return ids;
}

/** Whether a message of this pattern is one the bot is expected to answer. */
export function expectsAnswer(pattern: LoadPattern, isCommand: boolean): boolean {
  return pattern.kind === 'chat' ? true : isCommand;
}
