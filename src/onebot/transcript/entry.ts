/**
 * One line of the transcript: something that happened in the world or a call a bot made, in the
 * order it happened. Fields are snake_case like every wire shape; which ones are present depends
 * on `kind`. `line` is the entry in the compact text form (without its time).
 */
export interface TranscriptEntry {
  /** Position in the transcript, from 1, never reused (a mark names one). */
  readonly seq: number;
  /** The world's time (unix milliseconds). */
  readonly time: number;
  readonly kind: TranscriptKind;
  readonly line: string;
  readonly [field: string]: unknown;
}

export type TranscriptKind =
  'message' | 'recall' | 'reaction' | 'notice' | 'request' | 'call' | 'fault' | 'clock' | 'mark' | 'restore' | 'extra';

/** An entry before the transcript numbers it. */
export type NewEntry = Omit<TranscriptEntry, 'seq'>;

/** Strings longer than this are clipped in recorded params (base64 media, long texts). */
const clipAt = 300;

/**
 * Call params fit to keep: long strings clipped, lists cut, depth bounded. Params that need none
 * of it (nearly all, and every call of a send load) are kept as they are rather than copied:
 * they are parsed JSON that nothing changes after the call.
 */
export function keepable(value: unknown): unknown {
  return fitToKeep(value, 0) ? value : clipped(value, 0);
}

function fitToKeep(value: unknown, depth: number): boolean {
  if (typeof value === 'string') return value.length <= clipAt;
  if (value === null || typeof value !== 'object') return true;
  if (depth > 8) return false;
  if (Array.isArray(value)) {
    if (value.length > 100) return false;
    for (const item of value) if (!fitToKeep(item, depth + 1)) return false;
    return true;
  }
  for (const key in value) {
    if (Object.hasOwn(value, key) && !fitToKeep((value as Record<string, unknown>)[key], depth + 1)) return false;
  }
  return true;
}

function clipped(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return value.length > clipAt ? `${value.slice(0, clipAt)}…(${value.length} chars)` : value;
  if (value === null || typeof value !== 'object') return value;
  if (depth > 8) return '(nested too deep)';
  if (Array.isArray(value)) return value.slice(0, 100).map((item) => clipped(item, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, clipped(item, depth + 1)]));
}
