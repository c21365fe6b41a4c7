import { describe, expect, it } from 'vitest';
import type { SqliteWorldStore } from '../../src/world/store/sqlite/sqlite-store.js';
import { newFaultRule } from '../../src/world/faults/fault-rule-input.js';
import { memoryWorld, smallWorld } from '../helpers/world.js';

const sqliteOf = async () => {
  const base = await memoryWorld(smallWorld);
  return { ...base, store: base.world.store as SqliteWorldStore };
};

/**
 * Queues a unit that makes the COMMIT of its batch fail, as a full disk or a lost lock would: a
 * row breaking a foreign key whose check is deferred to the commit (SQLite then rolls the whole
 * batch back). Written past the repositories on purpose: no world code would write it.
 */
function breakTheCommit(store: SqliteWorldStore): Promise<unknown> {
  return store.transaction(() => {
    store.db.pragma('defer_foreign_keys = ON');
    store.db.prepare("INSERT INTO account_health (user_id, state, message, since) VALUES (99999, 'offline', '', 0)").run();
  });
}

describe('a batch that fails to commit', () => {
  it('takes back the fault rule hits taken in memory for it', async () => {
    const { world, store } = await sqliteOf();
    const rule = await world.faults.add(newFaultRule({ action: 'send_group_msg', times: 2, effect: { type: 'no_reply' } }));
    const hit = world.faults.hit(rule.id)!;
    expect(world.faults.find(rule.id)?.timesLeft).toBe(1);
    const broken = breakTheCommit(store);
    await expect(hit.stored).rejects.toThrow(/FOREIGN KEY/);
    await expect(broken).rejects.toThrow(/FOREIGN KEY/);
    expect(store.faults.list()[0]).toMatchObject({ timesLeft: 2, fired: 0 });
    expect(world.faults.find(rule.id)).toMatchObject({ timesLeft: 2, fired: 0 });
  });

  it('forgets the fault rules a unit of it read that the batch never committed', async () => {
    const { world, store } = await sqliteOf();
    // Nothing read yet (as after a restore): the first read, inside the batch, sees what it wrote.
    const added = world.faults.add(newFaultRule({ action: 'send_group_msg', effect: { type: 'no_reply' } }));
    const readInside = world.transaction(() => world.faults.list().length);
    const broken = breakTheCommit(store);
    const settled = await Promise.allSettled([added, readInside, broken]);
    expect(settled.map((each) => each.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(store.faults.list()).toEqual([]);
    expect(world.faults.list()).toEqual([]);
  });

  it('forgets the health a unit of it read that the batch never committed', async () => {
    const { world, store } = await sqliteOf();
    expect(world.health.state(20001)).toBe('online');
    const offline = world.health.set(20001, 'offline');
    const readInside = world.transaction(() => world.health.state(20001));
    const broken = breakTheCommit(store);
    const settled = await Promise.allSettled([offline, readInside, broken]);
    expect(settled.map((each) => each.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(store.health.get(20001)).toBeUndefined();
    expect(world.health.state(20001)).toBe('online');
    expect(world.accounts.require(20001).onlineStatus.status).not.toBe(20);
  });
});
