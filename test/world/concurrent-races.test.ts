import { describe, expect, it } from 'vitest';
import { onebotWorld } from '../helpers/onebot.js';
import { memoryWorld } from '../helpers/world.js';

/**
 * The two races the transactional world was built against: calls that arrive together must
 * behave as if they ran one after the other.
 */
describe('concurrent changes', () => {
  it('never puts more members in a group than its maximum', async () => {
    const { world } = await memoryWorld({
      accounts: [20001, 20002, 20003, 20004].map((user_id) => ({ user_id, nickname: `u${user_id}` })),
      groups: [{ group_id: 30001, group_name: 'Tiny', owner_id: 20001, max_member_count: 2 }],
    });
    const results = await Promise.allSettled([20002, 20003, 20004].map((userId) => world.groups.addMember(30001, userId)));
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect(await world.groups.memberCount(30001)).toBe(2);
    for (const result of results) {
      if (result.status === 'rejected') expect(result.reason).toMatchObject({ code: 'LIMIT_REACHED' });
    }
  });

  it('answers a duplicate join request with the catalogue error, never 1200', async () => {
    const ob = await onebotWorld();
    for (const addType of [1, 2]) {
      await ob.data(10002, 'set_group_add_option', { group_id: 30002, add_type: addType });
      const requester = addType === 1 ? 20002 : 20003;
      const envelopes = await Promise.all([1, 2].map(() => ob.call(requester, 'send_group_join_request', { group_id: 30002 })));
      expect(envelopes.map((envelope) => envelope.retcode).sort()).toEqual([0, 2106]);
    }
    const pending = (await ob.world.requests.systemMessages(10002, { filtered: false, count: 50 })).joins.filter(
      (request) => request.status === 'pending',
    );
    expect(pending).toHaveLength(1);
  });
});
