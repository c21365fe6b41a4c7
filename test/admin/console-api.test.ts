import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { smallWorld } from '../helpers/world.js';
import { startCatnap } from '../helpers/catnap.js';

let env: Awaited<ReturnType<typeof startCatnap>>;
beforeAll(async () => {
  env = await startCatnap(smallWorld);
});
afterAll(async () => env.catnap.stop());

const wsUrl = (query: string) => `${env.catnap.webuiUrl.replace('http', 'ws')}/api/live${query}`;

/** Opens the live socket and collects its frames; `until` waits for a frame matching a predicate. */
async function openLive(query = '?token=admin-token') {
  const ws = new WebSocket(wsUrl(query));
  const frames: any[] = [];
  const waiters: { test: (frame: any) => boolean; resolve: (frame: any) => void }[] = [];
  ws.on('message', (data) => {
    const frame = JSON.parse(data.toString());
    frames.push(frame);
    for (const waiter of [...waiters]) {
      if (waiter.test(frame)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(frame);
      }
    }
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  // Generous: a frame crosses a socket, and a loaded machine can hold it up for seconds.
  const until = (test: (frame: any) => boolean, ms = 15_000) => {
    const found = frames.find(test);
    if (found) return Promise.resolve(found);
    return new Promise<any>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching frame in ${ms} ms; got ${frames.map((f) => f.type).join(',')}`)), ms);
      waiters.push({ test, resolve: (frame) => (clearTimeout(timer), resolve(frame)) });
    });
  };
  return { ws, frames, until };
}

/** The HTTP status a refused upgrade answers with. */
function upgradeStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.on('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('open', () => {
      ws.close();
      reject(new Error('the upgrade was accepted'));
    });
    ws.on('error', () => undefined);
  });
}

describe('live WebSocket', () => {
  it('checks the web UI token before the upgrade', async () => {
    expect(await upgradeStatus(wsUrl(''))).toBe(401);
    expect(await upgradeStatus(wsUrl('?token=wrong'))).toBe(403);
    expect(await upgradeStatus(wsUrl('?token=admin-token&streams=nope'))).toBe(400);
    expect(await upgradeStatus(`${env.catnap.webuiUrl.replace('http', 'ws')}/api/other?token=admin-token`)).toBe(404);
  });

  it('streams domain events, OneBot events and API calls with their payloads', async () => {
    const live = await openLive();
    expect((await live.until((frame) => frame.type === 'hello')).streams).toEqual([
      'domain',
      'onebot',
      'call',
      'adapters',
      'transcript',
      'fault',
    ]);
    await env.admin('POST', '/api/world/act/20001/set_group_card', { group_id: 30001, user_id: 20002, card: 'Bobby' });
    await env.admin('POST', '/api/world/act/20001/get_group_info', { group_id: 30001, echo: 'x' });
    const call = await live.until((frame) => frame.type === 'call' && frame.call.action === 'get_group_info');
    expect(call.call).toMatchObject({
      self_id: 20001,
      params: { group_id: 30001, echo: 'x' },
      transport: 'admin',
      envelope: { status: 'ok', data: { group_id: 30001 } },
    });
    // Milky calls show in the same log.
    await env.catnap.milky.dispatcher.call(10001, 'get_group_info', { group_id: 30001 });
    const milky = await live.until((frame) => frame.type === 'call' && frame.call.transport === 'milky');
    expect(milky.call).toMatchObject({
      self_id: 10001,
      action: 'get_group_info',
      envelope: { status: 'ok', retcode: 0, data: { group: { group_id: 30001 } } },
    });
    live.ws.close();
  });

  it('streams domain events of world changes and only the streams asked for', async () => {
    const live = await openLive('?token=admin-token&streams=domain');
    await live.until((frame) => frame.type === 'hello');
    await env.admin('PATCH', '/api/world/groups/30001/members/20003', { card: 'Caro' });
    const domain = await live.until((frame) => frame.type === 'domain' && frame.event.type === 'member.card_changed');
    expect(domain.event).toMatchObject({ groupId: 30001, userId: 20003, cardNew: 'Caro' });
    await env.admin('POST', '/api/world/act/20001/get_login_info', {});
    // A later domain event comes after where the call's frame would have been.
    await env.admin('PATCH', '/api/world/groups/30001/members/20003', { card: 'Carrie' });
    await live.until((frame) => frame.type === 'domain' && frame.event.cardNew === 'Carrie');
    expect(live.frames.some((frame) => frame.type === 'call')).toBe(false);
    live.ws.close();
  });

  it("streams one account's calls only with self_id, and refuses a self_id that is not a number", async () => {
    expect(await upgradeStatus(wsUrl('?token=admin-token&self_id=abc'))).toBe(400);
    expect(await upgradeStatus(wsUrl('?token=admin-token&self_id=-3'))).toBe(400);
    const live = await openLive('?token=admin-token&streams=call,domain&self_id=20002');
    await live.until((frame) => frame.type === 'hello');
    await env.admin('POST', '/api/world/act/20001/get_login_info', {});
    await env.admin('POST', '/api/world/act/20002/get_login_info', {});
    const mine = await live.until((frame) => frame.type === 'call');
    expect(mine.call.self_id).toBe(20002);
    // Frames about no single account still come.
    await env.admin('PATCH', '/api/world/groups/30001/members/20003', { card: 'Cleo' });
    await live.until((frame) => frame.type === 'domain' && frame.event.type === 'member.card_changed');
    expect(live.frames.filter((frame) => frame.type === 'call').map((frame) => frame.call.self_id)).toEqual([20002]);
    live.ws.close();
  });

  it("stamps OneBot event frames with the world's clock, as calls are", async () => {
    const live = await openLive('?token=admin-token&streams=onebot,call&self_id=20001');
    await live.until((frame) => frame.type === 'hello');
    await env.admin('POST', '/api/world/act/20002/send_group_msg', { group_id: 30001, message: 'stamped' });
    const event = await live.until((frame) => frame.type === 'onebot' && frame.event.post_type === 'message');
    await env.admin('POST', '/api/world/act/20001/get_login_info', {});
    const call = await live.until((frame) => frame.type === 'call');
    const now = (await env.admin('GET', '/api/clock')).json.now_ms as number;
    expect(event.time).toBeGreaterThan(now - 5000);
    expect(event.time).toBeLessThanOrEqual(call.call.time);
    live.ws.close();
  });

  it('sends no event frame a NapCat adapter would not receive: an essence removal has no notice, its setting has', async () => {
    const live = await openLive('?token=admin-token&streams=onebot&self_id=20001');
    await live.until((frame) => frame.type === 'hello');
    const sent = await env.admin('POST', '/api/world/act/20002/send_group_msg', { group_id: 30001, message: 'pin me' });
    const messageId = sent.json.data.message_id as number;
    await env.admin('POST', '/api/world/act/20001/set_essence_msg', { message_id: messageId });
    await env.admin('POST', '/api/world/act/20001/delete_essence_msg', { message_id: messageId });
    // A later event: once it is here, any frame for the removal would have come before it.
    await env.admin('POST', '/api/world/act/20002/send_group_msg', { group_id: 30001, message: 'after' });
    await live.until((frame) => frame.type === 'onebot' && frame.event.raw_message === 'after');
    const essence = live.frames.filter((frame) => frame.type === 'onebot' && frame.event.notice_type === 'essence');
    expect(essence.map((frame) => frame.event.sub_type)).toEqual(['add']);
    live.ws.close();
  });

  it("says on a call when the account's health failed it", async () => {
    const live = await openLive('?token=admin-token&streams=call&self_id=20001');
    await live.until((frame) => frame.type === 'hello');
    await env.admin('POST', '/api/bots/20001/health', { state: 'offline' });
    try {
      await env.admin('POST', '/api/world/act/20001/send_group_msg', { group_id: 30001, message: 'while offline' });
      const call = await live.until((frame) => frame.type === 'call' && frame.call.action === 'send_group_msg');
      expect(call.call.envelope.status).toBe('failed');
      expect(call.call.fault).toEqual({ rule_id: null, effect: 'fail', reason: 'account offline' });
    } finally {
      await env.admin('POST', '/api/bots/20001/health', { state: 'online' });
    }
    await env.admin('POST', '/api/world/act/20001/get_login_info', {});
    const fine = await live.until((frame) => frame.type === 'call' && frame.call.action === 'get_login_info');
    expect(fine.call.fault).toBeUndefined();
    live.ws.close();
  });

  it('streams transcript entries as they are recorded, marks included (the console timeline)', async () => {
    const live = await openLive('?token=admin-token&streams=transcript');
    await live.until((frame) => frame.type === 'hello');
    const mark = (await env.admin('POST', '/api/world/marks', { name: 'timeline' })).json.mark;
    await env.admin('POST', '/api/world/act/20001/send_group_msg', { group_id: 30001, message: 'on the timeline' });
    const marked = await live.until((frame) => frame.type === 'transcript' && frame.entry.kind === 'mark');
    expect(marked.entry).toMatchObject({ seq: Number(mark), name: 'timeline', line: 'mark timeline' });
    const message = await live.until((frame) => frame.type === 'transcript' && frame.entry.kind === 'message');
    expect(message.entry.seq).toBeGreaterThan(Number(mark));
    expect(message.entry.line).toContain('on the timeline');
    // The same entries as the transcript route gives.
    const { entries } = (await env.admin('GET', `/api/world/transcript?since=${mark}`)).json;
    expect(entries.map((entry: { seq: number }) => entry.seq)).toContain(message.entry.seq);
    expect(live.frames.some((frame) => frame.type === 'call' || frame.type === 'domain')).toBe(false);
    live.ws.close();
  });

  it('streams every fault rule that fires, before the call it hit answers', async () => {
    const live = await openLive('?token=admin-token&streams=fault,call');
    await live.until((frame) => frame.type === 'hello');
    const rule = (
      await env.admin('POST', '/api/faults', {
        self_id: 20001,
        action: 'send_*',
        times: 1,
        effect: { type: 'fail', preset: 'risk_control' },
      })
    ).json.id;
    const failed = await env.admin('POST', '/api/world/act/20001/send_group_msg', { group_id: 30001, message: 'hit' });
    expect(failed.json.status).toBe('failed');
    const fired = await live.until((frame) => frame.type === 'fault');
    expect(fired.fault).toMatchObject({ rule_id: rule, self_id: 20001, action: 'send_group_msg', transport: 'admin', effect: 'fail' });
    expect(fired.fault.retcode).toBe(failed.json.retcode);
    const call = await live.until((frame) => frame.type === 'call' && frame.call.action === 'send_group_msg');
    expect(live.frames.indexOf(fired)).toBeLessThan(live.frames.indexOf(call));
    // The rule was for one call: the next one goes through, and nothing fires.
    await env.admin('POST', '/api/world/act/20001/send_group_msg', { group_id: 30001, message: 'through' });
    await live.until((frame) => frame.type === 'call' && frame.call.envelope.status === 'ok');
    expect(live.frames.filter((frame) => frame.type === 'fault')).toHaveLength(1);
    live.ws.close();
  });

  it('clips long strings in call payloads', async () => {
    const live = await openLive('?token=admin-token&streams=call');
    await env.admin('POST', '/api/world/act/20001/get_login_info', { padding: 'x'.repeat(10000) });
    const call = await live.until((frame) => frame.type === 'call' && frame.call.action === 'get_login_info');
    expect(call.call.params.padding).toMatch(/^x{2000}… \(10000 characters\)$/);
    live.ws.close();
  });
});

describe('bot network config', () => {
  it('reads a config with NapCat defaults, validates without saving and names the bad field', async () => {
    const read = await env.admin('GET', '/api/bots/10001/onebot');
    expect(read.status).toBe(200);
    expect(read.json).toMatchObject({ user_id: 10001, exists: false, config: { network: { httpServers: [] } } });
    const valid = await env.admin('POST', '/api/bots/10001/onebot/validate', { network: { httpServers: [{ name: 'h', port: 3999 }] } });
    expect(valid.json.config.network.httpServers[0]).toMatchObject({ name: 'h', port: 3999, host: '127.0.0.1', enable: false, token: '' });
    const bad = await env.admin('POST', '/api/bots/10001/onebot/validate', { network: { httpServers: [{ port: 'ninety' }] } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('BAD_ONEBOT_CONFIG');
    expect(bad.json.error.message).toContain('network.httpServers.0.port');
    expect((await env.admin('PUT', '/api/bots/10001/onebot', { network: { websocketServers: [{ port: 70000 }] } })).status).toBe(400);
    expect((await env.admin('GET', '/api/bots/10001/onebot')).json.exists).toBe(false);
    expect((await env.admin('GET', '/api/bots/29999/onebot')).status).toBe(404);
  });

  it('saves and hot-reloads: a new HTTP server answers at once, and stops when removed', async () => {
    const saved = await env.admin('PUT', '/api/bots/10002/onebot', {
      network: { httpServers: [{ name: 'b-http', enable: true, host: '127.0.0.1', port: 0, token: 'bt' }] },
    });
    expect(saved.status).toBe(200);
    expect(saved.json.adapters).toEqual([expect.objectContaining({ kind: 'httpServers', name: 'b-http', state: 'listening' })]);
    const endpoint = saved.json.adapters[0].endpoint as string;
    const login = await fetch(`${endpoint}/get_login_info`, { headers: { authorization: 'Bearer bt' } });
    expect(await login.json()).toMatchObject({ status: 'ok', data: { user_id: 10002 } });
    const bots = await env.admin('GET', '/api/bots');
    expect(bots.json.find((bot: any) => bot.user_id === 10002)).toMatchObject({ has_config: true, adapters: [{ name: 'b-http' }] });
    await env.admin('PUT', '/api/bots/10002/onebot', { network: { httpServers: [] } });
    expect((await env.admin('GET', '/api/bots/10002/adapters')).json).toEqual([]);
    await expect(fetch(`${endpoint}/get_login_info`)).rejects.toThrow();
  });

  it('sends adapter state over the live socket when it changes', async () => {
    const live = await openLive('?token=admin-token&streams=adapters');
    await env.admin('PUT', '/api/bots/10001/onebot', { network: { httpServers: [{ name: 'a-http', enable: true, port: 0 }] } });
    const frame = await live.until((f) => f.type === 'adapters' && f.self_id === 10001 && f.adapters.length === 1);
    expect(frame.adapters[0]).toMatchObject({ name: 'a-http', state: 'listening' });
    await env.admin('PUT', '/api/bots/10001/onebot', { network: {} });
    await live.until((f) => f.type === 'adapters' && f.self_id === 10001 && f.adapters.length === 0);
    live.ws.close();
  });
});

describe('world management as the world', () => {
  it('changes roles, cards, titles and mutes, and reports bad input without changing anything', async () => {
    const { admin } = env;
    const member = await admin('PATCH', '/api/world/groups/30001/members/20003', {
      role: 'admin',
      card: 'Carol!',
      title: 'Star',
      mute_seconds: 600,
    });
    expect(member.json).toMatchObject({ user_id: 20003, role: 'admin', card: 'Carol!', title: 'Star' });
    expect(member.json.mute_until).toBeGreaterThan(Date.now() / 1000);
    const bad = await admin('PATCH', '/api/world/groups/30001/members/20003', { role: 'owner' });
    expect(bad.status).toBe(400);
    expect((await admin('PATCH', '/api/world/groups/30001/members/20003', { colour: 'red' })).json.error.problems).toContain(
      'colour: unknown key',
    );
    expect((await admin('PATCH', '/api/world/groups/30001/members/29999', { card: 'x' })).status).toBe(404);
    expect((await admin('PATCH', '/api/world/groups/30001/members/20001', { role: 'member' })).status).toBe(403);
    const after = (await admin('GET', '/api/world/groups')).json.find((g: any) => g.group_id === 30001);
    expect(after.members.find((m: any) => m.user_id === 20003)).toMatchObject({ role: 'admin', card: 'Carol!' });
    await admin('PATCH', '/api/world/groups/30001/members/20003', { role: 'member', mute_seconds: 0 });
  });

  it('adds and kicks members, renames, mutes the whole group and transfers it', async () => {
    const { admin } = env;
    expect((await admin('POST', '/api/world/groups/30002/members', { user_id: 20003 })).status).toBe(201);
    expect((await admin('POST', '/api/world/groups/30002/members', { user_id: 20003 })).status).toBe(409);
    expect((await admin('DELETE', '/api/world/groups/30002/members/20003')).json).toEqual({
      group_id: 30002,
      user_id: 20003,
      removed: true,
    });
    expect((await admin('DELETE', '/api/world/groups/30002/members/10002')).status).toBe(403);
    const group = await admin('PATCH', '/api/world/groups/30002', { group_name: 'Lab 2', whole_mute: true, owner_id: 20001 });
    expect(group.json).toMatchObject({ group_name: 'Lab 2', whole_mute: true, owner_id: 20001 });
    expect(group.json.members.find((m: any) => m.user_id === 10002).role).toBe('member');
    expect((await admin('PATCH', '/api/world/groups/30002', { max_member_count: 2 })).status).toBe(200);
    expect((await admin('PATCH', '/api/world/groups/30002', { max_member_count: 1 })).status).toBe(400);
  });

  it('edits accounts, ends friendships and dismisses groups', async () => {
    const { admin } = env;
    expect((await admin('PATCH', '/api/world/accounts/20003', { nickname: 'Caroline', age: 33 })).json).toMatchObject({
      nickname: 'Caroline',
      age: 33,
    });
    expect((await admin('PATCH', '/api/world/accounts/20003', { nickname: '' })).status).toBe(400);
    expect((await admin('DELETE', '/api/world/friends/10002/20002')).json.removed).toBe(true);
    expect((await admin('DELETE', '/api/world/friends/10002/20002')).status).toBe(400);
    await admin('POST', '/api/world/groups', { group_id: 30090, group_name: 'Short-lived', owner_id: 20002 });
    expect((await admin('DELETE', '/api/world/groups/30090')).json.dismissed).toBe(true);
    expect((await admin('DELETE', '/api/world/groups/30090')).status).toBe(404);
  });
});

describe('world export', () => {
  it('exports a world file that rebuilds the same world elsewhere', async () => {
    const { admin } = env;
    await admin('POST', '/api/world/friends', {
      user_id: 20001,
      friend_id: 20002,
      category: 'Pals',
      remark: 'bobby',
      reverse_category: 'Boss',
    });
    await admin('PUT', '/api/bots/10001/onebot', { network: { websocketServers: [{ name: 'ws', enable: false, port: 3555 }] } });
    const exported = await admin('GET', '/api/world/export');
    expect(exported.status).toBe(200);
    const file = exported.json;
    expect(file.accounts.find((a: any) => a.user_id === 10001)).toMatchObject({
      bot: true,
      onebot: { network: { websocketServers: [{ name: 'ws', port: 3555 }] } },
    });
    expect(file.friends).toContainEqual({ user_id: 20001, friend_id: 20002, category: 'Pals', remark: 'bobby', reverse_category: 'Boss' });

    const copy = await startCatnap({ accounts: [{ user_id: 99999, nickname: 'placeholder' }] });
    try {
      const applied = await copy.admin('POST', '/api/world/apply', file);
      expect(applied.status).toBe(200);
      // Times and mute states differ between the two worlds by construction; compare the rest.
      const omit = (value: any, keys: string[]) => Object.fromEntries(Object.entries(value).filter(([key]) => !keys.includes(key)));
      const strip = (groups: any[]) =>
        groups.map((group) => ({
          ...omit(group, ['create_time', 'whole_mute', 'members']),
          members: group.members.map((m: any) => omit(m, ['join_time', 'mute_until', 'title', 'last_sent_time'])),
        }));
      expect(strip((await copy.admin('GET', '/api/world/groups')).json)).toEqual(strip((await admin('GET', '/api/world/groups')).json));
      const again = (await copy.admin('GET', '/api/world/export')).json;
      expect(again.friends).toEqual(file.friends);
      expect((await copy.admin('GET', '/api/bots/10001/onebot')).json.config.network.websocketServers[0].port).toBe(3555);
    } finally {
      await copy.catnap.stop();
    }
    const yaml = await fetch(`${env.catnap.webuiUrl}/api/world/export?format=yaml`, { headers: { authorization: 'Bearer admin-token' } });
    expect(yaml.headers.get('content-type')).toContain('application/yaml');
    expect(await yaml.text()).toContain('group_name:');
  });
});

describe('web UI', () => {
  it('is served at / without a token, with the SPA fallback, while the API keeps its JSON 404s', async () => {
    const page = await fetch(`${env.catnap.webuiUrl}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('Catnap');
    const deep = await fetch(`${env.catnap.webuiUrl}/chat/group/30001`, { headers: { accept: 'text/html' } });
    expect(deep.status).toBe(200);
    expect(deep.headers.get('content-type')).toContain('text/html');
    const api = await fetch(`${env.catnap.webuiUrl}/api/nothing`, {
      headers: { accept: 'text/html', authorization: 'Bearer admin-token' },
    });
    expect(api.status).toBe(404);
    expect(((await api.json()) as any).error.code).toBe('NOT_FOUND');
    expect((await fetch(`${env.catnap.webuiUrl}/api/world/accounts`)).status).toBe(401);
  });
});
