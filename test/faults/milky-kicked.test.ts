import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorldFile } from '../../src/world/world-file.js';
import { startCatnap } from '../helpers/catnap.js';
import { rawUpgrade, TestSocket } from '../helpers/transports.js';

/** A Milky bot (10001) with a token. */
const world: WorldFile = {
  accounts: [
    { user_id: 10001, nickname: 'Milky Bot', bot: true, milky: { http: { port: 0, prefix: '/milky', accessToken: 'milky-token' } } },
  ],
};

let env: Awaited<ReturnType<typeof startCatnap>>;
let port: number;
beforeAll(async () => {
  env = await startCatnap(world);
  port = env.catnap.milky.manager.server(10001)!.port;
});
afterAll(async () => env.catnap.stop());

const auth = { authorization: 'Bearer milky-token' };
const sse = () => fetch(`http://127.0.0.1:${port}/milky/event`, { headers: auth });

/** docs/faults.md, "Account health": a kicked account's servers let no new client in, Milky's as OneBot's. */
describe('a kicked account on its Milky server', () => {
  it('refuses new event clients with 503 (WebSocket and SSE) while open ones stay, and lets them in once online', async () => {
    const open = await TestSocket.open(`ws://127.0.0.1:${port}/milky/event`, { headers: auth });
    try {
      expect((await env.admin('POST', '/api/bots/10001/health', { state: 'kicked' })).status).toBe(200);
      await open.next((frame) => frame.event_type === 'bot_offline');

      const upgrade = await rawUpgrade(port, '/milky/event', auth);
      expect(upgrade.status).toBe(503);
      expect(JSON.parse(upgrade.body)).toEqual({ status: 'failed', retcode: -503, message: 'the account was kicked offline' });
      const stream = await sse();
      expect(stream.status).toBe(503);
      expect(await stream.json()).toEqual({ status: 'failed', retcode: -503, message: 'the account was kicked offline' });
      // The token is checked first: a stranger learns nothing of the account's state.
      expect((await rawUpgrade(port, '/milky/event')).status).toBe(401);
      expect(open.closeCode).toBeUndefined();

      // Offline is not kicked: QQ logged the account out, but nothing else holds its place.
      await env.admin('POST', '/api/bots/10001/health', { state: 'offline' });
      expect((await rawUpgrade(port, '/milky/event', auth)).status).toBe(101);
      await env.admin('POST', '/api/bots/10001/health', { state: 'online' });
      expect((await rawUpgrade(port, '/milky/event', auth)).status).toBe(101);
      const back = await sse();
      expect(back.status).toBe(200);
      await back.body?.cancel();
    } finally {
      await env.admin('POST', '/api/bots/10001/health', { state: 'online' });
      open.close();
    }
  });
});
