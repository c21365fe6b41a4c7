import type { BenchApi, Mark, TranscriptEntry, WaitMatch } from './bench-api.js';
import { describeMatch, entrySegments, expectationReport, silenceReport } from './describe-entries.js';

/** A failed expectation; its message says what was expected and what came closest. */
export class ExpectationError extends Error {
  override readonly name = 'ExpectationError';
  constructor(
    message: string,
    /** The transcript entries that came closest (a message with other text, a call with other params). */
    readonly closest: readonly TranscriptEntry[] = [],
  ) {
    super(message);
  }
}

/** What a message expectation looks for; unset fields match anything. */
export interface MessageMatch {
  /** Text the message contains (a substring of its text, CQ codes included). */
  readonly text?: string;
  /** A regular expression the message's text matches (its source is used; flags are ignored). */
  readonly regex?: string | RegExp;
  /** In this group. */
  readonly group?: number;
  /** In the private chat with this user. */
  readonly user?: number;
  /** Sent by this account; default: the bot under test. */
  readonly from?: number;
  /** Segment types the message must carry, e.g. ["image"] or ["reply", "text"]. */
  readonly segments?: readonly string[];
}

export interface CallMatch {
  readonly action: string;
  /** A subset of the params the call must have had. */
  readonly params?: Record<string, unknown>;
  /** Made by this account; default: the bot under test. */
  readonly self?: number;
}

export interface WithinOptions {
  /** How long to wait, in ms (default 2000; for expectNone, how long the silence must last: default 500). */
  readonly within?: number;
  /** Count only what happened after this mark; default: just before the last action of the test. */
  readonly since?: Mark;
}

export const defaultWithinMs = 2000;
export const defaultSilenceMs = 500;

export function messageWait(match: MessageMatch, botId: number | undefined): WaitMatch {
  const from = match.from ?? botId;
  return {
    kind: 'message',
    ...(from !== undefined && { from }),
    ...(match.group !== undefined && { group_id: match.group }),
    ...(match.user !== undefined && { user_id: match.user }),
    ...(match.text !== undefined && { text: match.text }),
    ...(match.regex !== undefined && { regex: typeof match.regex === 'string' ? match.regex : match.regex.source }),
  };
}

const hasSegments = (entry: TranscriptEntry, types: readonly string[]): boolean => {
  const present = new Set(entrySegments(entry).map((segment) => segment.type));
  return types.every((type) => present.has(type));
};

/**
 * Waits for a message matching `match` since `since`. Segment types are checked here: when the
 * n-th message of the right text lacks them, the wait goes on for the (n+1)-th until time runs out.
 */
export async function expectMessage(
  api: BenchApi,
  match: MessageMatch,
  botId: number | undefined,
  since: Mark | undefined,
  within = defaultWithinMs,
): Promise<TranscriptEntry> {
  const wait = messageWait(match, botId);
  const deadline = Date.now() + within;
  const rejected: TranscriptEntry[] = [];
  for (let count = 1; ; count += 1) {
    const outcome = await api.wait({
      match: wait,
      ...(since !== undefined && { since }),
      timeout_ms: Math.max(0, deadline - Date.now()),
      count,
    });
    if (!outcome.matched) {
      const wanted = describeMatch(wait, { ...(match.segments && { segments: match.segments }) });
      const closest = [...rejected, ...outcome.closest];
      throw new ExpectationError(expectationReport(wanted, within, closest, match.text), closest);
    }
    const entry = outcome.entries[count - 1] ?? outcome.entries.at(-1)!;
    if (!match.segments || hasSegments(entry, match.segments)) return entry;
    rejected.push(entry);
  }
}

export async function expectCall(
  api: BenchApi,
  match: CallMatch,
  botId: number | undefined,
  since: Mark | undefined,
  within = defaultWithinMs,
): Promise<TranscriptEntry> {
  const self = match.self ?? botId;
  const wait: WaitMatch = {
    kind: 'call',
    action: match.action,
    ...(self !== undefined && { self_id: self }),
    ...(match.params && { params: match.params }),
  };
  const outcome = await api.wait({ match: wait, ...(since !== undefined && { since }), timeout_ms: within });
  if (!outcome.matched) {
    throw new ExpectationError(expectationReport(describeMatch(wait), within, outcome.closest), outcome.closest);
  }
  return outcome.entries[0]!;
}

/** Passes when nothing matching happens for `within` ms (the bot stays silent). */
export async function expectNone(api: BenchApi, wait: WaitMatch, since: Mark | undefined, within = defaultSilenceMs): Promise<void> {
  const outcome = await api.wait({ match: wait, ...(since !== undefined && { since }), timeout_ms: within, none: true });
  if (!outcome.matched) {
    const offending = outcome.entries.length > 0 ? outcome.entries : outcome.closest;
    throw new ExpectationError(silenceReport(describeMatch(wait), within, offending), offending);
  }
}
