import { afterEach, describe, expect, it } from 'vitest';
import type { HttpServerAdapter } from '../../src/network/http-server-adapter.js';
import { attachWorld } from '../../src/app/testing/index.js';
import { startCatnap } from '../helpers/catnap.js';
import { cli } from '../helpers/cli.js';

const world = {
  accounts: [
    { user_id: 10001, nickname: 'Bot', bot: true },
    { user_id: 20001, nickname: 'Alice' },
  ],
  friends: [{ user_id: 10001, friend_id: 20001 }],
  groups: [{ group_id: 30001, group_name: 'G', owner_id: 20001, members: [10001] }],
};

const gone = 'account 20009 does not exist (a snapshot restore or reset may have removed it)';

/**
 * A bot account created after the snapshot `start` keeps its adapters when a reset takes the
 * account away (config files outlive a restore, and adapters keep running). Its calls must say
 * the account is gone: a pin failed on the database's foreign key (an internal error), and reads
 * answered as if a friendless, groupless account were there.
 */
describe('calls as an account a restore took away', () => {
  let stop: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await stop?.();
    stop = undefined;
  });

  it('fail with USER_NOT_FOUND on Milky and OneBot alike, and work again once the account is back', async () => {
    const { catnap, admin } = await startCatnap(world);
    stop = () => catnap.stop();
    const zed = {
      user_id: 20009,
      nickname: 'Zed',
      bot: true,
      milky: { http: { host: '127.0.0.1', port: 0, prefix: '/' } },
      onebot: { network: { httpServers: [{ name: 'zed-http', enable: true, host: '127.0.0.1', port: 0, token: '' }] } },
    };
    expect((await admin('POST', '/api/world/accounts', zed)).status).toBe(201);
    expect((await admin('POST', '/api/world/friends', { user_id: 20009, friend_id: 20001 })).status).toBe(200);
    const milkyPort = catnap.milky.manager.server(20009)!.port;
    const onebotPort = (catnap.network.adapters(20009)[0] as HttpServerAdapter).port;
    const milky = async (api: string, body: unknown) =>
      (await fetch(`http://127.0.0.1:${milkyPort}/api/${api}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }).then((response) => response.json())) as { status: string; retcode: number; message?: string; data?: unknown };
    const onebot = async (action: string, body: unknown) =>
      (await fetch(`http://127.0.0.1:${onebotPort}/${action}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }).then((response) => response.json())) as { status: string; retcode: number; message: string; data: unknown };
    expect((await milky('get_friend_list', {})).status).toBe('ok');

    expect((await admin('POST', '/api/world/reset')).status).toBe(200);

    const pin = await milky('set_peer_pin', { message_scene: 'friend', peer_id: 20001, is_pinned: true });
    expect(pin).toMatchObject({ status: 'failed', retcode: -404 });
    expect(pin.message).toContain(gone);
    expect(await milky('get_friend_list', {})).toMatchObject({ status: 'failed', retcode: -404 });
    expect(await milky('get_peer_pins', {})).toMatchObject({ status: 'failed', retcode: -404 });
    const friends = await onebot('get_friend_list', {});
    expect(friends).toMatchObject({ status: 'failed', retcode: 2001, data: null });
    expect(friends.message).toContain(gone);
    expect(await onebot('get_group_list', {})).toMatchObject({ status: 'failed', retcode: 2001 });
    expect(await onebot('get_recent_contact', {})).toMatchObject({ status: 'failed', retcode: 2001 });
    // Queued calls say so too, instead of being accepted and then failing in the queue.
    expect(await onebot('get_friend_list_async', {})).toMatchObject({ status: 'failed', retcode: 2001 });

    // The bot list still shows the account whose adapters run, and that the restore removed it.
    const listed = async () => ((await admin('GET', '/api/bots')).json as any[]).find((bot) => bot.user_id === 20009);
    const removed = await listed();
    expect(removed).toMatchObject({ user_id: 20009, removed: true, has_config: true, nickname: '' });
    expect(removed.adapters.map((adapter: { name: string }) => adapter.name).sort()).toEqual(['milky-http', 'zed-http']);
    expect((await admin('GET', '/api/bots')).json.find((bot: any) => bot.user_id === 10001)).toMatchObject({ removed: false });
    // A test attached to this Catnap does not take it for the bot to test (it has no account).
    const attached = await attachWorld({ url: catnap.webuiUrl, token: 'admin-token' });
    expect(attached.botId).toBeUndefined();
    const status = await cli(['status', '--url', catnap.webuiUrl, '--token', 'admin-token']);
    expect(status.stdout).toContain(
      'Account 20009 (removed by a restore; its calls fail until it exists again)\n  httpServers "zed-http" listening',
    );

    // The adapters kept running: once the account exists again, they serve it.
    expect((await admin('POST', '/api/world/accounts', { user_id: 20009, nickname: 'Zed', bot: true })).status).toBe(201);
    expect(await listed()).toMatchObject({ user_id: 20009, removed: false, nickname: 'Zed' });
    expect(await milky('get_peer_pins', {})).toMatchObject({ status: 'ok' });
    expect(await onebot('get_friend_list', {})).toMatchObject({ status: 'ok', data: [] });
  });
});
