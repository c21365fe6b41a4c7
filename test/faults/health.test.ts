import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { presetMessages } from '../../src/onebot/faults/fault-presets.js';
import { rawUpgrade } from '../helpers/transports.js';
import { faultCatnap, loungeTexts } from './helpers.js';

let env: Awaited<ReturnType<typeof faultCatnap>>;
beforeAll(async () => {
  env = await faultCatnap({ heartMs: 100, settings: { faults: { sendTimeoutMs: 300 } } });
});
afterAll(async () => env.catnap.stop());

const heartbeatAfter = (socket: Awaited<ReturnType<typeof env.socket>>, count: number) =>
  socket.next((frame) => frame.meta_event_type === 'heartbeat' && socket.frames.indexOf(frame) >= count);

describe('account health', () => {
  it('offline: bot_offline on the open socket, heartbeats and get_status say offline, changes fail as NapCat fails them; online restores', async () => {
    const socket = await env.socket();
    expect((await heartbeatAfter(socket, 0)).status).toEqual({ online: true, good: true });
    const set = await env.admin('POST', '/api/bots/10001/health', { state: 'offline' });
    expect(set.json).toMatchObject({ user_id: 10001, state: 'offline', message: '你的帐号当前登录已失效，请重新登录。' });
    const notice = await socket.event((frame) => frame.notice_type === 'bot_offline');
    expect(notice).toEqual({
      time: expect.any(Number),
      self_id: 10001,
      post_type: 'notice',
      notice_type: 'bot_offline',
      user_id: 10001,
      tag: '下线通知',
      message: '你的帐号当前登录已失效，请重新登录。',
    });
    expect((await heartbeatAfter(socket, socket.frames.length)).status).toEqual({ online: false, good: false });
    expect((await socket.call('get_status')).data).toEqual({ online: false, good: false, stat: {} });
    // Sends fail with NapCat's logged-out envelope (kernel result 1006514); reads still answer.
    const sent = await socket.call('send_group_msg', { group_id: 30001, message: 'while offline' });
    expect(sent).toMatchObject({ status: 'failed', retcode: 1200, message: presetMessages.logged_out, wording: presetMessages.logged_out });
    expect((await socket.call('get_group_list')).status).toBe('ok');
    expect(await loungeTexts(env)).not.toContain('while offline');
    // Others see the account offline.
    const seen = await env.admin('POST', '/api/world/act/20001/nc_get_user_status', { user_id: 10001 });
    expect(seen.json.data).toMatchObject({ status: 20 });
    // The socket stayed open all along; back online restores everything.
    expect(socket.closeCode).toBeUndefined();
    expect((await env.admin('POST', '/api/bots/10001/health', { state: 'online' })).json).toMatchObject({ state: 'online', message: '' });
    expect((await socket.call('get_status')).data).toEqual({ online: true, good: true, stat: {} });
    expect((await socket.call('send_group_msg', { group_id: 30001, message: 'back' })).status).toBe('ok');
    expect((await env.admin('POST', '/api/world/act/20001/nc_get_user_status', { user_id: 10001 })).json.data).toMatchObject({
      status: 10,
    });
    socket.close();
  });

  it('kicked: refuses new connections until the account is back online', async () => {
    // An SSE server beside the WebSocket one: its event streams are refused alike.
    const saved = await env.admin('PUT', '/api/bots/10001/onebot', {
      network: {
        websocketServers: [{ name: 'ws', enable: true, host: '127.0.0.1', port: Number(new URL(env.wsUrl).port), heartInterval: 100 }],
        httpSseServers: [{ name: 'sse', enable: true, host: '127.0.0.1', port: 0 }],
      },
    });
    const sseUrl = `${(saved.json.adapters as { name: string; endpoint: string }[]).find((each) => each.name === 'sse')!.endpoint}/_events`;
    const open = await env.socket();
    await env.admin('POST', '/api/bots/10001/health', { state: 'kicked', message: '您的账号已在另一台终端登录。' });
    const notice = await open.event((frame) => frame.notice_type === 'bot_offline');
    expect(notice.message).toBe('您的账号已在另一台终端登录。');
    const port = Number(new URL(env.wsUrl).port);
    expect((await rawUpgrade(port, '/')).status).toBe(503);
    const refusedStream = await fetch(sseUrl);
    expect(refusedStream.status).toBe(503);
    expect(await refusedStream.json()).toMatchObject({ status: 'failed', retcode: 1200, message: 'the account was kicked offline' });
    expect((await env.admin('GET', '/api/bots/10001/health')).json.state).toBe('kicked');
    await env.admin('POST', '/api/bots/10001/health', { state: 'online' });
    expect((await rawUpgrade(port, '/')).status).toBe(101);
    const stream = new AbortController();
    const admitted = await fetch(sseUrl, { signal: stream.signal });
    expect(admitted.status).toBe(200);
    stream.abort();
    open.close();
  });

  it("zombie: reads answer, sends hang until NapCat's timeout and answer its Timeout envelope", async () => {
    const socket = await env.socket();
    await env.admin('POST', '/api/bots/10001/health', { state: 'zombie' });
    expect((await socket.call('get_group_list')).status).toBe('ok');
    const started = Date.now();
    const sent = await socket.call('send_group_msg', { group_id: 30001, message: 'zombie says' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    expect(sent).toMatchObject({ status: 'failed', retcode: 1200, message: presetMessages.send_timeout });
    expect(await loungeTexts(env)).not.toContain('zombie says');
    await env.admin('POST', '/api/bots/10001/health', { state: 'online' });
    socket.close();
  });

  it('refuses unknown accounts and states', async () => {
    expect((await env.admin('POST', '/api/bots/99999/health', { state: 'offline' })).status).toBe(404);
    expect((await env.admin('POST', '/api/bots/10001/health', { state: 'asleep' })).status).toBe(400);
    expect((await env.admin('GET', '/api/bots/10001/health')).json).toMatchObject({ state: 'online' });
  });
});
