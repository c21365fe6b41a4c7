import { NCWebsocket, Structs } from 'node-napcat-ts';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { until } from '../helpers/transports.js';
import { catnapFor, groupTexts, startKoishi } from './clients.js';

// Connection chaos against real clients, unchanged (docs/faults.md): the adapter drops them and
// refuses them for a while; each reconnects by its own retry logic and keeps working.

type Catnap = Awaited<ReturnType<typeof catnapFor>>;
let catnap: Catnap | undefined;
let stopClient: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stopClient?.();
  await catnap?.catnap.stop();
  stopClient = undefined;
  catnap = undefined;
});

const token = 'chaos-token';
// Long enough that the test's own upgrade lands inside the refusal even on a stalled machine
// (the answer to the drop and that upgrade can be a second or more apart), and short enough for
// each client's retries (30 attempts, 200 ms apart) to outlast it.
const refuseMs = 3000;

async function catnapWithWs(): Promise<Catnap> {
  catnap = await catnapFor();
  await catnap.catnap.writeOnebotConfig(10001, {
    network: { websocketServers: [{ name: 'ws', enable: true, port: 0, token, heartInterval: 0 }] },
  });
  return catnap;
}

const clients = (env: Catnap) => env.catnap.network.status(10001).find((adapter) => adapter.name === 'ws')?.clients ?? 0;

/** The HTTP status an upgrade to `url` is answered with when it is refused (101 when it opens). */
function upgradeStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers: { authorization: `Bearer ${token}` } });
    socket.on('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      socket.terminate();
    });
    socket.on('open', () => {
      resolve(101);
      socket.close();
    });
    socket.on('error', (error) => reject(error));
  });
}

/** Drops the bot's clients with a refusal, checks they are gone and refused, then waits for one to be back. */
async function dropAndWaitForReconnect(env: Catnap, reconnected: () => boolean): Promise<void> {
  const dropped = await env.admin('POST', '/api/bots/10001/adapters/ws/disconnect', { refuse_ms: refuseMs });
  expect(dropped.json).toEqual({ dropped: 1 });
  expect(clients(env)).toBe(0);
  // While refused, an upgrade is answered 503 (the client's own retries meet the same).
  expect(await upgradeStatus(env.endpoint('ws'))).toBe(503);
  await until(() => clients(env) === 1 && reconnected(), 15_000, 'the client to reconnect');
}

describe('clients reconnect after a disconnect with refusal', () => {
  it('node-napcat-ts reconnects by itself and keeps answering', async () => {
    const env = await catnapWithWs();
    const url = new URL(env.endpoint('ws'));
    const bot = new NCWebsocket({
      protocol: 'ws',
      host: url.hostname,
      port: Number(url.port),
      accessToken: token,
      reconnection: { enable: true, attempts: 30, delay: 200 },
    });
    stopClient = async () => bot.disconnect();
    let connects = 0;
    bot.on('meta_event.lifecycle.connect', () => void (connects += 1));
    bot.on('message.group', async (event) => {
      if (event.raw_message === 'ping')
        await bot.send_group_msg({ group_id: event.group_id, message: [Structs.text('pong after reconnect')] });
    });
    await bot.connect();
    await until(() => connects === 1, 10_000, 'the first lifecycle connect');

    await dropAndWaitForReconnect(env, () => connects === 2);
    expect((await env.act(20001, 'send_group_msg', { group_id: 30001, message: 'ping' })).status).toBe('ok');
    await until(async () => (await groupTexts(env.act, 20001, 10001)).includes('pong after reconnect'), 10_000, 'the answer in the group');
  });

  it("Koishi's OneBot adapter (ws) reconnects by itself and keeps answering", async () => {
    const env = await catnapWithWs();
    const koishi = await startKoishi({ protocol: 'ws', endpoint: env.endpoint('ws'), token, retryTimes: 30, retryInterval: 200 });
    stopClient = () => koishi.stop();
    await until(() => koishi.bot()?.status === 1, 10_000, 'the Koishi bot to be online');
    let wentAway = false;
    const watcher = setInterval(() => {
      if (koishi.bot()?.status !== 1) wentAway = true;
    }, 10);
    try {
      await dropAndWaitForReconnect(env, () => wentAway && koishi.bot()?.status === 1);
    } finally {
      clearInterval(watcher);
    }
    koishi.onSession((session) => {
      if ((session.type === 'message' || session.type === 'message-created') && session.content === 'ping') {
        void session.send('pong after reconnect');
      }
    });
    expect((await env.act(20001, 'send_group_msg', { group_id: 30001, message: 'ping' })).status).toBe('ok');
    await until(async () => (await groupTexts(env.act, 20001, 10001)).includes('pong after reconnect'), 10_000, 'the answer in the group');
  });
});
