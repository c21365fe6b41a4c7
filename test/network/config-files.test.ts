import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OneBotConfigFiles } from '../../src/network/config-files.js';

describe('account config files', () => {
  it('saves two configs of one account written at once whole, the later call last', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'catnap-config-race-'));
    const files = new OneBotConfigFiles(dir);
    const servers = Array.from({ length: 20 }, (_, index) => ({
      name: `s${index}`,
      enable: false,
      port: 18400 + index,
      token: 'x'.repeat(200),
    }));
    const long = { network: { httpServers: servers } };
    const short = { network: { httpServers: [] } };
    for (let round = 0; round < 5; round++) {
      // They shared one temp file: one rename failed, and the file left was the two interleaved.
      const results = await Promise.allSettled([files.write(10001, long), files.write(10001, short)]);
      expect(results.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled']);
      const saved = JSON.parse(readFileSync(files.pathOf(10001), 'utf8')) as { network: { httpServers: unknown[] } };
      expect(saved.network.httpServers).toEqual([]);
    }
    expect(readdirSync(dir)).toEqual([files.nameOf(10001)]);
    await expect(files.write(10001, { network: { httpServers: [{ port: 'x' }] } })).rejects.toThrow();
  });
});
