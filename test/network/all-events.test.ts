import { createServer, request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { expectOneBotEvent } from '../helpers/contract.js';
import { TestSocket, transportWorld, until } from '../helpers/transports.js';

/** `notice_type` / `sub_type` (or post_type) of an event, to compare what each transport saw. */
function kindOf(event: any): string {
  if (event.post_type === 'notice')
    return event.notice_type === 'notify'
      ? `notify.${event.sub_type}`
      : event.sub_type
        ? `${event.notice_type}.${event.sub_type}`
        : event.notice_type;
  if (event.post_type === 'request') return `request.${event.request_type}`;
  if (event.post_type === 'message' || event.post_type === 'message_sent')
    return `${event.post_type}.${event.message_type}.${event.sub_type}`;
  return `${event.post_type}.${event.meta_event_type}`;
}

/** Starts every kind of transport for account 10001 and a receiver for each; returns what each received. */
async function everyTransport(extra: Record<string, unknown> = {}) {
  const tw = await transportWorld();
  const seen: Record<string, any[]> = { ws: [], 'ws-reverse': [], 'http-post': [], sse: [], 'http-ws': [] };

  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  wss.on('connection', (ws: WebSocket) => ws.on('message', (data) => seen['ws-reverse']!.push(JSON.parse(data.toString()))));
  const post = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      seen['http-post']!.push(JSON.parse(body));
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => post.listen(0, '127.0.0.1', resolve));

  await tw.apply(10001, {
    websocketServers: [{ name: 'ws', enable: true, port: 0, heartInterval: 0, ...extra }],
    websocketClients: [
      {
        name: 'rev',
        enable: true,
        url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/`,
        heartInterval: 0,
        reconnectInterval: 100,
        ...extra,
      },
    ],
    httpClients: [{ name: 'post', enable: true, url: `http://127.0.0.1:${(post.address() as AddressInfo).port}/`, ...extra }],
    httpSseServers: [{ name: 'sse', enable: true, port: 0, ...extra }],
    httpServers: [{ name: 'http', enable: true, port: 0, enableWebsocket: true }],
  });
  const ws = await TestSocket.open(`ws://127.0.0.1:${tw.port(10001, 'ws')}/`);
  const httpWs = await TestSocket.open(`ws://127.0.0.1:${tw.port(10001, 'http')}/`);
  const sse = await new Promise<IncomingMessage>((resolve) => request(`http://127.0.0.1:${tw.port(10001, 'sse')}/_events`, resolve).end());
  let buffer = '';
  sse.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      if (line.startsWith('data: ')) seen.sse!.push(JSON.parse(line.slice(6)));
    }
  });
  await until(
    () => seen['ws-reverse']!.length > 0 && tw.network.status(10001).find((s) => s.name === 'sse')!.clients === 1,
    10_000,
    'every transport to connect',
  );
  const close = async () => {
    sse.destroy();
    await tw.network.remove(10001);
    for (const client of wss.clients) client.terminate();
    await new Promise((resolve) => wss.close(resolve));
    post.closeAllConnections();
    await new Promise((resolve) => post.close(resolve));
  };
  return { tw, seen, ws, httpWs, close };
}

