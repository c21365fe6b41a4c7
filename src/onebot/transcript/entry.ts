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

/** A copy of call params fit to keep: long strings clipped, depth bounded. */
export function keepable(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.length > clipAt ? `${value.slice(0, clipAt)}…(${value.length} chars)` : value;
  if (value === null || typeof value !== 'object') return value;
  if (depth > 8) return '(nested too deep)';
  if (Array.isArray(value)) return value.slice(0, 100).map((item) => keepable(item, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, keepable(item, depth + 1)]));
}
