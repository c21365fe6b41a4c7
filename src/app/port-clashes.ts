import type { NewProtocolConfig } from '../admin/admin-route.js';
import { parseOneBotConfig } from '../network/onebot-config.js';
import { claimsClash, milkyPortClaims, onebotPortClaims, type PortClaim } from '../network/port-claims.js';
import type { Catnap } from './catnap.js';

interface Taken {
  readonly claim: PortClaim;
  /** Who holds it, for the problem: `account 10002's OneBot httpServers "main"`. */
  readonly holder: string;
}

/**
 * The ports new configs would listen on that a running account's config (one they do not
 * replace), the web UI, or an earlier one of them already listens on. Found before a world file
 * is applied, so such a file is refused with nothing changed instead of leaving accounts whose
 * adapters cannot start.
 */
export function portClashes(catnap: Catnap, configs: readonly NewProtocolConfig[]): string[] {
  const replaced = new Set(configs.map((entry) => `${entry.kind}:${entry.userId}`));
  const taken: Taken[] = [...webuiClaims(catnap)];
  for (const selfId of catnap.network.accounts()) {
    const config = catnap.network.config(selfId);
    if (replaced.has(`onebot:${selfId}`) || !config) continue;
    for (const claim of onebotPortClaims(config)) taken.push({ claim, holder: `account ${selfId}'s ${claim.what}` });
  }
  for (const selfId of catnap.milky.manager.accounts()) {
    const config = catnap.milky.manager.config(selfId);
    if (replaced.has(`milky:${selfId}`) || !config) continue;
    for (const claim of milkyPortClaims(config)) taken.push({ claim, holder: `account ${selfId}'s ${claim.what}` });
  }
  const problems: string[] = [];
  for (const entry of configs) {
    for (const claim of claimsOf(catnap, entry)) {
      const path = `${entry.path}.${claim.path}`;
      const clash = taken.find((other) => claimsClash(other.claim, claim));
      if (clash) problems.push(`${path}: port ${claim.port} is already taken by ${clash.holder}`);
      else taken.push({ claim, holder: `${path} (account ${entry.userId}'s ${claim.what})` });
    }
  }
  return problems;
}

function claimsOf(catnap: Catnap, entry: NewProtocolConfig): PortClaim[] {
  try {
    return entry.kind === 'onebot'
      ? onebotPortClaims(parseOneBotConfig(entry.config, entry.path))
      : milkyPortClaims(catnap.milky.validate(entry.config, entry.path));
  } catch {
    // An invalid config is refused by its own check, with its own message.
    return [];
  }
}

function webuiClaims(catnap: Catnap): Taken[] {
  const address = catnap.admin?.server.address();
  if (!address || typeof address === 'string') return [];
  const claim = { host: catnap.settings.webui.host, port: address.port, path: '', what: 'web UI' };
  return [{ claim, holder: 'the web UI and admin API' }];
}
