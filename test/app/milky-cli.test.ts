import { readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { postJson, spawnCatnap, tempDir } from '../helpers/spawn.js';
import { until } from '../helpers/transports.js';

/** A port that was free a moment ago (the world file names a fixed Milky port, as users write it). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('catnap start with Milky accounts (end to end)', () => {
  it('serves the Milky port the world file names, prints it, hot-reloads milky_<uin>.json and exports it', async () => {
    const [milkyA, milkyB] = [await freePort(), await freePort()];
    const data = await tempDir();
    const worldPath = join(data, 'world.json');
    await writeFile(
      worldPath,
      JSON.stringify({
        accounts: [
          {
            user_id: 10001,
            nickname: 'Both Bot',
            bot: true,
            onebot: { network: { httpServers: [{ name: 'a-http', enable: true, host: '127.0.0.1', port: 0, token: 'ta' }] } },
            milky: { enable: true, http: { host: '127.0.0.1', port: milkyA, prefix: '', accessToken: 'ma' } },
          },
          { user_id: 10002, nickname: 'Milky Only', bot: true, milky: { http: { port: milkyB } } },
          { user_id: 20001, nickname: 'Alice' },
        ],
        groups: [{ group_id: 30001, group_name: 'Lounge', owner_id: 20001, members: [10001, 10002] }],
      }),
    );
    const catnap = await spawnCatnap(['--data', data, '--world', worldPath, '--webui-port', '0']);
    try {
      expect(catnap.banner).toContain(`Account 10001 (Both Bot): Milky http://127.0.0.1:${milkyA}`);
      expect(catnap.banner).toContain(`Account 10002 (Milky Only): Milky http://127.0.0.1:${milkyB} (API`);
      const login = await postJson(`http://127.0.0.1:${milkyA}/api/get_login_info`, {}, { authorization: 'Bearer ma' });
      expect(login).toEqual({ status: 200, json: { status: 'ok', retcode: 0, data: { uin: 10001, nickname: 'Both Bot' } } });
      // The same account's OneBot API sees what Milky did, at once.
      await postJson(`http://127.0.0.1:${milkyB}/api/send_group_message`, {
        group_id: 30001,
        message: [{ type: 'text', data: { text: 'hi' } }],
      });
      const onebot = catnap.endpoints.get('10001:a-http')!;
      const history = await postJson(`${onebot}/get_group_msg_history`, { group_id: 30001 }, { authorization: 'Bearer ta' });
      expect(history.json.data.messages.map((message: any) => [message.user_id, message.raw_message])).toEqual([[10002, 'hi']]);

      // Editing milky_10001.json by hand takes effect without a restart.
      const file = join(data, 'config', 'milky_10001.json');
      const saved = JSON.parse(await readFile(file, 'utf8'));
      expect(saved).toMatchObject({
        enable: true,
        http: { port: milkyA, accessToken: 'ma' },
        webhook: { urls: [] },
        reportSelfMessage: false,
      });
      await writeFile(file, JSON.stringify({ ...saved, http: { ...saved.http, accessToken: 'rotated' } }));
      await until(
        async () =>
          (
            await postJson(`http://127.0.0.1:${milkyA}/api/get_login_info`, {}, { authorization: 'Bearer rotated' }).catch(() => ({
              status: 0,
            }))
          ).status === 200,
        // The child process notices the file, waits out its debounce and restarts the server: seconds
        // on a loaded machine, so a generous limit.
        30_000,
        'the new Milky token',
      );
      expect((await postJson(`http://127.0.0.1:${milkyA}/api/get_login_info`, {}, { authorization: 'Bearer ma' })).status).toBe(401);

      const exported = await fetch(`${catnap.webuiUrl}/api/world/export`, { headers: { authorization: `Bearer ${catnap.token}` } });
      const accounts = ((await exported.json()) as any).accounts;
      expect(accounts.find((account: any) => account.user_id === 10002).milky).toMatchObject({ enable: true, http: { port: milkyB } });
      expect(accounts.find((account: any) => account.user_id === 10001)).toHaveProperty('onebot');
    } finally {
      await catnap.stop();
    }
  }, 60_000);
});
