import { describe, expect, it } from 'vitest';
import { parseMilkyConfig } from '../../src/network/milky/milky-config.js';
import { parseOneBotConfig } from '../../src/network/onebot-config.js';
import { claimsClash, milkyPortClaims, onebotPortClaims } from '../../src/network/port-claims.js';

const at = (host: string, port: number) => ({ host, port, path: '', what: '' });

describe('port claims', () => {
  it("are the enabled servers' fixed ports, not clients, disabled entries or port 0", () => {
    const config = parseOneBotConfig({
      network: {
        httpServers: [
          { name: 'on', enable: true, port: 18500 },
          { name: 'off', enable: false, port: 18501 },
          { name: 'any', enable: true, port: 0 },
        ],
        websocketServers: [{ name: 'ws', enable: true, host: '0.0.0.0', port: 18502 }],
        websocketClients: [{ name: 'out', enable: true, url: 'ws://127.0.0.1:18503' }],
      },
    });
    expect(onebotPortClaims(config)).toEqual([
      { host: '127.0.0.1', port: 18500, path: 'network.httpServers.0.port', what: 'OneBot httpServers "on"' },
      { host: '0.0.0.0', port: 18502, path: 'network.websocketServers.0.port', what: 'OneBot websocketServers "ws"' },
    ]);
    expect(milkyPortClaims(parseMilkyConfig({ http: { port: 18504 } }))).toEqual([
      { host: '127.0.0.1', port: 18504, path: 'http.port', what: 'Milky server' },
    ]);
    expect(milkyPortClaims(parseMilkyConfig({ enable: false, http: { port: 18504 } }))).toEqual([]);
  });

  it('clash on one port when the hosts are the same or either takes every address', () => {
    expect(claimsClash(at('127.0.0.1', 18500), at('localhost', 18500))).toBe(true);
    expect(claimsClash(at('0.0.0.0', 18500), at('127.0.0.1', 18500))).toBe(true);
    expect(claimsClash(at('127.0.0.1', 18500), at('[::]', 18500))).toBe(true);
    expect(claimsClash(at('127.0.0.1', 18500), at('127.0.0.2', 18500))).toBe(false);
    expect(claimsClash(at('0.0.0.0', 18500), at('0.0.0.0', 18501))).toBe(false);
  });
});
