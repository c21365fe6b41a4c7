import type { IncomingHttpHeaders } from 'node:http';

/**
 * Web pages must not drive a bot. A page in the developer's browser can send requests to
 * `127.0.0.1:3000` like any local process, so a token-less adapter (the default world has no
 * tokens) would let any site read a bot's history or send as it. Bots are processes, not pages:
 * they send no `Origin` and no `Sec-Fetch-*` headers, and browsers always do.
 *
 * The rule, for every OneBot server adapter (HTTP, SSE, WebSocket):
 * - an adapter with a token serves pages too (the page needs the token, which other sites do not
 *   have) and answers CORS when `enableCors` is on;
 * - a token-less adapter refuses any request a page makes (an `Origin` header, or a
 *   `Sec-Fetch-Site` other than `none`, which also covers DNS rebinding, where the page looks
 *   same-origin), unless the page's origin is listed in catnap.json's `api.allowedOrigins`
 *   (`"*"`: any page); its CORS answers name only those origins.
 * Typing an adapter URL into the address bar (`Sec-Fetch-Site: none`) still works.
 */
export interface BrowserPolicy {
  /** Origins (`http://localhost:5173`) whose pages may call token-less adapters; `*` = any. */
  readonly allowedOrigins: readonly string[];
}

export const noBrowsers: BrowserPolicy = { allowedOrigins: [] };

/** Why a request must be refused, or undefined when it may go on. */
export function browserRefusal(headers: IncomingHttpHeaders, token: string, policy: BrowserPolicy = noBrowsers): string | undefined {
  if (token) return undefined;
  const origin = single(headers.origin);
  const site = single(headers['sec-fetch-site']);
  const fromPage = origin !== undefined || (site !== undefined && site !== 'none');
  if (!fromPage || allows(policy, origin)) return undefined;
  return (
    `requests from web pages${origin ? ` (origin ${origin})` : ''} are refused by an adapter without a token: ` +
    'give the adapter a token, or list the page origin in api.allowedOrigins (catnap.json)'
  );
}

/**
 * The `origin` option of @fastify/cors for an adapter with `enableCors`, or undefined for no
 * CORS at all: any origin where a token guards the adapter, else only the allowed ones.
 */
export function corsOrigins(token: string, policy: BrowserPolicy = noBrowsers): '*' | string[] | undefined {
  if (token || policy.allowedOrigins.includes('*')) return '*';
  return policy.allowedOrigins.length > 0 ? policy.allowedOrigins.map(normalise) : undefined;
}

/** The `Access-Control-Allow-Origin` value for a response written by hand (SSE), if any. */
export function allowOriginHeader(headers: IncomingHttpHeaders, token: string, policy: BrowserPolicy = noBrowsers): string | undefined {
  const origins = corsOrigins(token, policy);
  if (origins === '*') return '*';
  const origin = single(headers.origin);
  return origin && origins?.includes(normalise(origin)) ? origin : undefined;
}

function allows(policy: BrowserPolicy, origin: string | undefined): boolean {
  if (policy.allowedOrigins.includes('*')) return true;
  return origin !== undefined && policy.allowedOrigins.some((allowed) => normalise(allowed) === normalise(origin));
}

function normalise(origin: string): string {
  return origin.trim().toLowerCase().replace(/\/+$/, '');
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
