import { describe, expect, it } from 'vitest';
import { startWorld } from '../../src/app/testing/index.js';
import { silentConnection } from '../helpers/transports.js';

describe('stopping a test world', () => {
  it('ends a pending expectation at once instead of waiting for it (or its connection) to time out, and may be called twice', async () => {
    const world = await startWorld();
    const pending = world.expectMessage({ text: 'never said' }, { within: 30_000 }).then(
      () => 'passed',
      (error: Error) => error.message,
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    const started = Date.now();
    await Promise.all([world.stop(), world.stop()]);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(await pending).toMatch(/Catnap is stopping/);
    await world.stop();
  }, 20_000);

  it('ends an act a no_reply fault holds with 503 STOPPING instead of waiting for it forever', async () => {
    const world = await startWorld();
    await world.faults.add({ self_id: 20001, action: 'send_group_msg', effect: { type: 'no_reply' } });
    const pending = world
      .user(20001)
      .say('held', { group: 30001 })
      .then(
        () => 'answered',
        (error: Error) => error.message,
      );
    await new Promise((resolve) => setTimeout(resolve, 200));
    const started = Date.now();
    await world.stop();
    expect(Date.now() - started).toBeLessThan(5000);
    expect(await pending).toMatch(/HTTP 503: Catnap is stopping: send_group_msg as 20001 ended before it answered$/);
  }, 20_000);

  it('answers an act a delay held with its own failure when Catnap stops: only a call the stop cut short is STOPPING', async () => {
    const world = await startWorld();
    await world.faults.add({ self_id: 20001, action: 'send_group_msg', effect: { type: 'delay', delay_ms: 600_000 } });
    // Let go by the stop, the send runs and fails on its own: nobody is in group 39999.
    const pending = world
      .user(20001)
      .say('held', { group: 39999 })
      .then(
        () => 'answered',
        (error: Error) => error.message,
      );
    await new Promise((resolve) => setTimeout(resolve, 200));
    await world.stop();
    expect(await pending).toBe('send_group_msg as 20001 failed: retcode 2002: group 39999 does not exist');
  }, 20_000);

  it('ends an act-batch a no_reply fault holds with 503 STOPPING, naming the calls cut short', async () => {
    const world = await startWorld();
    await world.faults.add({ self_id: 20001, action: 'send_group_msg', effect: { type: 'no_reply' } });
    const pending = world.api
      .request('POST', '/api/world/act-batch', {
        calls: [
          { user_id: 20002, action: 'get_login_info' },
          { user_id: 20001, action: 'send_group_msg', params: { group_id: 30001, message: 'held' } },
        ],
      })
      .then(
        () => 'answered',
        (error: Error) => error.message,
      );
    await new Promise((resolve) => setTimeout(resolve, 200));
    await world.stop();
    expect(await pending).toMatch(
      /HTTP 503: Catnap is stopping: call 2 of the batch \(send_group_msg as 20001\) ended before it answered$/,
    );
  }, 20_000);

  it('is not held by a client that connected to the admin API and sent nothing', async () => {
    const world = await startWorld();
    // What undici leaves when it opens a connection for a request it then abandons: once a server
    // closes, Node no longer times such a connection out, and Fastify closes only idle ones.
    const { closed } = await silentConnection(Number(new URL(world.api.connection.url).port));
    const started = Date.now();
    await world.stop();
    expect(Date.now() - started).toBeLessThan(8000);
    await closed;
  }, 30_000);
});
