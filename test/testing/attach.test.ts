import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachWorld } from '../../src/app/testing/index.js';
import { startCatnap } from '../helpers/catnap.js';
import { until } from '../helpers/transports.js';
import { smallWorld } from '../helpers/world.js';

let env: Awaited<ReturnType<typeof startCatnap>>;
beforeAll(async () => {
  env = await startCatnap(smallWorld);
});
afterAll(async () => env.catnap.stop());

describe('a world attached to a running Catnap', () => {
  it('drives it: people speak, expectations see it', async () => {
    const world = await attachWorld({ url: env.catnap.webuiUrl, token: 'admin-token' });
    await world.user(20002).say('hello from an attached test', { group: 30001 });
    await world.expectMessage({ from: 20002, text: 'attached test' });
    await world.stop();
  });

  it('stop() ends its pending expectations (and so Catnap’s waits) instead of leaving them open until they run out', async () => {
    const world = await attachWorld({ url: env.catnap.webuiUrl, token: 'admin-token' });
    // As after a test that timed out mid-wait: nobody awaits this any more, and Catnap runs on.
    // The wait outlasts the test's own timeout, so a stop() that left it open fails the test by
    // timing out; its message says stop() ended it. No wall-clock bound: a loaded machine is slow.
    const pending = world.expectMessage({ text: 'never said' }, { within: 600_000 }).then(
      () => 'passed',
      (error: Error) => error.message,
    );
    await until(() => env.catnap.transcript.pendingWaits === 1, 30_000, 'the wait to be pending');
    await world.stop();
    expect(await pending).toMatch(/stopped/);
    await until(() => env.catnap.transcript.pendingWaits === 0, 30_000, 'Catnap’s wait to end');
  }, 60_000);
});
