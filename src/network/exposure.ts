import { isIP } from 'node:net';
import type { MilkyConfig } from './milky/milky-config.js';
import type { OneBotConfig } from './onebot-config.js';

/**
 * Whether Catnap is reachable only from this machine. Some defaults depend on it: while every
 * adapter and the web UI stay on loopback, the bots are the developer's own and may hand Catnap
 * any local file; once one listens on (or connects out to) another address, strangers' bots may
 * be talking to it and local files are limited to `media.fileRoots`.
 */
export function isLoopbackHost(host: string): boolean {
  const bare = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');
  if (bare === 'localhost' || bare.endsWith('.localhost')) return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  if (isIP(bare) === 6) return bare === '::1' || /^::ffff:127\./.test(bare);
  // "", "0.0.0.0", "::" and any other name reach beyond this machine.
  return false;
}

/**
 * The enabled adapters of a config that reach beyond loopback: servers listening on another
 * host, clients connecting to another host (their bot may be anyone's). Described for messages.
 */
export function adaptersBeyondLoopback(config: OneBotConfig): string[] {
  const { network } = config;
  const found: string[] = [];
  for (const [kind, entries] of [
    ['httpServers', network.httpServers],
    ['httpSseServers', network.httpSseServers],
    ['websocketServers', network.websocketServers],
  ] as const) {
    for (const entry of entries)
      if (entry.enable && !isLoopbackHost(entry.host)) found.push(`${kind} "${entry.name}" on ${entry.host || '0.0.0.0'}`);
  }
  for (const [kind, entries] of [
    ['httpClients', network.httpClients],
    ['websocketClients', network.websocketClients],
  ] as const) {
    for (const entry of entries) if (entry.enable && !isLoopbackHost(hostOf(entry.url))) found.push(`${kind} "${entry.name}"`);
  }
  return found;
}

/** The same for an account's Milky config: its HTTP server, and the WebHooks it posts to. */
export function milkyBeyondLoopback(config: MilkyConfig): string[] {
  if (!config.enable) return [];
  const found: string[] = [];
  if (!isLoopbackHost(config.http.host)) found.push(`milky http on ${config.http.host || '0.0.0.0'}`);
  if (config.webhook.urls.some((url) => !isLoopbackHost(hostOf(url)))) found.push('milky webhook');
  return found;
}

/** The host name of a URL, or "" when it is none. */
export function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}
