import { describe, expect, it } from 'vitest';
import { startWorld, type TestWorld } from '../../src/app/testing/index.js';
import { silentConnection, until } from '../helpers/transports.js';

// Each hold below outlasts the test's own timeout (no_reply holds for ever, the waits and delays
// for minutes), so a stop that waited for one fails the test by timing out; the message a held
// call ends with says the stop, not the hold running out, ended it. No wall-clock bound: a loaded
// machine may take seconds to stop a world without anything being wrong.

/** How often the test world's fault rules have fired, in all. */
async function fired(world: TestWorld): Promise<number> {
  return (await world.faults.list()).reduce((sum, rule) => sum + rule.fired, 0);
}

describe('stopping a test world', () => {
  it('ends a pending expectation at once instead of waiting for it (or its connection) to time out, and may be called twice', async () => {
    const world = await startWorld();
    const pending = world.expectMessage({ text: 'never said' }, { within: 600_000 }).then(
      () => 'passed',
      (error: Error) => error.message,
    );
    await until(() => world.catnap!.transcript.pendingWaits === 1, 30_000, 'the expectation to wait in Catnap');
    await Promise.all([world.stop(), world.stop()]);
    expect(await pending).toMatch(/Catnap is stopping/);
    await world.stop();
  }, 60_000);

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
    await until(async () => (await fired(world)) === 1, 30_000, 'the fault to hold the call');
    await world.stop();
    expect(await pending).toMatch(/HTTP 503: Catnap is stopping: send_group_msg as 20001 ended before it answered$/);
  }, 60_000);

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
    await until(async () => (await fired(world)) === 1, 30_000, 'the fault to hold the call');
    await world.stop();
    expect(await pending).toBe('send_group_msg as 20001 failed: retcode 2002: group 39999 does not exist');
  }, 60_000);

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
    await until(async () => (await fired(world)) === 1, 30_000, 'the fault to hold the call');
    await world.stop();
    expect(await pending).toMatch(
      /HTTP 503: Catnap is stopping: call 2 of the batch \(send_group_msg as 20001\) ended before it answered$/,
    );
  }, 60_000);

  it('is not held by a client that connected to the admin API and sent nothing', async () => {
    const world = await startWorld();
    // What undici leaves when it opens a connection for a request it then abandons: once a server
    // closes, Node no longer times such a connection out, and Fastify closes only idle ones.
    const { closed } = await silentConnection(Number(new URL(world.api.connection.url).port));
    await world.stop();
    await closed;
  }, 60_000);
});
