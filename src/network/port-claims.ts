import type { MilkyConfig } from './milky/milky-config.js';
import type { OneBotConfig } from './onebot-config.js';

/** A host:port an enabled server of a config would listen on; `what` names it for messages. */
export interface PortClaim {
  readonly host: string;
  readonly port: number;
  /** The entry inside its config (`network.httpServers.0.port`), to name it in a problem. */
  readonly path: string;
  readonly what: string;
}

/** The ports the enabled OneBot servers of a config listen on (port 0 is any free port: it claims none). */
export function onebotPortClaims(config: OneBotConfig): PortClaim[] {
  const claims: PortClaim[] = [];
  const { network } = config;
  for (const [kind, entries] of [
    ['httpServers', network.httpServers],
    ['httpSseServers', network.httpSseServers],
    ['websocketServers', network.websocketServers],
  ] as const) {
    entries.forEach((entry, index) => {
      if (!entry.enable || entry.port === 0) return;
      claims.push({ host: entry.host, port: entry.port, path: `network.${kind}.${index}.port`, what: `OneBot ${kind} "${entry.name}"` });
    });
  }
  return claims;
}

/** The port a Milky config's server listens on, when it is enabled. */
export function milkyPortClaims(config: MilkyConfig): PortClaim[] {
  if (!config.enable || config.http.port === 0) return [];
  return [{ host: config.http.host, port: config.http.port, path: 'http.port', what: 'Milky server' }];
}

/**
 * Whether two servers cannot both listen. Only clear clashes count (the same port on the same
 * host, or on a wildcard host that takes every address): a file refused for a clash that would
 * not have happened is worse than an adapter whose failure to start is reported afterwards.
 */
export function claimsClash(a: PortClaim, b: PortClaim): boolean {
  if (a.port !== b.port) return false;
  const hostA = normalHost(a.host);
  const hostB = normalHost(b.host);
  return hostA === hostB || isWildcard(hostA) || isWildcard(hostB);
}

function normalHost(host: string): string {
  const bare = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');
  return bare === 'localhost' ? '127.0.0.1' : bare;
}

function isWildcard(host: string): boolean {
  return host === '' || host === '0.0.0.0' || host === '::';
}
