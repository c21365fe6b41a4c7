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

/**
 * Constant-time comparison; hashing first makes the lengths equal and hides the real length. The
 * expected side is one of a handful of configured tokens, checked on every request: its digest is
 * kept rather than made again each time.
 */
export function safeEqual(given: string, expected: string): boolean {
  return timingSafeEqual(sha256(given), expectedDigest(expected));
}

const sha256 = (text: string) => createHash('sha256').update(text).digest();

/** Digests of configured tokens; bounded, since an adapter's token can change while Catnap runs. */
const expectedDigests = new Map<string, Buffer>();
const maxExpectedDigests = 256;

function expectedDigest(expected: string): Buffer {
  let digest = expectedDigests.get(expected);
  if (digest === undefined) {
    if (expectedDigests.size >= maxExpectedDigests) expectedDigests.clear();
    digest = sha256(expected);
    expectedDigests.set(expected, digest);
  }
  return digest;
}

/** The query string of a raw request URL. */
export function queryOf(url: string | undefined): URLSearchParams {
  const index = url?.indexOf('?') ?? -1;
  return new URLSearchParams(index >= 0 ? url!.slice(index + 1) : '');
}