describe('every event type is observable on every transport', () => {
  it('group and friend changes reach the forward WS, reverse WS, HTTP POST, SSE and the WS on the HTTP port alike', async () => {
    const { tw, seen, ws, httpWs, close } = await everyTransport();
    const { world } = tw;
    await world.groups.addMember(30001, 10002, { operatorId: 20001, subType: 'invite' });
    await world.groups.setAdmin(20001, 30001, 20002, true);
    await world.groups.setAdmin(20001, 30001, 20002, false);
    await world.groups.setCard(20002, 30001, 20002, 'Bobby');
    await world.groups.setTitle(20001, 30001, 20003, 'Star');
    await world.groups.rename(10001, 30001, 'Salon');
    await world.groups.mute(10001, 30001, 20003, 60);
    await world.groups.mute(10001, 30001, 20003, 0);
    await world.groups.setWholeMute(10001, 30001, true);
    await world.groups.leave(30001, 10002);
    await world.groups.kick(10001, 30001, 20003);
    await world.friends.befriend(10001, 10002);
    // What other accounts do through OneBot actions (as the admin `act` route runs them).
    const act = async (userId: number, action: string, params: unknown) => {
      const envelope = await tw.dispatcher.dispatch(userId, action, params, { transport: 'admin' });
      expect(envelope, action).toMatchObject({ status: 'ok' });
    };
    await act(20001, 'send_like', { user_id: 10001, times: 2 });
    await act(20001, 'upload_group_file', { group_id: 30001, file: 'base64://aGVsbG8=', name: 'hello.txt' });
    await world.groups.kick(20001, 30001, 10001);
    await world.groups.addMember(30002, 10001);
    await world.groups.dismiss(10002, 30002);

    const expected = [
      'group_increase.invite',
      'group_admin.set',
      'group_admin.unset',
      'group_card',
      'notify.title',
      'notify.group_name',
      'group_ban.ban',
      'group_ban.lift_ban',
      'group_ban.ban',
      'group_decrease.leave',
      'group_decrease.kick',
      'friend_add',
      'notify.profile_like',
      'group_upload',
      'group_decrease.kick_me',
      'group_increase.approve',
      'group_decrease.disband',
    ];
    ws.frames.forEach((frame) => seen.ws!.push(frame));
    await until(
      () => httpWs.frames.filter((frame) => frame.post_type === 'notice').length === expected.length,
      10_000,
      'the WS on the HTTP port',
    );
    httpWs.frames.forEach((frame) => seen['http-ws']!.push(frame));
    await until(() => ws.frames.filter((frame) => frame.post_type === 'notice').length === expected.length, 10_000, 'the forward WS');
    seen.ws = ws.frames;
    for (const transport of Object.keys(seen)) {
      await until(
        () => seen[transport]!.filter((event) => event.post_type === 'notice').length === expected.length,
        10_000,
        `${transport} events`,
      );
      const notices = seen[transport]!.filter((event) => event.post_type === 'notice');
      expect(notices.map(kindOf), transport).toEqual(expected);
      expect(
        notices.every((event) => event.self_id === 10001 && typeof event.time === 'number'),
        transport,
      ).toBe(true);
    }
    expect(seen.ws!.find((event) => event.notice_type === 'group_upload')).toMatchObject({
      group_id: 30001,
      user_id: 20001,
      file: { id: expect.any(String), name: 'hello.txt', size: 5, busid: expect.any(Number) },
    });
    expect(seen.sse!.find((event) => event.sub_type === 'profile_like')).toMatchObject({
      operator_id: 20001,
      operator_nick: 'Alice',
      times: 2,
    });
    // The same event is the same JSON everywhere.
    const cards = Object.values(seen).map((events) => JSON.stringify(events.find((event) => event.notice_type === 'group_card')));
    expect(new Set(cards).size).toBe(1);
    Object.values(seen).forEach((events) => events.forEach(expectOneBotEvent));
    await close();
  });
});

describe('every message, reaction, poke, request and presence event on every transport', () => {
  it('arrives alike on the forward WS, reverse WS, HTTP POST, SSE and the WS on the HTTP port', async () => {
    const { tw, seen, ws, httpWs, close } = await everyTransport();
    /** What other accounts do, through OneBot actions as the admin `act` route runs them. */
    const act = async (userId: number, action: string, params: unknown) => {
      const envelope = await tw.dispatcher.dispatch(userId, action, params, { transport: 'admin' });
      expect(envelope.status, `${action}: ${envelope.message}`).toBe('ok');
      return envelope.data as any;
    };
    const inGroup = await act(20001, 'send_group_msg', { group_id: 30001, message: 'hello group' });
    const direct = await act(20001, 'send_private_msg', { user_id: 10001, message: 'hello friend' });
    await act(20003, 'send_private_msg', { user_id: 10001, group_id: 30001, message: 'hello through the group' });
    await act(20002, 'set_msg_emoji_like', { message_id: inGroup.message_id, emoji_id: 76 });
    await act(20001, 'set_essence_msg', { message_id: inGroup.message_id });
    await act(20001, 'group_poke', { group_id: 30001, user_id: 10001 });
    await act(20001, 'friend_poke', { user_id: 10001 });
    await act(20001, 'set_input_status', { user_id: 10001, event_type: 1 });
    await act(20001, 'delete_msg', { message_id: inGroup.message_id });
    await act(20001, 'delete_msg', { message_id: direct.message_id });
    await act(20002, 'send_friend_request', { user_id: 10001, comment: 'hi' });
    await act(20001, 'send_group_invite', { group_id: 30002, user_id: 10001 });
    await act(10002, 'send_group_join_request', { group_id: 30001, comment: 'let me in' });

    const expected = [
      'message.group.normal',
      'message.private.friend',
      'message.private.group',
      'group_msg_emoji_like',
      'essence.add',
      'notify.poke',
      'notify.poke',
      'notify.input_status',
      'group_recall',
      'friend_recall',
      'request.friend',
      'request.group',
      'request.group',
    ];
    const relevant = (events: any[]) => events.filter((event) => event.post_type !== 'meta_event');
    seen.ws = ws.frames;
    seen['http-ws'] = httpWs.frames;
    for (const transport of Object.keys(seen)) {
      await until(() => relevant(seen[transport]!).length >= expected.length, 10_000, `${transport} events`);
      expect(relevant(seen[transport]!).map(kindOf), transport).toEqual(expected);
    }
    const events = relevant(seen.sse!);
    expect(events[0]).toMatchObject({
      user_id: 20001,
      group_id: 30001,
      group_name: 'Lounge',
      message_id: inGroup.message_id,
      raw_message: 'hello group',
      sender: { user_id: 20001, nickname: 'Alice', role: 'owner' },
    });
    expect(events[1]).toMatchObject({
      user_id: 20001,
      target_id: 20001,
      message_id: direct.message_id,
      sender: { nickname: 'Alice', card: '' },
    });
    expect(events[2]).toMatchObject({ user_id: 20003, group_id: 30001, temp_source: 0 });
    expect(events[3]).toMatchObject({
      group_id: 30001,
      user_id: 20002,
      message_id: inGroup.message_id,
      likes: [{ emoji_id: '76', count: 1 }],
      is_add: true,
    });
    expect(events[4]).toMatchObject({ group_id: 30001, message_id: inGroup.message_id, sender_id: 20001, operator_id: 20001 });
    expect(events[5]).toMatchObject({ group_id: 30001, user_id: 20001, target_id: 10001 });
    expect(events[6]).toMatchObject({ user_id: 20001, sender_id: 20001, target_id: 10001 });
    expect(events[6]).not.toHaveProperty('group_id');
    expect(events[7]).toMatchObject({ user_id: 20001, group_id: 0, event_type: 1, status_text: expect.any(String) });
    expect(events[8]).toMatchObject({ group_id: 30001, user_id: 20001, operator_id: 20001, message_id: inGroup.message_id });
    expect(events[9]).toMatchObject({ user_id: 20001, message_id: direct.message_id });
    expect(events[10]).toMatchObject({ user_id: 20002, comment: 'hi', flag: expect.any(String) });
    expect(events[11]).toMatchObject({ sub_type: 'invite', group_id: 30002, user_id: 20001, flag: expect.any(String) });
    expect(events[12]).toMatchObject({ sub_type: 'add', group_id: 30001, user_id: 10002, comment: 'let me in', flag: expect.any(String) });
    // Every transport sends the same JSON.
    const cards = Object.values(seen).map((list) => JSON.stringify(relevant(list)[0]));
    expect(new Set(cards).size).toBe(1);
    // Every event, meta events included, is one the contract defines.
    Object.values(seen).forEach((list) => list.forEach(expectOneBotEvent));
    await close();
  });
});

