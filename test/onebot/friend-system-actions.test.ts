import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { urlSafety } from '../../src/onebot/actions/system-extras.js';
import { bkn } from '../../src/world/services/credential-service.js';
import { SqliteWorldStore } from '../../src/world/store/sqlite/sqlite-store.js';
import { World } from '../../src/world/world.js';
import { applyWorldFile } from '../../src/world/world-file.js';
import { onebotWorld } from '../helpers/onebot.js';
import { smallWorld } from '../helpers/world.js';

describe('delete_friend, set_friend_remark, get_unidirectional_friend_list', () => {
  it('deleting leaves a one-way friend on the other side, listed as unidirectional', async () => {
    const ob = await onebotWorld();
    await ob.data(10001, 'delete_friend', { friend_id: '20001' });
    expect(await ob.data(10001, 'get_friend_list')).toEqual([]);
    expect(await ob.world.friends.get(20001, 10001)).toBeDefined();
    expect(await ob.data(10001, 'get_unidirectional_friend_list')).toEqual([
      { uin: 20001, uid: expect.stringMatching(/^u_/), nick_name: 'Alice', age: 20, source: '' },
    ]);
    expect(ob.domainEvents).toEqual([expect.objectContaining({ type: 'friend.removed', userId: 10001, friendId: 20001 })]);
  });

  it('temp_both_del removes both sides; errors name the problem and change nothing', async () => {
    const ob = await onebotWorld();
    expect(await ob.call(10001, 'delete_friend', {})).toMatchObject({ retcode: 1400, message: expect.stringContaining('friend_id') });
    expect(await ob.call(10001, 'delete_friend', { user_id: 29999 })).toMatchObject({ retcode: 2001 });
    expect(await ob.call(10001, 'delete_friend', { user_id: 20002 })).toMatchObject({
      retcode: 2102,
      message: 'user 20002 is not in the friend list of 10001',
    });
    expect(await ob.world.friends.areFriends(10001, 20001)).toBe(true);
    await ob.data(10001, 'delete_friend', { user_id: 20001, temp_both_del: true });
    expect(await ob.world.friends.get(20001, 10001)).toBeUndefined();
    expect(await ob.data(10001, 'get_unidirectional_friend_list')).toEqual([]);
  });

  it('set_friend_remark changes only the caller’s view, friends only', async () => {
    const ob = await onebotWorld();
    await ob.data(10001, 'set_friend_remark', { user_id: 20001, remark: 'Ally' });
    expect(await ob.data(10001, 'get_stranger_info', { user_id: 20001 })).toMatchObject({ remark: 'Ally' });
    expect((await ob.world.friends.get(20001, 10001))?.remark ?? '').toBe('');
    expect(ob.domainEvents).toEqual([expect.objectContaining({ type: 'friend.updated', ownerId: 10001, friendId: 20001 })]);
    expect(await ob.call(10001, 'set_friend_remark', { user_id: 20003, remark: 'x' })).toMatchObject({ retcode: 2102 });
    expect(await ob.call(10001, 'set_friend_remark', { user_id: 20001 })).toMatchObject({ retcode: 1400 });
  });
});

describe('set_input_status', () => {
  it('shows typing to a friend or group-mate as an input_status event', async () => {
    const ob = await onebotWorld();
    await ob.data(10001, 'set_input_status', { user_id: 20001, event_type: 1 });
    await ob.data(10001, 'set_input_status', { user_id: '20003', event_type: '0' }); // shares group 30001
    await ob.data(10001, 'set_input_status', { user_id: 20001, event_type: 2 });
    expect(ob.domainEvents).toEqual([
      expect.objectContaining({
        type: 'input_status',
        userId: 10001,
        targetId: 20001,
        eventType: 1,
        statusText: '对方正在输入...',
        audience: [20001],
      }),
      expect.objectContaining({ type: 'input_status', targetId: 20003, eventType: 0, statusText: '对方正在说话...' }),
      expect.objectContaining({ type: 'input_status', eventType: 2, statusText: '' }),
    ]);
  });

  it('refuses strangers, oneself, unknown accounts and bad params', async () => {
    const ob = await onebotWorld();
    expect(await ob.call(10002, 'set_input_status', { user_id: 20003, event_type: 1 })).toMatchObject({ retcode: 2102 });
    expect(await ob.call(10001, 'set_input_status', { user_id: 10001, event_type: 1 })).toMatchObject({ retcode: 1400 });
    expect(await ob.call(10001, 'set_input_status', { user_id: 29999, event_type: 1 })).toMatchObject({ retcode: 2001 });
    expect(await ob.call(10001, 'set_input_status', { user_id: 20001 })).toMatchObject({
      retcode: 1400,
      message: expect.stringContaining('event_type'),
    });
    expect(ob.domainEvents).toEqual([]);
  });
});

