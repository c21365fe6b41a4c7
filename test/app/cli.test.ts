import { readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startOptions } from '../../src/app/cli/start-command.js';
import { postJson, runCatnapExpectingFailure, spawnCatnap, tempDir } from '../helpers/spawn.js';

const twoBots = {
  accounts: [
    {
      user_id: 10001,
      nickname: 'Bot A',
      bot: true,
      onebot: { network: { httpServers: [{ name: 'a-http', enable: true, host: '127.0.0.1', port: 0, token: 'ta' }] } },
    },
    {
      user_id: 10002,
      nickname: 'Bot B',
      bot: true,
      onebot: { network: { httpServers: [{ name: 'b-http', enable: true, host: '127.0.0.1', port: 0, token: 'tb' }] } },
    },
    { user_id: 20001, nickname: 'Alice' },
    { user_id: 20002, nickname: 'Bob' },
  ],
  friends: [
    { user_id: 10001, friend_id: 20001 },
    { user_id: 10002, friend_id: 20002 },
  ],
  groups: [
    { group_id: 30001, group_name: 'A group', owner_id: 20001, members: [10001] },
    { group_id: 30002, group_name: 'B group', owner_id: 20002, members: [10002] },
  ],
};

describe('CLI option parsing', () => {
  it('takes flags over environment variables, with DESIGN defaults', () => {
    expect(startOptions({}, {})).toEqual({ dataDir: './data' });
    const env = { CATNAP_DATA: '/d', CATNAP_WORLD: 'w.json', CATNAP_WEBUI_PORT: '7000', CATNAP_WEBUI_TOKEN: 'tok' };
    expect(startOptions({}, env)).toEqual({ dataDir: '/d', worldFile: 'w.json', webuiPort: 7000, webuiToken: 'tok' });
    expect(startOptions({ data: '/x', webuiPort: '0', host: '0.0.0.0' }, env)).toMatchObject({
      dataDir: '/x',
      webuiPort: 0,
      host: '0.0.0.0',
    });
    expect(() => startOptions({ webuiPort: 'abc' }, {})).toThrow('--webui-port must be a port number');
  });
});

describe('catnap start (end to end)', () => {
  it('serves two bot accounts from a world file, each with its own token, friends and groups', async () => {
    const data = await tempDir();
    const worldPath = join(data, 'world.json');
    await writeFile(worldPath, JSON.stringify(twoBots));
    const catnap = await spawnCatnap(['--data', data, '--world', worldPath, '--webui-port', '0']);
    try {
      const a = catnap.endpoints.get('10001:a-http')!;
      const b = catnap.endpoints.get('10002:b-http')!;
      expect(a).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect((await postJson(`${a}/get_login_info`, {}, { authorization: 'Bearer ta' })).json.data).toEqual({
        user_id: 10001,
        nickname: 'Bot A',
      });
      expect((await postJson(`${b}/get_login_info`, {}, { authorization: 'Bearer tb' })).json.data).toEqual({
        user_id: 10002,
        nickname: 'Bot B',
      });
      expect((await postJson(`${a}/get_friend_list`, {}, { authorization: 'Bearer ta' })).json.data.map((f: any) => f.user_id)).toEqual([
        20001,
      ]);
      expect((await postJson(`${b}/get_group_list`, {}, { authorization: 'Bearer tb' })).json.data.map((g: any) => g.group_id)).toEqual([
        30002,
      ]);
      // One account's token never opens the other's API.
      expect((await postJson(`${a}/get_login_info`, {}, { authorization: 'Bearer tb' })).status).toBe(403);
      expect((await postJson(`${b}/get_login_info`, {}, { authorization: 'Bearer ta' })).status).toBe(403);
      // act works for a non-bot account.
      const act = await postJson(`${catnap.webuiUrl}/api/world/act/20001/get_group_list`, {}, { authorization: `Bearer ${catnap.token}` });
      expect(act.json).toMatchObject({ status: 'ok', data: [{ group_id: 30001 }] });
    } finally {
      expect(await catnap.stop()).toBe(0);
    }
    // Applying the same world file again at the next start is idempotent.
    const again = await spawnCatnap(['--data', data, '--world', worldPath, '--webui-port', '0']);
    try {
      const accounts = await fetch(`${again.webuiUrl}/api/world/accounts`, { headers: { authorization: `Bearer ${again.token}` } });
      expect(((await accounts.json()) as any[]).map((account: any) => account.user_id)).toEqual([10001, 10002, 20001, 20002]);
      expect(again.banner).not.toContain('Created the default world');
    } finally {
      await again.stop();
    }
  });

  it('rejects a world file with a bad reference, naming it, and exits 1', async () => {
    const data = await tempDir();
    const worldPath = join(data, 'bad.json');
    await writeFile(
      worldPath,
      JSON.stringify({
        accounts: [{ user_id: 20001, nickname: 'A' }],
        groups: [{ group_id: 30001, group_name: 'G', owner_id: 20001, members: [20777] }],
        extra: 1,
      }),
    );
    const { code, output } = await runCatnapExpectingFailure(['start', '--data', data, '--world', worldPath, '--webui-port', '0']);
    expect(code).toBe(1);
    expect(output).toContain('extra: unknown key');
  });

  it('says clearly when a port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const data = await tempDir();
      const worldPath = join(data, 'w.json');
      // A bot whose HTTP API wants the taken port (the default world's fixed ports stay free).
      await writeFile(
        worldPath,
        JSON.stringify({
          accounts: [
            { user_id: 10001, nickname: 'B', bot: true, onebot: { network: { httpServers: [{ name: 'api', enable: true, port }] } } },
          ],
        }),
      );
      const { code, output } = await runCatnapExpectingFailure(['start', '--data', data, '--world', worldPath, '--webui-port', '0']);
      expect(code).toBe(1);
      expect(output).toContain(`port ${port} on 127.0.0.1 is already in use (wanted by httpServers "api" of account 10001)`);
      const plain = join(data, 'plain.json');
      await writeFile(plain, JSON.stringify({ accounts: [{ user_id: 20001, nickname: 'A' }] }));
      const web = await runCatnapExpectingFailure(['start', '--data', await tempDir(), '--world', plain, '--webui-port', String(port)]);
      expect(web.code).toBe(1);
      expect(web.output).toContain(
        `port ${port} on 127.0.0.1 is already in use (wanted by the web UI and admin API); choose another with --webui-port`,
      );
    } finally {
      blocker.close();
    }
  });

  it('writes catnap.json with a generated token on first start and keeps it', async () => {
    const data = await tempDir();
    const worldPath = join(data, 'w.json');
    await writeFile(worldPath, JSON.stringify({ accounts: [{ user_id: 20001, nickname: 'A' }] }));
    const first = await spawnCatnap(['--data', data, '--webui-port', '0', '--world', worldPath], { CATNAP_WEBUI_TOKEN: '' });
    await first.stop();
    const settings = JSON.parse(await readFile(join(data, 'config', 'catnap.json'), 'utf8'));
    expect(settings.webui.token).toBe(first.token);
    expect(settings.webui.token.length).toBeGreaterThan(16);
    const second = await spawnCatnap(['--data', data, '--webui-port', '0']);
    expect(second.token).toBe(first.token);
    await second.stop();
  });
});
