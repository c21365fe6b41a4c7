import { request, type IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { rawUpgrade, TestSocket, transportWorld, until } from '../helpers/transports.js';

/** Reads an SSE stream and collects its `data:` events. */
async function openStream(url: string, headers: Record<string, string> = {}) {
  const events: any[] = [];
  const response = await new Promise<IncomingMessage>((resolve, reject) => {
    const req = request(url, { headers }, resolve);
    req.on('error', reject);
    req.end();
  });
  let buffer = '';
  response.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      for (const line of block.split('\n')) if (line.startsWith('data: ')) events.push(JSON.parse(line.slice(6)));
    }
  });
  return { response, events, close: () => response.destroy() };
}

describe('httpSseServers (event stream at /_events)', () => {
  it('streams events as text/event-stream beside the HTTP API on the same port', async () => {
    const tw = await transportWorld();
    await tw.apply(10001, { httpSseServers: [{ name: 'sse', enable: true, port: 0, token: 'k', messagePostFormat: 'string' }] });
    const base = `http://127.0.0.1:${tw.port(10001, 'sse')}`;
    const stream = await openStream(`${base}/_events`, { authorization: 'Bearer k' });
    expect(stream.response.statusCode).toBe(200);
    expect(stream.response.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    await until(() => tw.network.status(10001)[0]!.clients === 1);
    await tw.world.groups.setCard(20001, 30001, 20002, 'Bobby');
    await tw.world.groups.mute(20001, 30001, 20003, 60);
    await until(() => stream.events.length === 2);
    expect(stream.events[0]).toMatchObject({ post_type: 'notice', notice_type: 'group_card', card_new: 'Bobby', self_id: 10001 });
    expect(stream.events[1]).toMatchObject({ notice_type: 'group_ban', sub_type: 'ban', user_id: 20003, duration: 60, operator_id: 20001 });
    // The HTTP API answers on the same port with the same token.
    const api = await fetch(`${base}/get_login_info`, { headers: { authorization: 'Bearer k' } });
    expect(((await api.json()) as { data: unknown }).data).toEqual({ user_id: 10001, nickname: 'Bot A' });
    stream.close();
    await until(() => tw.network.status(10001)[0]!.clients === 0, 10_000, 'the stream to be released');
  });

  it('asks for the token: 401 without, 403 wrong', async () => {
    const tw = await transportWorld();
    await tw.apply(10001, { httpSseServers: [{ name: 'sse', enable: true, port: 0, token: 'k' }] });
    const base = `http://127.0.0.1:${tw.port(10001, 'sse')}`;
    expect((await fetch(`${base}/_events`)).status).toBe(401);
    expect((await fetch(`${base}/_events?access_token=x`)).status).toBe(403);
  });

  it('reports own messages only with reportSelfMessage', async () => {
    const tw = await transportWorld();
    await tw.apply(10001, {
      httpSseServers: [
        { name: 'quiet', enable: true, port: 0 },
        { name: 'loud', enable: true, port: 0, reportSelfMessage: true },
      ],
    });
    const quiet = await openStream(`http://127.0.0.1:${tw.port(10001, 'quiet')}/_events`);
    const loud = await openStream(`http://127.0.0.1:${tw.port(10001, 'loud')}/_events`);
    await until(() => tw.network.status(10001).every((status) => status.clients === 1));
    const sent = await tw.dispatcher.dispatch(10001, 'send_group_msg', { group_id: 30001, message: 'hello' }, { transport: 'test' });
    const messageId = (sent.data as { message_id: number }).message_id;
    await tw.world.groups.setCard(20001, 30001, 20002, 'marker');
    await until(() => loud.events.length === 2 && quiet.events.length === 1);
    expect(loud.events[0]).toMatchObject({
      post_type: 'message_sent',
      message_id: messageId,
      message: [{ type: 'text', data: { text: 'hello' } }],
    });
    expect(quiet.events.map((event) => event.notice_type)).toEqual(['group_card']);
    quiet.close();
    loud.close();
  });
});

describe('httpServers.enableWebsocket (WebSocket on the HTTP port)', () => {
  it('accepts OneBot WebSockets on the HTTP API port with the same auth, paths and session', async () => {
    const tw = await transportWorld();
    await tw.apply(10001, { httpServers: [{ name: 'http', enable: true, port: 0, token: 't', enableWebsocket: true }] });
    const port = tw.port(10001, 'http');
    expect((await rawUpgrade(port, '/')).status).toBe(401);
    expect((await rawUpgrade(port, '/', { authorization: 'Bearer x' })).status).toBe(403);
    const socket = await TestSocket.open(`ws://127.0.0.1:${port}/`, { headers: { authorization: 'Bearer t' } });
    expect(await socket.next(() => true)).toMatchObject({ meta_event_type: 'lifecycle', sub_type: 'connect' });
    expect(await socket.call('get_login_info')).toMatchObject({ status: 'ok', data: { user_id: 10001 } });
    await tw.world.groups.setAdmin(20001, 30001, 20002, true);
    expect(await socket.event((frame) => frame.notice_type === 'group_admin')).toMatchObject({
      sub_type: 'set',
      group_id: 30001,
      user_id: 20002,
    });
    const api = await TestSocket.open(`ws://127.0.0.1:${port}/api?access_token=t`);
    expect((await api.call('get_status')).data).toMatchObject({ online: true });
    expect(api.frames.some((frame) => frame.post_type)).toBe(false);
    expect(tw.network.status(10001)[0]!.clients).toBe(2);
    // The plain HTTP API still works on the port.
    expect((await fetch(`http://127.0.0.1:${port}/get_login_info?access_token=t`)).status).toBe(200);
    await tw.network.remove(10001);
    expect(await socket.closed).toBe(1001);
  });

  it('does not take WebSockets without enableWebsocket', async () => {
    const tw = await transportWorld();
    await tw.apply(10001, { httpServers: [{ name: 'http', enable: true, port: 0 }] });
    await expect(TestSocket.open(`ws://127.0.0.1:${tw.port(10001, 'http')}/`)).rejects.toThrow();
  });
});
