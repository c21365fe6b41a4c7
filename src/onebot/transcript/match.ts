import type { TranscriptEntry } from './entry.js';

/**
 * What a wait looks for: `kind` and fields of the entry. Messages also take `text` (a substring
 * of the CQ text or the plain text), `regex` (tested against both) and `user_id` (either side of
 * a private chat); calls take `params` (a subset of the call's params). Any other field must
 * equal the entry's (objects: as a subset).
 */
export type EntryMatch = { readonly kind: string } & { readonly [field: string]: unknown };

/** Checks a match's own fields before a wait begins: a bad regex is the caller's mistake. */
export function matchProblem(match: EntryMatch): string | undefined {
  if (typeof match.regex === 'string') {
    try {
      new RegExp(match.regex);
    } catch (error) {
      return `match.regex: ${(error as Error).message}`;
    }
  } else if (match.regex !== undefined) return 'match.regex: must be a string';
  if (match.text !== undefined && typeof match.text !== 'string') return 'match.text: must be a string';
  return undefined;
}

/** How many of the match's conditions the entry meets, and whether it meets them all. */
export function score(match: EntryMatch, entry: TranscriptEntry): { met: number; of: number } {
  let met = 0;
  let of = 0;
  for (const [key, expected] of Object.entries(match)) {
    if (expected === undefined) continue;
    of++;
    if (meets(key, expected, entry)) met++;
  }
  return { met, of };
}

export function matches(match: EntryMatch, entry: TranscriptEntry): boolean {
  const { met, of } = score(match, entry);
  return met === of;
}

function meets(key: string, expected: unknown, entry: TranscriptEntry): boolean {
  if (entry.kind === 'message') {
    const texts = [String(entry.text ?? ''), String(entry.plain ?? '')];
    if (key === 'text') return texts.some((text) => text.includes(String(expected)));
    if (key === 'regex') {
      const pattern = patternOf(String(expected));
      return texts.some((text) => pattern.test(text));
    }
    if (key === 'user_id' && entry.group_id === undefined) return entry.user_id === expected || entry.from === expected;
  }
  if (entry.kind === 'call' && key === 'self_id') return entry.self_id === expected;
  return subset(expected, entry[key]);
}

/** `expected` equals `actual`, objects and arrays compared as subsets (numbers and numeric strings alike). */
export function subset(expected: unknown, actual: unknown): boolean {
  if (expected === actual) return true;
  if (typeof expected === 'number' && typeof actual === 'string') return String(expected) === actual;
  if (typeof expected === 'string' && typeof actual === 'number') return expected === String(actual);
  if (expected === null || actual === null || typeof expected !== 'object' || typeof actual !== 'object') return false;
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && expected.length <= actual.length && expected.every((item, i) => subset(item, actual[i]));
  }
  return Object.entries(expected).every(([key, value]) => subset(value, (actual as Record<string, unknown>)[key]));
}

/** Compiled patterns: a wait tests its one pattern against every entry, which compiled it anew each time. */
const patterns = new Map<string, RegExp>();

function patternOf(source: string): RegExp {
  let pattern = patterns.get(source);
  if (!pattern) {
    // Patterns come from admin waits: a handful at a time, so the cache is simply emptied when full.
    if (patterns.size >= 100) patterns.clear();
    pattern = new RegExp(source);
    patterns.set(source, pattern);
  }
  return pattern;
}
