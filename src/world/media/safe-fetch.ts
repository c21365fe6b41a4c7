import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { WorldError } from '../errors.js';
import { preview } from './local-files.js';

export interface FetchPolicy {
  /** Longest the whole download (every redirect hop and the body) may take. */
  readonly timeoutMs: number;
  /** Larger bodies are refused (by Content-Length at once, else while streaming). */
  readonly maxBytes: number;
  /** Which IP addresses may be connected to (`isPublicAddress`, unless the operator allows all). */
  readonly allowAddress: (address: string) => boolean;
}

/** The policy of catnap.json's `media.allowPrivateNetworks`. */
export function fetchPolicy(limits: { timeoutMs: number; maxBytes: number; allowPrivateNetworks: boolean }): FetchPolicy {
  return {
    timeoutMs: limits.timeoutMs,
    maxBytes: limits.maxBytes,
    allowAddress: limits.allowPrivateNetworks ? () => true : isPublicAddress,
  };
}

export interface OpenedDownload {
  /** The body; fails with a WorldError (timeout, cut off) while being read. */
  readonly stream: AsyncIterable<Uint8Array>;
  /** The name the last URL's path suggests, or "". */
  readonly name: string;
  readonly close: () => Promise<void>;
}

const maxRedirects = 5;
const redirectStatuses = new Set([301, 302, 303, 307, 308]);

/**
 * Fetches a URL a bot named, without letting it reach what the bot could not reach itself: the
 * host's loopback services (the admin API, other bots' adapters), the local network, cloud
 * metadata endpoints. The name is resolved here and the connection made to the address that was
 * checked (no second lookup for DNS rebinding to slip between), every redirect hop is checked
 * again, and every refusal, like every failure to connect, answers the same text, so a bot
 * cannot map ports or hosts through error messages. `media.allowPrivateNetworks` lifts the rule.
 */
export async function openDownload(
  url: string,
  policy: FetchPolicy,
  headers: Readonly<Record<string, string>> = {},
): Promise<OpenedDownload> {
  const signal = AbortSignal.timeout(policy.timeoutMs);
  const failures = new Failures(url, policy);
  let current: URL;
  try {
    current = new URL(url);
  } catch {
    throw failures.unreachable();
  }
  let sent: Record<string, string> = { 'user-agent': 'Catnap media fetcher', ...headers };
  for (let hop = 0; ; hop++) {
    const response = await requestOnce(current, sent, policy, signal, failures);
    const location = response.headers.location;
    if (!redirectStatuses.has(response.statusCode ?? 0) || !location) {
      return checkedBody(response, current, signal, failures);
    }
    response.destroy();
    if (hop >= maxRedirects)
      throw new WorldError('MEDIA_UNREADABLE', `downloading ${preview(url)} redirected more than ${maxRedirects} times`);
    let next: URL;
    try {
      next = new URL(location, current);
    } catch {
      throw failures.unreachable();
    }
    // Credentials meant for one site never follow a redirect to another.
    if (next.origin !== current.origin) sent = withoutCredentials(sent);
    current = next;
  }
}

/** Whether an address is on the public internet (not loopback, private, link-local, CGNAT, ...). */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  return parsed.range() === 'unicast';
}

function requestOnce(url: URL, headers: OutgoingHttpHeaders, policy: FetchPolicy, signal: AbortSignal, failures: Failures) {
  return new Promise<IncomingMessage>((resolve, reject) => {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return reject(failures.unreachable());
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    // An address literal is connected to as is (no lookup runs), so it is checked here.
    if (isIP(host) && !policy.allowAddress(host)) return reject(failures.unreachable());
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const request = send(url, { headers, signal, agent: false, lookup: checkedLookup(policy) });
    request.once('response', resolve);
    // Kept for the request's whole life: an abort after the response still emits one.
    request.on('error', () => reject(signal.aborted ? failures.timeout() : failures.unreachable()));
    request.end();
  });
}

/** A `lookup` for sockets that answers only addresses the policy allows. */
function checkedLookup(policy: FetchPolicy): LookupFunction {
  return (hostname: string, options: LookupOptions, callback: (...args: never[]) => void) => {
    const done = callback as unknown as (error: Error | null, address?: string | LookupAddress[], family?: number) => void;
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return done(error);
      const usable = addresses.filter((entry) => policy.allowAddress(entry.address));
      if (usable.length === 0) return done(Object.assign(new Error('address not allowed'), { code: 'ENOTALLOWED' }));
      if (options.all) return done(null, usable);
      return done(null, usable[0]!.address, usable[0]!.family);
    });
  };
}

function checkedBody(response: IncomingMessage, url: URL, signal: AbortSignal, failures: Failures): OpenedDownload {
  const status = response.statusCode ?? 0;
  if (status < 200 || status >= 300) {
    response.destroy();
    throw new WorldError('MEDIA_UNREADABLE', `downloading ${failures.shown} failed with HTTP ${status}`);
  }
  const declared = Number(response.headers['content-length'] ?? NaN);
  if (declared > failures.policy.maxBytes) {
    response.destroy();
    throw failures.tooLarge();
  }
  return {
    stream: guarded(response, signal, failures),
    name: nameOf(url),
    close: async () => {
      response.destroy();
    },
  };
}

/** The body, with a timeout or a reset turned into the download's own errors. */
async function* guarded(response: IncomingMessage, signal: AbortSignal, failures: Failures): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of response) yield chunk as Buffer;
  } catch {
    throw signal.aborted ? failures.timeout() : new WorldError('MEDIA_UNREADABLE', `downloading ${failures.shown} was cut off`);
  }
}

/** The file name a URL's path ends in, or "". */
function nameOf(url: URL): string {
  try {
    return decodeURIComponent(url.pathname.split('/').pop() ?? '');
  } catch {
    return '';
  }
}

function withoutCredentials(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([key]) => !/^(authorization|cookie|proxy-authorization)$/i.test(key)));
}

/** The texts of a download's failures, all naming the URL the bot gave (never a redirect target). */
class Failures {
  readonly shown: string;
  constructor(
    url: string,
    readonly policy: FetchPolicy,
  ) {
    this.shown = preview(url);
  }

  unreachable(): WorldError {
    return new WorldError(
      'MEDIA_UNREADABLE',
      `cannot download ${this.shown}: the host cannot be reached or is not allowed ` +
        '(loopback and private addresses need media.allowPrivateNetworks in catnap.json)',
    );
  }

  timeout(): WorldError {
    return new WorldError('MEDIA_TIMEOUT', `downloading ${this.shown} took longer than ${this.policy.timeoutMs} ms`);
  }

  tooLarge(): WorldError {
    return new WorldError('MEDIA_TOO_LARGE', `media source ${this.shown} is larger than the limit of ${this.policy.maxBytes} bytes`);
  }
}
