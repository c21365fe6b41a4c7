import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { Catnap } from '../../src/app/catnap.js';
import { silentLogger } from '../../src/util/logger.js';
import { tempDir } from '../helpers/spawn.js';
import { TestSocket, until } from '../helpers/transports.js';

let catnap: Catnap | undefined;
afterEach(async () => {
  await catnap?.stop();
  catnap = undefined;
});

const world = {
  accounts: [
    {
      user_id: 10001,
      nickname: 'Bot A',
      bot: true,
      onebot: {
        network: {
          websocketServers: [{ name: 'ws-a', enable: true, host: '127.0.0.1', port: 0, heartInterval: 0 }],
          httpServers: [{ name: 'http-a', enable: true, host: '127.0.0.1', port: 0, token: 'old' }],
        },
      },
    },
    { user_id: 20001, nickname: 'Alice' },
    { user_id: 20002, nickname: 'Bob' },
  ],
  groups: [{ group_id: 30001, group_name: 'Lounge', owner_id: 20001, members: [10001, 20002] }],
};

function endpoint(name: string): string {
  const status = catnap!.network.status(10001).find((entry) => entry.name === name);
  if (!status) throw new Error(`no adapter ${name}`);
  return status.endpoint;
}

describe('hot reload: editing onebot11_<uin>.json applies adapter changes without a restart', () => {
  it('starts, restarts and stops changed adapters while unchanged ones keep their clients', async () => {
    const dataDir = await tempDir();
    await writeFile(join(dataDir, 'world.json'), JSON.stringify(world));
    catnap = await Catnap.start({
      dataDir,
      worldFile: join(dataDir, 'world.json'),
      webuiPort: 0,
      webuiToken: 'x',
      logger: silentLogger,
      watchConfig: true,
    });
    const wsUrl = `${endpoint('ws-a')}/`;
    const client = await TestSocket.open(wsUrl);
    await client.next(() => true);
    // Before the edit http-a takes the old token and answers an unknown action as NapCat does.
    const httpBefore = endpoint('http-a');
    expect((await fetch(`${httpBefore}/get_login_info?access_token=old`)).status).toBe(200);
    expect((await fetch(`${httpBefore}/get_login_info?access_token=new`)).status).toBe(403);
    const unknownBefore = await fetch(`${httpBefore}/no_such?access_token=old`);
    expect([unknownBefore.status, await unknownBefore.json()]).toEqual([404, expect.objectContaining({ retcode: 1404 })]);

    // Edit the file as a person would: add a WebSocket server, change the HTTP token and dialect.
    const path = join(dataDir, 'config', 'onebot11_10001.json');
    const config = JSON.parse(await readFile(path, 'utf8'));
    config.network.websocketServers.push({ name: 'ws-b', enable: true, host: '127.0.0.1', port: 0, heartInterval: 0 });
    config.network.httpServers[0].token = 'new';
    config.network.httpServers[0].dialect = 'llbot';
    await writeFile(path, JSON.stringify(config, null, 2));

    await until(() => catnap!.network.status(10001).some((entry) => entry.name === 'ws-b'), 10_000, 'ws-b to start');
    const second = await TestSocket.open(`${endpoint('ws-b')}/`);
    await second.next(() => true);
    // http-a restarted with the new token (the port may differ: it asked for port 0).
    const http = endpoint('http-a');
    expect((await fetch(`${http}/get_login_info?access_token=old`)).status).toBe(403);
    expect((await fetch(`${http}/get_login_info?access_token=new`)).status).toBe(200);
    const unknown = await fetch(`${http}/no_such?access_token=new`);
    expect([unknown.status, await unknown.json()]).toEqual([404, expect.objectContaining({ retcode: 404, message: 'no_such API 不存在' })]);

    // The first client never noticed: same connection, still served events and calls.
    expect(client.closeCode).toBeUndefined();
    await catnap.world.groups.setCard(20001, 30001, 20002, 'Bobby');
    expect(await client.event((frame) => frame.notice_type === 'group_card')).toMatchObject({ card_new: 'Bobby' });
    expect(await second.event((frame) => frame.notice_type === 'group_card')).toMatchObject({ card_new: 'Bobby' });
    expect((await client.call('get_login_info')).status).toBe('ok');
    expect(client.frames.filter((frame) => frame.meta_event_type === 'lifecycle')).toHaveLength(1);

    // Disabling ws-b stops it and closes its clients; ws-a is still untouched.
    config.network.websocketServers[1].enable = false;
    await writeFile(path, JSON.stringify(config, null, 2));
    expect(await second.closed).toBe(1001);
    await until(() => catnap!.network.status(10001).length === 2, 10_000, 'ws-b to be gone');
    expect(
      catnap.network
        .status(10001)
        .map((entry) => entry.name)
        .sort(),
    ).toEqual(['http-a', 'ws-a']);
    expect(client.closeCode).toBeUndefined();
  });

  it('keeps the running adapters when the edited file is invalid', async () => {
    const lines: { level: number; msg: string }[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    const dataDir = await tempDir();
    await writeFile(join(dataDir, 'world.json'), JSON.stringify(world));
    catnap = await Catnap.start({
      dataDir,
      worldFile: join(dataDir, 'world.json'),
      webuiPort: 0,
      webuiToken: 'x',
      logger,
      watchConfig: true,
    });
    const client = await TestSocket.open(`${endpoint('ws-a')}/`);
    await client.next(() => true);
    const path = join(dataDir, 'config', 'onebot11_10001.json');
    const valid = await readFile(path, 'utf8');
    await writeFile(path, '{ "network": { "websocketServers": [ { "port": "not a port" } ] } }');
    // The reload ran, and refused the file...
    await until(
      () => lines.some((line) => /config of 10001 not applied: .*websocketServers\.0\.port/.test(line.msg)),
      10_000,
      'the reload to refuse the file',
    );
    // ...leaving the adapters and their clients as they were.
    expect(client.closeCode).toBeUndefined();
    expect(
      catnap.network
        .status(10001)
        .map((entry) => entry.name)
        .sort(),
    ).toEqual(['http-a', 'ws-a']);
    expect((await client.call('get_login_info')).status).toBe('ok');
    // A valid edit afterwards is applied as usual.
    const config = JSON.parse(valid);
    config.network.websocketServers.push({ name: 'ws-b', enable: true, host: '127.0.0.1', port: 0, heartInterval: 0 });
    await writeFile(path, JSON.stringify(config, null, 2));
    await until(() => catnap!.network.status(10001).some((entry) => entry.name === 'ws-b'), 10_000, 'ws-b to start');
    expect(client.closeCode).toBeUndefined();
  });
});
