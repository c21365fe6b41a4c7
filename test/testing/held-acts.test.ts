import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorld, type TestWorld } from '../../src/app/testing/index.js';

// A fault rule without self_id holds people's own sends too (docs/faults.md): a test that forgot
// it must fail its step with a reason, not stall, and the held call must not outlive its caller.
describe('an act a no_reply fault holds', () => {
  let world: TestWorld;
  beforeAll(async () => {
    world = await startWorld();
  });
  afterAll(() => world.stop());

  it('is let go when its caller gives up, so it is recorded as answered', async () => {
    await world.faults.clear();
    await world.faults.add({ self_id: 20002, action: 'send_group_msg', effect: { type: 'no_reply' } });
    const mark = await world.mark();
    const { url, token } = world.api.connection;
    const gaveUp = await fetch(`${url}/api/world/act/20002/send_group_msg`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ group_id: 30001, message: 'held' }),
      signal: AbortSignal.timeout(300),
    }).catch((error: Error) => error.name);
    expect(gaveUp).toBe('TimeoutError');
    const answered = await world.api.wait({
      since: mark,
      match: { kind: 'call', self_id: 20002, action: 'send_group_msg' },
      timeout_ms: 3000,
    });
    expect(answered.matched, JSON.stringify(answered.closest)).toBe(true);
    expect(answered.entries[0]).toMatchObject({ transport: 'admin', status: 'failed' });
  });
});
