import { describe, expect, it } from 'vitest';
import { MilkyConfigError, parseMilkyConfig } from '../../src/network/milky/milky-config.js';
import { applyWorldFile } from '../../src/world/world-file.js';
import { memoryWorld } from '../helpers/world.js';

describe('Milky settings (LLBot shape)', () => {
  it('fills LLBot’s defaults, with enable on for a section that was written', () => {
    expect(parseMilkyConfig({})).toEqual({
      enable: true,
      http: { host: '127.0.0.1', port: 3010, prefix: '', accessToken: '' },
      webhook: { urls: [], accessToken: '' },
      reportSelfMessage: false,
    });
    expect(parseMilkyConfig({ enable: false, http: { port: '3011' } })).toMatchObject({ enable: false, http: { port: 3011 } });
  });

  it('normalises the prefix and names the first bad field', () => {
    expect(parseMilkyConfig({ http: { prefix: 'milky/' } }).http.prefix).toBe('/milky');
    expect(parseMilkyConfig({ http: { prefix: '/a/b/' } }).http.prefix).toBe('/a/b');
    expect(() => parseMilkyConfig({ http: { port: 70000 } }, 'milky_10001.json')).toThrow(/milky_10001\.json: http\.port/);
    expect(() => parseMilkyConfig({ http: { prefix: '/a?b' } })).toThrow(MilkyConfigError);
    expect(() => parseMilkyConfig({ http: { prefix: '/:api' } })).toThrow(/http\.prefix/);
    expect(() => parseMilkyConfig({ webhook: { urls: ['ftp://x'] } })).toThrow(/webhook\.urls\.0/);
    expect(() => parseMilkyConfig([])).toThrow(/must be a JSON object/);
  });

  it('is carried by world files as accounts[].milky, beside onebot', async () => {
    const { world } = await memoryWorld();
    const summary = await applyWorldFile(world, {
      accounts: [{ user_id: 10001, nickname: 'Bot', bot: true, milky: { http: { port: 3010 } }, onebot: { network: {} } }],
    });
    expect(summary.milky).toEqual([{ userId: 10001, config: { http: { port: 3010 } } }]);
    expect(summary.onebot).toHaveLength(1);
  });
});