describe("the account's own messages (message_sent) with reportSelfMessage", () => {
  it('reach every transport that has the setting; the WS on an HTTP port never reports them, as in NapCat', async () => {
    const { tw, seen, ws, httpWs, close } = await everyTransport({ reportSelfMessage: true, messagePostFormat: 'string' });
    const own = await tw.dispatcher.dispatch(
      10001,
      'send_group_msg',
      { group_id: 30001, message: 'from the bot [x]' },
      { transport: 'test' },
    );
    const messageId = (own.data as { message_id: number }).message_id;
    await tw.world.groups.setCard(20001, 30001, 20002, 'marker');
    seen.ws = ws.frames;
    seen['http-ws'] = httpWs.frames;
    for (const transport of ['ws', 'ws-reverse', 'http-post', 'sse']) {
      await until(() => seen[transport]!.some((event) => event.notice_type === 'group_card'), 10_000, transport);
      expect(
        seen[transport]!.find((event) => event.post_type === 'message_sent'),
        transport,
      ).toMatchObject({
        message_id: messageId,
        message_type: 'group',
        user_id: 10001,
        target_id: 30001,
        message_sent_type: 'self',
        message_format: 'string',
        message: 'from the bot &#91;x&#93;',
        raw_message: 'from the bot &#91;x&#93;',
      });
    }
    await until(() => httpWs.frames.some((event) => event.notice_type === 'group_card'));
    expect(httpWs.frames.some((event) => event.post_type === 'message_sent')).toBe(false);
    [...Object.values(seen), httpWs.frames].forEach((list) => list.forEach(expectOneBotEvent));
    await close();
  });
});

describe('adapter lifecycle', () => {
  it('every kind stops idempotently, releases its port and reports stopped', async () => {
    const tw = await transportWorld();
    await tw.apply(10001, {
      websocketServers: [{ name: 'ws', enable: true, port: 0, heartInterval: 0 }],
      websocketClients: [{ name: 'rev', enable: true, url: 'ws://127.0.0.1:9/', reconnectInterval: 100 }],
      httpClients: [{ name: 'post', enable: true, url: 'http://127.0.0.1:9/' }],
      httpSseServers: [{ name: 'sse', enable: true, port: 0 }],
      httpServers: [{ name: 'http', enable: true, port: 0, enableWebsocket: true }],
    });
    const ports = ['ws', 'sse', 'http'].map((name) => tw.port(10001, name));
    const adapters = tw.network.adapters(10001);
    expect(adapters.map((adapter) => adapter.kind).sort()).toEqual([
      'httpClients',
      'httpServers',
      'httpSseServers',
      'websocketClients',
      'websocketServers',
    ]);
    for (const adapter of adapters) {
      await adapter.stop();
      await adapter.stop();
      expect(adapter.status().state, adapter.kind).toBe('stopped');
    }
    for (const port of ports) await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
  });
});
