import { createServer, request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { TestSocket, transportWorld, until } from '../helpers/transports.js';

/** `notice_type` / `sub_type` (or post_type) of an event, to compare what each transport saw. */
function kindOf(event: any): string {
  if (event.post_type === 'notice') return event.notice_type === 'notify' ? `notify.${event.sub_type}` : event.sub_type ? `${event.notice_type}.${event.sub_type}` : event.notice_type;
  if (event.post_type === 'request') return `request.${event.request_type}`;
  if (event.post_type === 'message' || event.post_type === 'message_sent') return `${event.post_type}.${event.message_type}.${event.sub_type}`;
  return `${event.post_type}.${event.meta_event_type}`;
}

/** Starts every kind of transport for account 10001 and a receiver for each; returns what each received. */
async function everyTransport() {
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
    websocketServers: [{ name: 'ws', enable: true, port: 0, heartInterval: 0 }],
    websocketClients: [{ name: 'rev', enable: true, url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/`, heartInterval: 0, reconnectInterval: 100 }],
    httpClients: [{ name: 'post', enable: true, url: `http://127.0.0.1:${(post.address() as AddressInfo).port}/` }],
    httpSseServers: [{ name: 'sse', enable: true, port: 0 }],
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
  await until(() => seen['ws-reverse']!.length > 0 && tw.network.status(10001).find((s) => s.name === 'sse')!.clients === 1, 10_000, 'every transport to connect');
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
      'group_increase.invite', 'group_admin.set', 'group_admin.unset', 'group_card', 'notify.title', 'notify.group_name',
      'group_ban.ban', 'group_ban.lift_ban', 'group_ban.ban', 'group_decrease.leave', 'group_decrease.kick', 'friend_add',
      'notify.profile_like', 'group_upload', 'group_decrease.kick_me', 'group_increase.approve', 'group_decrease.disband',
    ];
    ws.frames.forEach((frame) => seen.ws!.push(frame));
    await until(() => httpWs.frames.filter((frame) => frame.post_type === 'notice').length === expected.length, 10_000, 'the WS on the HTTP port');
    httpWs.frames.forEach((frame) => seen['http-ws']!.push(frame));
    await until(() => ws.frames.filter((frame) => frame.post_type === 'notice').length === expected.length, 10_000, 'the forward WS');
    seen.ws = ws.frames;
    for (const transport of Object.keys(seen)) {
      await until(() => seen[transport]!.filter((event) => event.post_type === 'notice').length === expected.length, 10_000, `${transport} events`);
      const notices = seen[transport]!.filter((event) => event.post_type === 'notice');
      expect(notices.map(kindOf), transport).toEqual(expected);
      expect(notices.every((event) => event.self_id === 10001 && typeof event.time === 'number'), transport).toBe(true);
    }
    expect(seen.ws!.find((event) => event.notice_type === 'group_upload')).toMatchObject({
      group_id: 30001, user_id: 20001, file: { id: expect.any(String), name: 'hello.txt', size: 5, busid: expect.any(Number) },
    });
    expect(seen.sse!.find((event) => event.sub_type === 'profile_like')).toMatchObject({ operator_id: 20001, operator_nick: 'Alice', times: 2 });
    // The same event is the same JSON everywhere.
    const cards = Object.values(seen).map((events) => JSON.stringify(events.find((event) => event.notice_type === 'group_card')));
    expect(new Set(cards).size).toBe(1);
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
    expect(adapters.map((adapter) => adapter.kind).sort()).toEqual(['httpClients', 'httpServers', 'httpSseServers', 'websocketClients', 'websocketServers']);
    for (const adapter of adapters) {
      await adapter.stop();
      await adapter.stop();
      expect(adapter.status().state, adapter.kind).toBe('stopped');
    }
    for (const port of ports) await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
  });
});
