import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorld, type TestWorld } from '../../src/app/testing/index.js';

describe('world.faults', () => {
  let world: TestWorld;
  beforeAll(async () => {
    world = await startWorld();
  }, 30_000);
  afterAll(async () => {
    await world.stop();
  });

  it('lists the fault rules, oldest first, with how often each fired, as the Python client does', async () => {
    expect(await world.faults.list()).toEqual([]);
    const id = await world.faults.add({
      self_id: 20001,
      action: 'send_group_msg',
      times: 2,
      effect: { type: 'fail', preset: 'risk_control' },
    });
    await world.user(20001).act('send_group_msg', { group_id: 30001, message: 'hit' });
    expect(await world.faults.list()).toMatchObject([{ id, action: 'send_group_msg', remaining: 1, fired: 1 }]);
    await world.faults.clear();
    expect(await world.faults.list()).toEqual([]);
  });
});