describe('credentials issued by the world', () => {
  it('computes bkn exactly as QQ does', () => {
    expect(bkn('@abcdefghi')).toBe(34812434);
  });

  it('cookies, csrf token and credentials agree, differ per account and domain, and survive a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'catnap-cred-'));
    const open = async () => {
      const world = new World({ store: new SqliteWorldStore(join(dir, 'catnap.db')) });
      await applyWorldFile(world, smallWorld);
      return world;
    };
    const first = await open();
    const a = await first.credentials.credentials(10001, 'qun.qq.com');
    await first.close();
    const ob = await onebotWorld();
    const cookies = await ob.data(10001, 'get_cookies', { domain: 'qun.qq.com' });
    expect(cookies.cookies).toMatch(/^uin=o0000010001; skey=@[0-9A-Za-z]{9}; p_uin=o0000010001; p_skey=[\w-]{43}$/);
    const skey = /skey=(@\w{9})/.exec(cookies.cookies)![1]!;
    expect(cookies.bkn).toBe(String(bkn(skey)));
    expect(await ob.data(10001, 'get_csrf_token')).toEqual({ token: bkn(skey) });
    const credentials = await ob.data(10001, 'get_credentials', { domain: 'qun.qq.com' });
    expect(credentials).toEqual({ cookies: cookies.cookies, token: bkn(skey), csrf_token: bkn(skey) });
    expect((await ob.data(10001, 'get_cookies', {})).cookies).toBe(`uin=o0000010001; skey=${skey}`);
    expect((await ob.data(10001, 'get_cookies', { domain: 'qzone.qq.com' })).cookies).not.toBe(cookies.cookies);
    expect((await ob.data(10002, 'get_cookies', { domain: 'qun.qq.com' })).cookies).not.toContain(skey);

    const again = await open();
    expect(await again.credentials.credentials(10001, 'qun.qq.com')).toEqual(a);
    await again.close();
    expect(await ob.call(10001, 'get_cookies', { domain: 5 })).toMatchObject({ status: 'ok' }); // numbers become strings
    const { clientkey } = await ob.data(10001, 'get_clientkey');
    expect(clientkey).toMatch(/^[0-9A-F]{64}$/);
    expect((await ob.data(10001, 'get_clientkey')).clientkey).toBe(clientkey);
    expect((await ob.data(10002, 'get_clientkey')).clientkey).not.toBe(clientkey);
    expect(await ob.call(10001, 'get_cookies', { domain: { a: 1 } })).toMatchObject({ retcode: 1400 });
  });
});

describe('clean_cache, check_url_safely, set_restart and get_online_clients without a network', () => {
  it('clean_cache with nothing downloaded yet and nc_get_packet_status succeed (no packet backend needed)', async () => {
    const ob = await onebotWorld();
    expect(await ob.call(10001, 'clean_cache')).toMatchObject({ status: 'ok', data: null });
    expect(await ob.call(10001, 'nc_get_packet_status')).toMatchObject({ status: 'ok', data: null });
  });

  it('check_url_safely judges locally', async () => {
    const ob = await onebotWorld();
    expect(await ob.data(10001, 'check_url_safely', { url: 'https://qq.com/path?q=1' })).toEqual({ level: 1 });
    expect(await ob.data(10001, 'check_url_safely', { url: 'javascript:alert(1)' })).toEqual({ level: 3 });
    expect(await ob.call(10001, 'check_url_safely', { url: 'not a url' })).toMatchObject({
      retcode: 1400,
      message: expect.stringContaining('not a URL'),
    });
    expect(urlSafety('http://192.168.1.5/x')).toBe(2);
    expect(urlSafety('https://xn--fsq.com/')).toBe(2);
    expect(urlSafety('https://user:pw@example.com/')).toBe(2);
    expect(urlSafety('file:///etc/passwd')).toBe(3);
    expect(urlSafety('http://localhost:3000/')).toBe(2);
  });

  it('set_restart and get_online_clients have nothing to act on without adapters', async () => {
    const ob = await onebotWorld();
    expect(await ob.call(10001, 'set_restart', { delay: 10 })).toMatchObject({ status: 'ok', data: null });
    expect(await ob.call(10001, 'set_restart', { delay: -1 })).toMatchObject({ retcode: 1400 });
    expect(await ob.data(10001, 'get_online_clients')).toEqual([]);
  });
});
