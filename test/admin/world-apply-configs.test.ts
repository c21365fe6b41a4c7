import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smallWorld } from '../helpers/world.js';
import { startCatnap } from '../helpers/catnap.js';

let env: Awaited<ReturnType<typeof startCatnap>>;
beforeAll(async () => {
  env = await startCatnap(smallWorld);
});
afterAll(async () => env.catnap.stop());

/** A server holding a port of its own on loopback, as another program would. */
async function portHolder(): Promise<{ port: number; server: Server }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as { port: number }).port, server };
}

/** A port nothing listens on now. */
async function freePort(): Promise<number> {
  const { port, server } = await portHolder();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const http = (name: string, port: number) => ({ network: { httpServers: [{ name, enable: true, port }] } });

async function worldView() {
  return { accounts: (await env.admin('GET', '/api/world/accounts')).json, groups: (await env.admin('GET', '/api/world/groups')).json };
}

describe("a world file's protocol configs: refused before, or reported truthfully after", () => {
  it('refuses a config whose port another account already listens on, changing nothing', async () => {
    const port = await freePort();
    expect((await env.admin('PUT', '/api/bots/10001/onebot', http('taken', port))).status).toBe(200);
    const before = await worldView();
    const file = {
      accounts: [{ user_id: 20200, nickname: 'Late', onebot: http('mine', port) }],
      groups: [{ group_id: 30001, group_name: 'Renamed', owner_id: 20001 }],
    };
    const refused = await env.admin('POST', '/api/world/apply', file);
    expect(refused.status).toBe(400);
    expect(refused.json.error).toMatchObject({
      code: 'WORLD_FILE_INVALID',
      problems: [
        `accounts.0.onebot.network.httpServers.0.port: port ${port} is already taken by account 10001's OneBot httpServers "taken"`,
      ],
    });
    const single = await env.admin('POST', '/api/world/accounts', { user_id: 20200, nickname: 'Late', milky: { http: { port } } });
    expect(single.status).toBe(400);
    expect(single.json.error.problems).toEqual([
      `accounts.0.milky.http.port: port ${port} is already taken by account 10001's OneBot httpServers "taken"`,
    ]);
    expect(await worldView()).toEqual(before);
    expect((await env.admin('GET', '/api/bots')).json.map((bot: any) => bot.user_id)).not.toContain(20200);
    // The account's own port is no clash: its new config replaces the old.
    const again = await env.admin('POST', '/api/world/apply', {
      accounts: [{ user_id: 10001, nickname: 'Bot A', bot: true, onebot: http('taken', port) }],
    });
    expect(again.status).toBe(200);
    await env.admin('PUT', '/api/bots/10001/onebot', { network: {} });
  });

  it("refuses two of the file's own servers on one port", async () => {
    const port = await freePort();
    const before = await worldView();
    const file = {
      accounts: [
        { user_id: 20201, nickname: 'One', onebot: http('a', port) },
        { user_id: 20202, nickname: 'Two', milky: { http: { host: '0.0.0.0', port } } },
      ],
    };
    const refused = await env.admin('POST', '/api/world/apply', file);
    expect(refused.status).toBe(400);
    expect(refused.json.error.problems).toEqual([
      `accounts.1.milky.http.port: port ${port} is already taken by accounts.0.onebot.network.httpServers.0.port (account 20201's OneBot httpServers "a")`,
    ]);
    expect(await worldView()).toEqual(before);
  });

  it('writes every config when an adapter cannot start, and answers 409 ADAPTER_FAILED naming it', async () => {
    const holder = await portHolder();
    try {
      const file = {
        accounts: [
          { user_id: 20210, nickname: 'Blocked', bot: true, onebot: http('blocked', holder.port) },
          { user_id: 20211, nickname: 'Fine', bot: true, onebot: http('fine', 0), milky: { http: { port: 0 } } },
        ],
      };
      const answer = await env.admin('POST', '/api/world/apply', file);
      expect(answer.status).toBe(409);
      expect(answer.json.error.code).toBe('ADAPTER_FAILED');
      expect(answer.json.error.message).toMatch(/^the world file was applied and every config saved, but account 20210's OneBot config: /);
      expect(answer.json.error.problems).toHaveLength(1);
      expect(answer.json.error.problems[0]).toMatch(/^account 20210's OneBot config: httpServers:blocked: .*already in use/);
      const accounts = (await env.admin('GET', '/api/world/accounts')).json.map((account: any) => account.user_id);
      expect(accounts).toEqual(expect.arrayContaining([20210, 20211]));
      const blocked = await env.admin('GET', '/api/bots/20210/onebot');
      expect(blocked.json).toMatchObject({ exists: true, config: { network: { httpServers: [{ name: 'blocked', port: holder.port }] } } });
      // The account after the failing one got its configs, and they run.
      const fine = (await env.admin('GET', '/api/bots/20211/onebot')).json;
      expect(fine.exists).toBe(true);
      expect(fine.adapters.map((adapter: any) => [adapter.kind, adapter.state])).toEqual([
        ['httpServers', 'listening'],
        ['milky', 'listening'],
      ]);
      expect((await env.admin('GET', '/api/bots/20211/milky')).json.exists).toBe(true);
    } finally {
      await new Promise((resolve) => holder.server.close(resolve));
    }
  });

  it('creates the account and saves its config when its adapter cannot start, answering 409 ADAPTER_FAILED', async () => {
    const holder = await portHolder();
    try {
      const answer = await env.admin('POST', '/api/world/accounts', {
        user_id: 20220,
        nickname: 'Blocked',
        onebot: http('b', holder.port),
      });
      expect(answer.status).toBe(409);
      expect(answer.json.error).toMatchObject({ code: 'ADAPTER_FAILED' });
      expect(answer.json.error.message).toMatch(
        /^account 20220 was created and every config saved, but account 20220's OneBot config: httpServers:b: /,
      );
      expect((await env.admin('GET', '/api/world/accounts/20220')).status).toBe(200);
      expect((await env.admin('GET', '/api/bots/20220/onebot')).json.exists).toBe(true);
    } finally {
      await new Promise((resolve) => holder.server.close(resolve));
    }
  });
});
