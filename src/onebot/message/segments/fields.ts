import type { MediaSource } from '../../../world/messages/draft.js';

/**
 * Reading a segment's `data` the way clients write it. Values may arrive typed (array form:
 * numbers, booleans) or as strings (CQ codes have no types), so numbers are accepted as numeric
 * strings and strings as numbers where that is unambiguous. Every failure is a `SegmentError`
 * naming the field; the codec adds which segment it was.
 */
export class SegmentError extends Error {
  override readonly name = 'SegmentError';
}

export type SegmentData = Readonly<Record<string, unknown>>;

function got(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

function present(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

/** A string field; numbers and booleans are taken as their text. */
export function optionalString(data: SegmentData, key: string): string | undefined {
  const value = data[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new SegmentError(`data.${key} must be a string (got ${got(value)})`);
}

export function requiredString(data: SegmentData, key: string, what = 'a string'): string {
  const value = optionalString(data, key);
  if (value === undefined || value === '') throw new SegmentError(`data.${key} is required (${what})`);
  return value;
}

/** An integer field within bounds; numeric strings are accepted. */
export function optionalInt(
  data: SegmentData,
  key: string,
  min = Number.MIN_SAFE_INTEGER,
  max = Number.MAX_SAFE_INTEGER,
): number | undefined {
  const value = data[key];
  if (!present(value)) return undefined;
  const number = typeof value === 'number' ? value : typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(number) || number < min || number > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `at least ${min}` : `between ${min} and ${max}`;
    throw new SegmentError(`data.${key} must be an integer ${range} (got ${got(value)})`);
  }
  return number;
}

export function requiredInt(data: SegmentData, key: string, min?: number, max?: number): number {
  const value = optionalInt(data, key, min, max);
  if (value === undefined) throw new SegmentError(`data.${key} is required (an integer)`);
  return value;
}

/** A QQ number or group number (a positive integer). */
export function requiredId(data: SegmentData, key: string): number {
  return requiredInt(data, key, 1);
}

/** A decimal number (coordinates). */
export function requiredNumber(data: SegmentData, key: string, min: number, max: number): number {
  const value = data[key];
  const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!present(value)) throw new SegmentError(`data.${key} is required (a number)`);
  if (!Number.isFinite(number) || number < min || number > max) {
    throw new SegmentError(`data.${key} must be a number between ${min} and ${max} (got ${got(value)})`);
  }
  return number;
}

/** A boolean in any of the spellings OneBot allows (true/false, "true"/"false", 1/0, "yes"/"no"). */
export function optionalFlag(data: SegmentData, key: string): boolean | undefined {
  const value = data[key];
  if (!present(value)) return undefined;
  if (value === true || value === 1 || value === 'true' || value === '1' || value === 'yes') return true;
  if (value === false || value === 0 || value === 'false' || value === '0' || value === 'no') return false;
  throw new SegmentError(`data.${key} must be a boolean (got ${got(value)})`);
}

/**
 * Where media comes from: the first non-empty of `url`, `file`, `path` (NapCat's order), with
 * an optional `name`.
 */
export function mediaSource(data: SegmentData): MediaSource {
  for (const key of ['url', 'file', 'path']) {
    const value = optionalString(data, key);
    if (value !== undefined && value.trim() !== '') {
      const name = optionalString(data, 'name');
      return name ? { uri: value, name } : { uri: value };
    }
  }
  throw new SegmentError('data.file is required (a path, file:// or http(s):// URL, base64://, data: URL, or a file id Catnap gave)');
}
