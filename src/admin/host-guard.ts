import ipaddr from 'ipaddr.js';

/**
 * DNS rebinding: a page at `http://evil.example:6099` has its name re-pointed at 127.0.0.1, and
 * the browser then lets it read the web UI port as its own origin (the console page,
 * `/openapi.json`, `/healthz`, `/media/<sha256>`: the routes without a token). The browser still
 * sends `Host: evil.example:6099`, and no name of this machine is that. So a web UI on loopback
 * answers only Hosts that name loopback (`localhost`, `*.localhost`, `127.x.x.x`, `[::1]`, any
 * port), plus the names the operator lists in `webui.allowedHosts` (a reverse proxy that passes
 * its own Host on, a name in /etc/hosts).
 */
export interface HostPolicy {
  /** Names (no port) answered besides loopback ones, lower case; IPv6 addresses in brackets. */
  readonly allowed: readonly string[];
}

/**
 * The policy for `webui.allowedHosts`, or undefined when every Host is answered: with `"*"`, and
 * when the web UI listens beyond loopback and no names are listed (whoever reaches it there
 * knows it by names Catnap cannot guess; listing them guards it there too).
 */
export function hostPolicy(allowedHosts: readonly string[], listensOnLoopback: boolean): HostPolicy | undefined {
  if (allowedHosts.includes('*') || (allowedHosts.length === 0 && !listensOnLoopback)) return undefined;
  return { allowed: allowedHosts.flatMap((entry) => hostnameOf(/^[^[]*:/.test(entry) ? `[${entry}]` : entry) ?? []) };
}

/** Why a request with this `Host` header is refused, or undefined when it may go on. */
export function hostRefusal(policy: HostPolicy | undefined, host: string | undefined): string | undefined {
  // Browsers always send Host; a client that sends none (HTTP/1.0) is no page.
  if (!policy || host === undefined) return undefined;
  const name = hostnameOf(host);
  if (name !== undefined && (isLoopbackName(name) || policy.allowed.includes(name))) return undefined;
  return (
    `the Host ${JSON.stringify(host.slice(0, 100))} is not a name of this web UI: it answers localhost, 127.0.0.1 and [::1] ` +
    '(a page under another name reaching it is DNS rebinding); list the name in webui.allowedHosts (catnap.json) to serve it'
  );
}

/**
 * The host name of a `Host` value, as a browser's URL parser reads it (lower case, punycode,
 * `127.1` as `127.0.0.1`, brackets around IPv6); undefined when it is not a plain host[:port].
 */
function hostnameOf(host: string): string | undefined {
  if (host === '' || /[\s/\\?#@%]/.test(host)) return undefined;
  try {
    return new URL(`http://${host}`).hostname;
  } catch {
    return undefined;
  }
}

function isLoopbackName(name: string): boolean {
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  const address = name.replace(/^\[(.*)\]$/, '$1');
  // ipaddr.process reads an IPv4-mapped IPv6 address (::ffff:127.0.0.1) as the IPv4 one.
  return ipaddr.isValid(address) && ipaddr.process(address).range() === 'loopback';
}
