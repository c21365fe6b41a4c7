import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../src/world/events.js';
import { eventData, milkyWorld } from '../helpers/milky.js';

/**
 * Milky events are built after the world emitted them, one after another: under a burst the
 * group can change hands between an admin change and the building of its event. The operator of
 * group_admin_change is whoever owned the group when the change was made, not the owner at build.
 */
describe('Milky group_admin_change operator', () => {
  it('names the owner at the time of the change, though ownership moved before the event was built', async () => {
    const m = await milkyWorld();
    const bot = m.listen(10001);
    const captured: DomainEvent[] = [];
    const off = m.world.events.on((event) => {
      if (event.type === 'member.role_changed') captured.push(event);
    });
    // Alice owns group 30001 and makes Bob an admin.
    await m.world.groups.setAdmin(20001, 30001, 20002, true);
    off();
    await m.hub.flush();
    expect(eventData(bot, 'group_admin_change')).toEqual([{ group_id: 30001, user_id: 20002, operator_id: 20001, is_set: true }]);
    bot.length = 0;

    await m.world.groups.transferOwner(30001, 10001);
    await m.hub.flush();
    bot.length = 0;
    // The same event, built only now: what a burst's backlog does.
    m.world.events.emit(captured[0]!);
    await m.hub.flush();
    expect(eventData(bot, 'group_admin_change')).toEqual([{ group_id: 30001, user_id: 20002, operator_id: 20001, is_set: true }]);
  });
});
