import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCatnap } from '../helpers/catnap.js';
import { postJson } from '../helpers/spawn.js';
import { smallWorld } from '../helpers/world.js';

const world = {
  ...smallWorld,
  accounts: smallWorld.accounts!.map((account) =>
    account.user_id === 10001
      ? { ...account, onebot: { network: { httpServers: [{ name: 'api', enable: true, host: '127.0.0.1', port: 0, token: 'tok-a' }] } } }
      : account.user_id === 10002
        ? { ...account, onebot: { network: { httpServers: [{ name: 'api', enable: true, host: '127.0.0.1', port: 0, token: 'tok-b' }] } } }
        : account,
  ),
};

let env: Awaited<ReturnType<typeof startCatnap>>;
let urlA = '';
let urlB = '';
beforeAll(async () => {
  env = await startCatnap(world);
  urlA = env.catnap.network.status(10001)[0]!.endpoint;
  urlB = env.catnap.network.status(10002)[0]!.endpoint;
});
afterAll(async () => env.catnap.stop());

describe('HTTP API under abuse', () => {
  it('keeps serving while many slow clients dribble their requests', async () => {
    const { port } = new URL(urlA);
    const slow: Socket[] = [];
    for (let i = 0; i < 50; i++) {
      const socket = connect(Number(port), '127.0.0.1');
      socket.on('error', () => undefined);
      socket.write('POST /get_login_info HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"a":');
      slow.push(socket);
    }
    try {
      const started = Date.now();
      const response = await postJson(`${urlA}/get_login_info`, {}, { authorization: 'Bearer tok-a' });
      expect(response.json.data.user_id).toBe(10001);
      // Starved, the call would wait until the 30 s request timeout cut the slow clients: below
      // that, with room for a loaded machine.
      expect(Date.now() - started).toBeLessThan(20_000);
    } finally {
      for (const socket of slow) socket.destroy();
    }
  });

  it('rejects malformed and hostile bodies with clear errors and stays up', async () => {
    const bodies = ['{', '{"a":1,}', '\u0000\u0001', '[1,2', 'null', '"just a string"', '{"__proto__":{"polluted":1}}'];
    for (const body of bodies) {
      const response = await fetch(`${urlA}/get_group_info`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer tok-a' },
        body,
      });
      expect([200, 400]).toContain(response.status);
      const json = (await response.json()) as { status: string; retcode: number };
      expect(json.status).toBe('failed');
      expect(json.retcode).toBe(1400);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((await postJson(`${urlA}/get_login_info`, {}, { authorization: 'Bearer tok-a' })).json.status).toBe('ok');
  });

  it("never runs one account's action with another account's token", async () => {
    expect((await postJson(`${urlA}/get_login_info`, {}, { authorization: 'Bearer tok-b' })).status).toBe(403);
    expect((await postJson(`${urlB}/get_login_info?access_token=tok-a`, {})).status).toBe(403);
    expect((await postJson(`${urlB}/get_login_info`, {}, { authorization: 'Bearer tok-b' })).json.data.user_id).toBe(10002);
  });
});
