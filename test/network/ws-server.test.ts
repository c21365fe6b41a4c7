import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { rawUpgrade, TestSocket, transportWorld, until } from '../helpers/transports.js';

const wsServer = (extra: Record<string, unknown> = {}) => ({
  websocketServers: [{ name: 'ws', enable: true, host: '127.0.0.1', port: 0, heartInterval: 0, ...extra }],
});

describe('websocketServers (forward WebSocket)', () => {
  it('rejects a missing token with 401 and a wrong one with 403 before the upgrade completes', async () => {
    const tw = await transportWorld();
    await tw.apply(10001, wsServer({ token: 's3cret' }));
    const port = tw.port(10001, 'ws');
    const missing = await rawUpgrade(port, '/');
    expect(missing.status).toBe(401);
    expect(JSON.parse(missing.body)).toMatchObject({ status: 'failed', retcode: 1401, message: 'access token is missing' });
    const wrong = await rawUpgrade(port, '/', { authorization: 'Bearer nope' });
    expect(wrong.status).toBe(403);
    expect(JSON.parse(wrong.body)).toMatchObject({ retcode: 1403 });
    expect((await rawUpgrade(port, '/?access_token=nope')).status).toBe(403);
    expect((await rawUpgrade(port, '/', { authorization: 'Bearer s3cret' })).status).toBe(101);
    expect((await rawUpgrade(port, '/api?access_token=s3cret')).status).toBe(101);
    const viaToken = await TestSocket.open(`ws://127.0.0.1:${port}/`, { headers: { authorization: 'Token s3cret' } });
    expect((await viaToken.call('get_login_info')).data).toEqual({ user_id: 10001, nickname: 'Bot A' });
    expect(tw.network.status(10001)[0]).toMatchObject({ state: 'listening', clients: 1 });
  });

  it('sends lifecycle connect as the first frame on every socket that receives events', async () => {
    const tw = await transportWorld();
    await tw.apply(10001, wsServer());
    const port = tw.port(10001, 'ws');
    for (const path of ['/', '/event', '/anything']) {
      const socket = await TestSocket.open(`ws://127.0.0.1:${port}${path}`);
      const first = await socket.next(() => true);
      expect(first).toEqual({
        time: expect.any(Number),
        self_id: 10001,
        post_type: 'meta_event',
        meta_event_type: 'lifecycle',
        sub_type: 'connect',
      });
      expect(socket.frames[0]).toBe(first);
    }
    const api = await TestSocket.open(`ws://127.0.0.1:${port}/api`);
    const reply = await api.call('get_login_info');
    expect(api.frames).toEqual([reply]);
  });

  it('returns echo exactly as sent, any JSON type, on success and failure', async () => {
    const tw = await transportWorld();
    await tw.apply(10001, wsServer());
    const socket = await TestSocket.open(`ws://127.0.0.1:${tw.port(10001, 'ws')}/api`);
    const echoes = ['text', 42, 0, { nested: [1, { a: null }] }, [1, 'two'], true, ''];
    for (const echo of echoes) {
      socket.ws.send(JSON.stringify({ action: 'get_login_info', echo }));
      socket.ws.send(JSON.stringify({ action: 'no_such_action', params: {}, echo }));
    }
    await until(() => socket.frames.length === echoes.length * 2);
    echoes.forEach((echo, index) => {
      const pair = socket.frames.filter((frame) => JSON.stringify(frame.echo) === JSON.stringify(echo));
      expect(pair.map((frame) => frame.retcode).sort(), `echo ${index}`).toEqual([0, 1404]);
    });
    const bad = await socket.call('get_group_info', { group_id: 'abc' });
    expect(bad).toMatchObject({ status: 'failed', retcode: 1400, data: null });
    expect(bad.message).toMatch(/group_id/);
  });

  it('answers a frame without echo (or with null) with echo "", an unknown action with null, as NapCat does', async () => {
    const tw = await transportWorld();
    await tw.apply(10001, wsServer());
    const socket = await TestSocket.open(`ws://127.0.0.1:${tw.port(10001, 'ws')}/api`);
    const answer = async (frame: unknown) => {
      const seen = socket.frames.length;
      socket.ws.send(JSON.stringify(frame));
      await until(() => socket.frames.length > seen);
      return socket.frames[seen];
    };
    expect(await answer({ action: 'get_login_info' })).toMatchObject({ status: 'ok', echo: '' });
    expect(await answer({ action: 'get_login_info', echo: null })).toMatchObject({ status: 'ok', echo: '' });
    expect(await answer({ action: 'get_group_info', params: { group_id: 'abc' } })).toMatchObject({ retcode: 1400, echo: '' });
    expect(await answer({ action: 'no_such_action' })).toMatchObject({ retcode: 1404, echo: null });
  });

  it('marks every reply stream: normal-action in the NapCat dialect, frames it refuses too; LLBot has no such field', async () => {
    const tw = await transportWorld();
    await tw.apply(10001, wsServer());
    const socket = await TestSocket.open(`ws://127.0.0.1:${tw.port(10001, 'ws')}/api`);
    expect(await socket.call('get_login_info')).toMatchObject({ status: 'ok', stream: 'normal-action' });
    expect(await socket.call('get_group_info', { group_id: 'abc' })).toMatchObject({ retcode: 1400, stream: 'normal-action' });
    expect(await socket.call('no_such_action')).toMatchObject({ retcode: 1404, stream: 'normal-action' });
    socket.ws.send('not json');
    expect(await socket.next((frame) => frame.message === 'the frame is not valid JSON')).toMatchObject({ stream: 'normal-action' });
    await tw.apply(10001, wsServer({ dialect: 'llbot' }));
    const llbot = await TestSocket.open(`ws://127.0.0.1:${tw.port(10001, 'ws')}/api`);
    expect(await llbot.call('get_login_info')).not.toHaveProperty('stream');
  });

  it('answers frames that are not JSON, not objects or without an action with retcode 1400', async () => {
    const tw = await transportWorld();
    await tw.apply(10001, wsServer());
    const socket = await TestSocket.open(`ws://127.0.0.1:${tw.port(10001, 'ws')}/api`);
    socket.ws.send('{"action": "get_login_info",');
    socket.ws.send('[1, 2]');
    socket.ws.send(JSON.stringify({ params: {}, echo: 'e1' }));
    await until(() => socket.frames.length === 3);
    expect(socket.frames[0]).toEqual({
      status: 'failed',
      retcode: 1400,
      data: null,
      message: 'the frame is not valid JSON',
      wording: 'the frame is not valid JSON',
      echo: null,
      stream: 'normal-action',
    });
    expect(socket.frames[1]).toMatchObject({ status: 'failed', retcode: 1400, echo: null });
    expect(socket.frames[2]).toMatchObject({ status: 'failed', retcode: 1400, echo: 'e1', message: 'the frame has no "action" string' });
    // The socket is still usable afterwards.
    expect((await socket.call('get_login_info')).status).toBe('ok');
  });

  it('pushes events on / and /event but not /api; /event takes calls, as in NapCat', async () => {
    const tw = await transportWorld();
    await tw.apply(10001, wsServer());
    const port = tw.port(10001, 'ws');
    const universal = await TestSocket.open(`ws://127.0.0.1:${port}/`);
    const events = await TestSocket.open(`ws://127.0.0.1:${port}/event`);
    const api = await TestSocket.open(`ws://127.0.0.1:${port}/api`);
    // NapCat makes only /api special: /event, like any other path, answers calls too.
    expect(await events.call('get_login_info')).toMatchObject({ status: 'ok', data: { user_id: 10001 } });
    await tw.world.groups.setCard(20001, 30001, 20002, 'Bobby');
    const expected = {
      post_type: 'notice',
      notice_type: 'group_card',
      group_id: 30001,
      user_id: 20002,
      card_new: 'Bobby',
      card_old: '',
      self_id: 10001,
    };
    expect(await universal.event((frame) => frame.notice_type === 'group_card')).toMatchObject(expected);
    expect(await events.event((frame) => frame.notice_type === 'group_card')).toMatchObject(expected);
    expect((await api.call('get_login_info')).status).toBe('ok');
    expect(api.frames.some((frame) => frame.post_type)).toBe(false);
  });

  it('takes no calls on /event in the LLBot and go-cqhttp dialects, as OneBot 11 says', async () => {
    for (const dialect of ['llbot', 'go-cqhttp']) {
      const tw = await transportWorld();
      await tw.apply(10001, wsServer({ dialect }));
      const events = await TestSocket.open(`ws://127.0.0.1:${tw.port(10001, 'ws')}/event`);
      events.ws.send(JSON.stringify({ action: 'get_login_info', echo: 'ignored' }));
      await tw.world.groups.setCard(20001, 30001, 20002, 'Bobby');
      await events.event((frame) => frame.notice_type === 'group_card');
      expect(
        events.frames.some((frame) => frame.echo === 'ignored'),
        dialect,
      ).toBe(false);
    }
  });

  it('sends heartbeats with status and interval every heartInterval ms', async () => {
    const tw = await transportWorld();
    await tw.apply(10001, wsServer({ heartInterval: 50 }));
    const socket = await TestSocket.open(`ws://127.0.0.1:${tw.port(10001, 'ws')}/`);
    const beat = await socket.event((frame) => frame.meta_event_type === 'heartbeat');
    expect(beat).toEqual({
      time: expect.any(Number),
      self_id: 10001,
      post_type: 'meta_event',
      meta_event_type: 'heartbeat',
      status: { online: true, good: true },
      interval: 50,
    });
    await until(() => socket.frames.filter((frame) => frame.meta_event_type === 'heartbeat').length >= 3);
    // The account going offline shows in the next beats.
    await tw.world.accounts.update(10001, { onlineStatus: { status: 20, extStatus: 0, batteryStatus: 100 } } as never);
    const offline = await socket.next((frame) => frame.meta_event_type === 'heartbeat' && frame.status.online === false);
    expect(offline.status).toEqual({ online: false, good: true });
  });

  it('sends no heartbeat when heartInterval is 0 or less', async () => {
    const tw = await transportWorld();
    await tw.apply(10001, {
      websocketServers: [
        { name: 'zero', enable: true, host: '127.0.0.1', port: 0, heartInterval: 0 },
        { name: 'negative', enable: true, host: '127.0.0.1', port: 0, heartInterval: -1 },
        { name: 'control', enable: true, host: '127.0.0.1', port: 0, heartInterval: 50 },
      ],
    });
    const zero = await TestSocket.open(`ws://127.0.0.1:${tw.port(10001, 'zero')}/`);
    const negative = await TestSocket.open(`ws://127.0.0.1:${tw.port(10001, 'negative')}/`);
    // The control socket opens last, so the span in which it sees three beats lies wholly within
    // the span the other two were open: had they a heartbeat timer, they would have beaten too.
    const control = await TestSocket.open(`ws://127.0.0.1:${tw.port(10001, 'control')}/`);
    await until(() => control.frames.filter((frame) => frame.meta_event_type === 'heartbeat').length >= 3, 10_000, 'control heartbeats');
    expect(zero.frames.map((frame) => frame.meta_event_type)).toEqual(['lifecycle']);
    expect(negative.frames.map((frame) => frame.meta_event_type)).toEqual(['lifecycle']);
  });

  it('uses the adapter messagePostFormat and reports own messages only with reportSelfMessage', async () => {
    const tw = await transportWorld();
    await tw.apply(10001, {
      websocketServers: [
        { name: 'plain', enable: true, port: 0, heartInterval: 0 },
        { name: 'self', enable: true, port: 0, heartInterval: 0, reportSelfMessage: true, messagePostFormat: 'string' },
      ],
    });
    const plain = await TestSocket.open(`ws://127.0.0.1:${tw.port(10001, 'plain')}/`);
    const self = await TestSocket.open(`ws://127.0.0.1:${tw.port(10001, 'self')}/`);
    // A message the bot itself sends, through its own API.
    const reply = await self.call('send_group_msg', { group_id: 30001, message: [{ type: 'text', data: { text: 'hi [all]' } }] });
    expect(reply.status).toBe('ok');
    const sent = await self.event((frame) => frame.post_type === 'message_sent');
    expect(sent).toMatchObject({
      message_id: reply.data.message_id,
      message_format: 'string',
      message: 'hi &#91;all&#93;',
      raw_message: 'hi &#91;all&#93;',
      message_sent_type: 'self',
      target_id: 30001,
    });
    await tw.world.groups.setCard(20001, 30001, 20002, 'after');
    await plain.event((frame) => frame.notice_type === 'group_card');
    expect(plain.frames.some((frame) => frame.post_type === 'message_sent')).toBe(false);
  });

  it('attaches the stored message as raw to message events only with debug', async () => {
    const tw = await transportWorld();
    await tw.apply(10001, {
      websocketServers: [
        { name: 'debug', enable: true, port: 0, heartInterval: 0, debug: true },
        { name: 'plain', enable: true, port: 0, heartInterval: 0 },
      ],
    });
    const debug = await TestSocket.open(`ws://127.0.0.1:${tw.port(10001, 'debug')}/`);
    const plain = await TestSocket.open(`ws://127.0.0.1:${tw.port(10001, 'plain')}/`);
    const sent = await tw.dispatcher.dispatch(20001, 'send_group_msg', { group_id: 30001, message: 'hello' }, { transport: 'admin' });
    const messageId = (sent.data as { message_id: number }).message_id;
    const withRaw = await debug.event((frame) => frame.post_type === 'message');
    expect(withRaw.raw).toMatchObject({
      messageId,
      senderId: 20001,
      conversation: { type: 'group', groupId: 30001 },
      elements: [{ kind: 'text', text: 'hello' }],
    });
    expect(await plain.event((frame) => frame.post_type === 'message')).not.toHaveProperty('raw');
    await tw.world.groups.setCard(20001, 30001, 20002, 'x');
    expect(await debug.event((frame) => frame.notice_type === 'group_card')).not.toHaveProperty('raw');
  });

  it('terminates a client that stops answering pings, and keeps one that answers', async () => {
    // A pong must be read before the next tick: at a few tens of ms a busy machine's pause between
    // the two would cut the client that answers. Half a second leaves room and keeps the test short.
    const tw = await transportWorld(undefined, { limits: { pingIntervalMs: 500 } });
    await tw.apply(10001, wsServer());
    const url = `ws://127.0.0.1:${tw.port(10001, 'ws')}/`;
    const dead = await TestSocket.open(url, { autoPong: false });
    const alive = await TestSocket.open(url);
    let pings = 0;
    alive.ws.on('ping', () => pings++);
    expect(await dead.closed).toBe(1006);
    // Each ping after this one comes from a tick that found the pong to the one before: the check
    // that cut the other client let this one stay, twice over.
    const pingsThen = pings;
    await until(() => pings >= pingsThen + 2 || alive.closeCode !== undefined, 10_000, 'two more pings');
    expect(alive.closeCode).toBeUndefined();
    expect(tw.network.status(10001)[0]!.clients).toBe(1);
  });

  it('answers plain HTTP requests with 426 and closes every socket when it stops', async () => {
    const tw = await transportWorld();
    await tw.apply(10001, wsServer());
    const port = tw.port(10001, 'ws');
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(426);
    const socket = await TestSocket.open(`ws://127.0.0.1:${port}/`);
    await tw.network.remove(10001);
    expect(await socket.closed).toBe(1001);
    await expect(TestSocket.open(`ws://127.0.0.1:${port}/`)).rejects.toThrow();
    expect(socket.ws.readyState).toBe(WebSocket.CLOSED);
  });
});
