import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorld, type TestWorld } from '../../src/app/testing/index.js';
import { BenchApi } from '../../src/app/testing/bench-api.js';
import WebSocket from 'ws';
import { until } from '../helpers/transports.js';

// A fault rule without self_id holds people's own sends too (docs/faults.md): a test that forgot
// it must fail its step with a reason, not stall, and the held call must not outlive its caller.
describe('an act a no_reply fault holds', () => {
  let world: TestWorld;
  beforeAll(async () => {
    world = await startWorld();
  });
  afterAll(() => world.stop());

  it('fails the verb after the act timeout, naming fault rules as the likely cause', async () => {
    await world.faults.clear();
    await world.faults.add({ action: 'send_group_msg', effect: { type: 'no_reply' } });
    // no_reply holds the call for ever: without the act timeout this would fail by the test's own
    // timeout; the message says the client gave up after its 300 ms. No wall-clock bound.
    const api = new BenchApi(world.api.connection, { actTimeoutMs: 300 });
    const failure = await api.actOk(20001, 'send_group_msg', { group_id: 30001, message: 'held' }).catch((error: Error) => error);
    expect((failure as Error).message).toMatch(
      /^POST \/api\/world\/act\/20001\/send_group_msg: Catnap at http:\/\/\S+ did not answer within 300 ms \(a fault rule with effect no_reply or delay may hold the call; GET \/api\/faults lists them\)$/,
    );
  });

  /**
   * Posts to an admin route with a no_reply rule holding 20002's sends, gives up once the rule
   * holds the call (not after a fixed time: on a loaded machine the call may not have arrived
   * yet), and answers how the held call was recorded.
   */
  async function giveUpOn(path: string, body: unknown) {
    const { url, token } = world.api.connection;
    const caller = new AbortController();
    let posted: Promise<string | Response> | undefined;
    return heldUntilGivenUp(
      () => {
        posted = fetch(`${url}${path}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
          signal: caller.signal,
        }).catch((error: Error) => error.name);
      },
      async () => {
        caller.abort();
        expect(await posted).toBe('AbortError');
      },
    );
  }

  /** Starts a call with `start` while a no_reply rule holds 20002's sends, runs `giveUp` once the rule holds it, answers its record. */
  async function heldUntilGivenUp(start: () => void | Promise<void>, giveUp: () => Promise<void>) {
    await world.faults.clear();
    const rule = await world.faults.add({ self_id: 20002, action: 'send_group_msg', effect: { type: 'no_reply' } });
    const mark = await world.mark();
    await start();
    await until(
      async () => (await world.faults.list()).some((view) => view.id === rule && view.fired === 1),
      30_000,
      'the rule to hold the call',
    );
    await giveUp();
    return world.api.wait({ since: mark, match: { kind: 'call', self_id: 20002, action: 'send_group_msg' }, timeout_ms: 30_000 });
  }

  it('is let go when its caller gives up, so it is recorded as answered', async () => {
    const answered = await giveUpOn('/api/world/act/20002/send_group_msg', { group_id: 30001, message: 'held' });
    expect(answered.matched, JSON.stringify(answered.closest)).toBe(true);
    expect(answered.entries[0]).toMatchObject({ transport: 'admin', status: 'failed' });
  });

  it('in a batch is let go when its caller gives up, as a single act is', async () => {
    const answered = await giveUpOn('/api/world/act-batch', {
      calls: [{ user_id: 20002, action: 'send_group_msg', params: { group_id: 30001, message: 'held' } }],
    });
    expect(answered.matched, JSON.stringify(answered.closest)).toBe(true);
    expect(answered.entries[0]).toMatchObject({ transport: 'admin', status: 'failed' });
  });

  it('in an act request on the live socket is let go when the socket closes', async () => {
    const { url, token } = world.api.connection;
    let ws: WebSocket | undefined;
    const answered = await heldUntilGivenUp(
      async () => {
        ws = new WebSocket(`${url.replace(/^http/, 'ws')}/api/live?streams=none`, { headers: { authorization: `Bearer ${token}` } });
        await new Promise<void>((resolve, reject) => {
          ws!.once('open', () => resolve());
          ws!.once('error', reject);
        });
        const calls = [{ user_id: 20002, action: 'send_group_msg', params: { group_id: 30001, message: 'held' } }];
        ws.send(JSON.stringify({ type: 'act', id: 1, calls }));
      },
      async () => {
        const closed = new Promise((resolve) => ws!.once('close', resolve));
        ws!.close();
        await closed;
      },
    );
    expect(answered.matched, JSON.stringify(answered.closest)).toBe(true);
    expect(answered.entries[0]).toMatchObject({ transport: 'admin', status: 'failed' });
  });
});
