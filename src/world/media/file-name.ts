import { basename } from 'node:path';

/** The longest file name (one path segment) Linux, macOS and Windows file systems all take, in UTF-8 bytes. */
export const maxFileNameBytes = 255;

/** An extension longer than this is no extension but part of a long name (`a.<300 chars>`). */
const maxExtensionBytes = 32;

/**
 * A caller's file name made safe to be one path segment: its last path part, without NUL bytes,
 * never `.` or `..` (those answer ""), and at most `maxFileNameBytes` UTF-8 bytes. A longer name
 * is cut on a character boundary before its extension, which is kept, so the file still opens as
 * what it is (the file system would refuse it whole with ENAMETOOLONG).
 */
export function safeFileName(name: string | undefined): string {
  const cleaned = basename((name ?? '').replace(/\\/g, '/'))
    .replace(/\0/g, '')
    .trim();
  if (cleaned === '.' || cleaned === '..') return '';
  return fitBytes(cleaned, maxFileNameBytes);
}

function fitBytes(name: string, limit: number): string {
  if (Buffer.byteLength(name) <= limit) return name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? name.slice(dot) : '';
  const kept = Buffer.byteLength(extension) <= maxExtensionBytes ? extension : '';
  return truncateBytes(name.slice(0, name.length - kept.length), limit - Buffer.byteLength(kept)) + kept;
}

/** The longest start of `text` of at most `limit` UTF-8 bytes that ends between two characters. */
function truncateBytes(text: string, limit: number): string {
  let bytes = 0;
  let end = 0;
  for (const char of text) {
    bytes += Buffer.byteLength(char);
    if (bytes > limit) break;
    end += char.length;
  }
  return text.slice(0, end);
}
