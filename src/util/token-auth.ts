import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export type AuthResult = 'ok' | 'missing' | 'wrong';

/**
 * OneBot access tokens: `Authorization: Bearer <t>` or `Token <t>` (gocq and Koishi send Token),
 * or `?access_token=<t>`. A header without a scheme is taken whole, as NapCat does.
 * An empty configured token means no authentication.
 */
export function checkToken(expected: string, headers: IncomingHttpHeaders, query: URLSearchParams | undefined): AuthResult {
  if (!expected) return 'ok';
  const given = tokenFrom(headers, query);
  if (given === undefined || given === '') return 'missing';
  return safeEqual(given, expected) ? 'ok' : 'wrong';
}

export function tokenFrom(headers: IncomingHttpHeaders, query: URLSearchParams | undefined): string | undefined {
  const fromQuery = query?.get('access_token');
  if (fromQuery) return fromQuery;
  const header = headers.authorization;
  if (!header) return undefined;
  const match = /^(?:Bearer|Token)\s+(.*)$/i.exec(header.trim());
  return match ? match[1]!.trim() : header.trim();
}

/** Constant-time comparison; hashing first makes the lengths equal and hides the real length. */
export function safeEqual(a: string, b: string): boolean {
  const digestA = createHash('sha256').update(a).digest();
  const digestB = createHash('sha256').update(b).digest();
  return timingSafeEqual(digestA, digestB);
}

/** The query string of a raw request URL. */
export function queryOf(url: string | undefined): URLSearchParams {
  const index = url?.indexOf('?') ?? -1;
  return new URLSearchParams(index >= 0 ? url!.slice(index + 1) : '');
}
