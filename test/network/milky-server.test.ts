import { createServer, request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { parseMilkyConfig } from '../../src/network/milky/milky-config.js';
import { expectSpecEvent, expectSpecReply, milkyWorld } from '../helpers/milky.js';
import { rawUpgrade, silentConnection, TestSocket, until } from '../helpers/transports.js';

const text = (value: string) => ({ type: 'text', data: { text: value } });
const stops: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

async function serve(config: Record<string, unknown> = {}) {
  const m = await milkyWorld();
  const manager = m.manager();
  const parsed = parseMilkyConfig({ http: { port: 0, prefix: '/milky', accessToken: 'secret' }, ...config });
  const result = await manager.apply(10001, parsed);
  expect(result.errors).toEqual([]);
  stops.push(() => manager.stop());
  const port = manager.server(10001)!.port;
  const base = `http://127.0.0.1:${port}/milky`;
  const api = async (name: string, body: unknown, headers: Record<string, string> = { authorization: 'Bearer secret' }) => {
    const response = await fetch(`${base}/api/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: response.status, json: (await response.json()) as any };
  };
  return { m, manager, port, base, api };
}

/** Reads Milky's SSE frames (`event: milky_event`) from a GET of `<prefix>/event`. */
function sse(url: string, headers: Record<string, string>): Promise<{ status: number; events: any[]; close: () => void }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { headers }, (response: IncomingMessage) => {
      const events: any[] = [];
      let buffer = '';
      response.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (!frame.startsWith('event: milky_event')) continue;
          events.push(
            JSON.parse(
              frame
                .split('\n')
                .find((line) => line.startsWith('data: '))!
                .slice(6),
            ),
          );
        }
      });
      resolve({ status: response.statusCode ?? 0, events, close: () => request.destroy() });
    });
    request.on('error', reject);
    request.end();
  });
}

describe('Milky HTTP API', () => {
  it('answers 401, 404 and 415 as the spec says, and 200 with the envelope otherwise', async () => {
    const { api, base } = await serve();
    expect((await api('get_login_info', {}, {})).status).toBe(401);
    expect((await api('get_login_info', {}, { authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await api('get_login_info', {}, { authorization: 'secret' })).status).toBe(401);
    const ok = await api('get_login_info', {});
    expect(ok).toEqual({ status: 200, json: { status: 'ok', retcode: 0, data: { uin: 10001, nickname: 'Bot A' } } });
    expect((await api('no_such_api', {})).status).toBe(404);
    const plain = await fetch(`${base}/api/get_login_info`, {
      method: 'POST',
      headers: { authorization: 'Bearer secret', 'content-type': 'text/plain' },
      body: '{}',
    });
    expect(plain.status).toBe(415);
    const malformed = await api('get_login_info', '{nope');
    expect(malformed).toMatchObject({ status: 200, json: { status: 'failed', retcode: -400 } });
    // Even an API without input takes a JSON object: `null` and `[]` are not one.
    expect(await api('get_login_info', 'null')).toMatchObject({ status: 200, json: { status: 'failed', retcode: -400 } });
    expect(await api('get_login_info', '[]')).toMatchObject({ status: 200, json: { status: 'failed', retcode: -400 } });
    const bad = await api('send_group_message', { group_id: 'x', message: [] });
    expect(bad).toMatchObject({ status: 200, json: { status: 'failed', retcode: -400 } });
    const sent = await api('send_group_message', { group_id: 30001, message: [text('over HTTP')] });
    expectSpecReply('send_group_message', sent.json);
    expect(sent.json.data.message_seq).toBe(1);
  });
});

describe('Milky events', () => {
  it('pushes events over a WebSocket (token by header or query), and bot_offline when the server stops', async () => {
    const { m, manager, port } = await serve();
    expect((await rawUpgrade(port, '/milky/event')).status).toBe(401);
    expect((await rawUpgrade(port, '/milky/event?access_token=wrong')).status).toBe(401);
    expect((await rawUpgrade(port, '/elsewhere', { authorization: 'Bearer secret' })).status).toBe(404);
    const byHeader = await TestSocket.open(`ws://127.0.0.1:${port}/milky/event`, { headers: { authorization: 'Bearer secret' } });
    const byQuery = await TestSocket.open(`ws://127.0.0.1:${port}/milky/event?access_token=secret`);
    await until(() => manager.status(10001)[0]!.clients === 2, 15_000, 'two clients');
    await m.data(20001, 'send_group_message', { group_id: 30001, message: [text('hello bots')] });
    await m.data(10001, 'send_group_message', { group_id: 30001, message: [text('my own')] });
    await m.data(20001, 'send_group_message', { group_id: 30001, message: [text('after')] });
    for (const socket of [byHeader, byQuery]) {
      const event = expectSpecEvent(await socket.next((frame) => frame.event_type === 'message_receive'));
      expect(event).toMatchObject({ self_id: 10001, data: { sender_id: 20001, segments: [text('hello bots')] } });
      await socket.next((frame) => frame.data?.segments?.[0]?.data?.text === 'after');
      // reportSelfMessage is off: the bot's own message was not pushed.
      expect(socket.frames.some((frame) => frame.data?.sender_id === 10001)).toBe(false);
    }
    await manager.remove(10001);
    expectSpecEvent(await byHeader.next((frame) => frame.event_type === 'bot_offline'));
    expect(await byHeader.closed).toBe(1001);
  });

  it('streams events as SSE without an Upgrade header, and reports own messages when asked', async () => {
    const { m, base } = await serve({ reportSelfMessage: true });
    expect((await sse(`${base}/event`, {})).status).toBe(401);
    const stream = await sse(`${base}/event?access_token=secret`, {});
    const byHeader = await sse(`${base}/event`, { authorization: 'Bearer secret' });
    expect([stream.status, byHeader.status]).toEqual([200, 200]);
    await m.data(10001, 'send_group_message', { group_id: 30001, message: [text('mine')] });
    await until(() => stream.events.length > 0 && byHeader.events.length > 0, 15_000, 'SSE events');
    expect(expectSpecEvent(stream.events[0])).toMatchObject({ event_type: 'message_receive', data: { sender_id: 10001 } });
    stream.close();
    byHeader.close();
  });

  it('POSTs events to WebHooks with the bearer token; changing only the WebHooks keeps the WebSocket clients', async () => {
    const received: { auth: string | undefined; body: any }[] = [];
    const hook = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        received.push({ auth: request.headers.authorization, body: JSON.parse(body) });
        response.end();
      });
    });
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
    stops.push(() => new Promise((resolve) => hook.close(resolve)));
    const hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
    const { m, manager, port } = await serve();
    const socket = await TestSocket.open(`ws://127.0.0.1:${port}/milky/event`, { headers: { authorization: 'Bearer secret' } });
    const config = parseMilkyConfig({
      http: { port: 0, prefix: '/milky', accessToken: 'secret' },
      webhook: { urls: [hookUrl], accessToken: 'hook-token' },
    });
    const result = await manager.apply(10001, config);
    expect(result.stopped).toEqual([]);
    expect(result.started).toEqual([`milky:webhook:${hookUrl}`]);
    await m.data(20001, 'send_group_nudge', { group_id: 30001, user_id: 10001 });
    await until(() => received.length === 1, 15_000, 'the WebHook POST');
    expect(received[0]!.auth).toBe('Bearer hook-token');
    expect(expectSpecEvent(received[0]!.body)).toMatchObject({ event_type: 'group_nudge', data: { sender_id: 20001, receiver_id: 10001 } });
    expect(socket.ws.readyState).toBe(WebSocket.OPEN);
    await socket.next((frame) => frame.event_type === 'group_nudge');
    await manager.apply(10001, parseMilkyConfig({ ...config, webhook: { urls: [] } }));
    await until(() => received.some((entry) => entry.body.event_type === 'bot_offline'), 15_000, 'bot_offline on the WebHook');
  });
});

describe('stopping a Milky server', () => {
  it('is not held by a client that connected and sent nothing', async () => {
    const { manager, port } = await serve();
    const { closed } = await silentConnection(port);
    const started = Date.now();
    await manager.stop();
    // Held, the stop would last as long as the silent client keeps its connection (for ever here):
    // the bound only leaves room for a loaded machine.
    expect(Date.now() - started).toBeLessThan(20_000);
    await closed;
  }, 60_000);
});
