import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCatnap } from '../helpers/catnap.js';
import { postJson } from '../helpers/spawn.js';
import { smallWorld } from '../helpers/world.js';

const world = {
  ...smallWorld,
  accounts: smallWorld.accounts!.map((account) =>
    account.user_id === 10001
      ? { ...account, onebot: { network: { httpServers: [{ name: 'api', enable: true, host: '127.0.0.1', port: 0, token: 'tok' }] } } }
      : account,
  ),
};

let env: Awaited<ReturnType<typeof startCatnap>>;
beforeAll(async () => {
  env = await startCatnap(world);
});
afterAll(async () => env.catnap.stop());

const endpoint = () => env.catnap.network.status(10001)[0]!.endpoint;
const bot = (action: string, params: unknown = {}) => postJson(`${endpoint()}/${action}`, params, { authorization: 'Bearer tok' });

describe('requests through the admin act route, answered by the bot over HTTP', () => {
  it('a simulated user asks to join; the bot lists and approves it', async () => {
    const raised = await env.admin('POST', '/api/world/act/10002/send_group_join_request', { group_id: 30001, comment: 'please' });
    expect(raised.json).toMatchObject({ status: 'ok', data: { status: 'pending' } });
    const { flag } = raised.json.data;
    const system = await bot('get_group_system_msg');
    expect(system.json.data.join_requests).toEqual([expect.objectContaining({ request_id: Number(flag), message: 'please' })]);
    expect((await bot('set_group_add_request', { flag, approve: true })).json).toMatchObject({ status: 'ok' });
    expect((await bot('get_group_member_info', { group_id: 30001, user_id: 10002 })).json.data).toMatchObject({ role: 'member' });
    expect((await bot('set_group_add_request', { flag, approve: true })).json).toMatchObject({ status: 'failed', retcode: 2107 });
  });

  it('a simulated user sends a friend request the bot rejects', async () => {
    const raised = await env.admin('POST', '/api/world/act/20002/send_friend_request', { user_id: 10001 });
    const { flag } = raised.json.data;
    expect((await bot('set_friend_add_request', { flag, approve: false })).json.status).toBe('ok');
    expect((await bot('get_friend_list')).json.data.map((friend: { user_id: number }) => friend.user_id)).not.toContain(20002);
  });
});

describe('get_online_clients and set_restart with real adapters', () => {
  it('lists the running adapter, and set_restart restarts it after answering', async () => {
    const clients = (await bot('get_online_clients')).json.data;
    expect(clients).toEqual([
      { app_id: 1, device_name: 'api', device_kind: 'httpServers', state: 'listening', endpoint: endpoint(), clients: 0 },
    ]);
    const before = endpoint();
    const reply = await bot('set_restart', { delay: 50 });
    expect(reply.json).toMatchObject({ status: 'ok', data: null });
    // The config asks for port 0, so the restarted server listens on a new port. A restart may take
    // seconds on a loaded machine: a restart that never comes still fails below.
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline && (env.catnap.network.status(10001)[0]?.endpoint ?? before) === before) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(endpoint()).not.toBe(before);
    expect(env.catnap.network.status(10001)[0]!.state).toBe('listening');
    expect((await bot('get_login_info')).json.data).toEqual({ user_id: 10001, nickname: 'Bot A' });
  });

  it('bot_exit takes the account offline after answering; applying its config brings it back', async () => {
    const reply = await bot('bot_exit');
    expect(reply.json).toMatchObject({ status: 'ok', data: null });
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline && env.catnap.network.status(10001).length > 0) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(env.catnap.network.status(10001)).toEqual([]);
    expect((await env.admin('POST', '/api/world/act/10001/get_online_clients', {})).json.data).toEqual([]);
    await env.catnap.reloadAccount(10001);
    expect(env.catnap.network.status(10001)[0]).toMatchObject({ state: 'listening' });
    expect((await bot('get_login_info')).json.data.user_id).toBe(10001);
  });
});
