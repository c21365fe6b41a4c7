import { describe, expect, it } from 'vitest';
import { applyWorldFile, WorldFileError, type WorldFile } from '../../src/world/world-file.js';
import { memoryWorld, smallWorld } from '../helpers/world.js';

describe('world file', () => {
  it('creates accounts, friendships with categories and groups with roles', async () => {
    const { world } = await memoryWorld(smallWorld);
    expect((await world.accounts.list()).map((account) => account.userId)).toEqual([10001, 10002, 20001, 20002, 20003]);
    expect(await world.friends.areFriends(10001, 20001)).toBe(true);
    const categories = await world.friends.categories(10001);
    expect(categories.map((category) => category.name)).toEqual(['我的好友', 'Friends']);
    expect((await world.friends.get(10001, 20001))?.remark).toBe('alice');
    const roles = Object.fromEntries((await world.groups.members(30001)).map((member) => [member.userId, member.role]));
    expect(roles).toEqual({ 20001: 'owner', 10001: 'admin', 20002: 'member', 20003: 'member' });
  });

  it('is idempotent: applying it again changes nothing and emits nothing', async () => {
    const { world, events } = await memoryWorld(smallWorld);
    const summary = await applyWorldFile(world, smallWorld);
    expect(summary).toMatchObject({ accountsCreated: 0, accountsUpdated: 0, groupsCreated: 0, groupsUpdated: 0 });
    expect(events).toEqual([]);
  });

  it('rejects unknown keys and bad references, naming them, and changes nothing', async () => {
    const { world, events } = await memoryWorld();
    const bad = {
      accounts: [{ user_id: 20001, nickname: 'Alice', colour: 'red' }],
      groups: [{ group_id: 30001, group_name: 'G', owner_id: 20001, members: [20009] }],
    };
    await expect(applyWorldFile(world, bad)).rejects.toThrow(/accounts\.0\.colour: unknown key/);
    const error = await applyWorldFile(world, { ...bad, accounts: [{ user_id: 20001, nickname: 'Alice' }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorldFileError);
    expect((error as WorldFileError).problems).toEqual(['groups.0.members.0: 20009 is not an account (add it to "accounts")']);
    expect(await world.accounts.list()).toEqual([]);
    expect(events).toEqual([]);
  });

  it('announces each account, friendship, category, group and member it creates, as any other change does', async () => {
    const { world, events } = await memoryWorld();
    await applyWorldFile(world, smallWorld);
    const counts = Object.fromEntries(
      ['account.created', 'friend.added', 'category.changed', 'group.created', 'member.joined'].map((type) => [
        type,
        events.filter((event) => event.type === type).length,
      ]),
    );
    expect(counts).toEqual({ 'account.created': 5, 'friend.added': 2, 'category.changed': 1, 'group.created': 2, 'member.joined': 6 });
    expect(events.some((event) => event.type === 'world.file_applied')).toBe(false);
  });

  it("with announce 'summary' (at start) counts the per-row events in one world.file_applied and sends every other event", async () => {
    const { world, events } = await memoryWorld();
    const file: WorldFile = {
      ...smallWorld,
      faults: [{ self_id: 10001, action: 'send_*', effect: { type: 'fail', preset: 'risk_control' } }],
    };
    await applyWorldFile(world, file, { announce: 'summary' });
    expect(events.map((event) => event.type)).toEqual(['faults.changed', 'world.file_applied']);
    expect(events.at(-1)).toMatchObject({
      omitted: { 'account.created': 5, 'friend.added': 2, 'category.changed': 1, 'group.created': 2, 'member.joined': 6 },
      audience: [],
    });
    // The world is the same as after an announced apply.
    const { world: announced } = await memoryWorld(file);
    const state = (w: typeof world) => ({
      accounts: w.accounts.list(),
      friends: [10001, 10002, 20001, 20002].map((uin) => [w.friends.categories(uin), w.store.friends.list(uin)]),
      groups: [30001, 30002].map((id) => [w.groups.require(id), w.groups.members(id)]),
      faults: w.faults.list().length,
    });
    expect(state(world)).toEqual(state(announced));
    // Applying it again creates nothing: nothing left out, no summary.
    events.length = 0;
    await applyWorldFile(world, file, { announce: 'summary' });
    expect(events).toEqual([]);
  });

  it('applies a friendship listed twice as two befriends, whether its accounts are new or not', async () => {
    const accounts = [
      { user_id: 20001, nickname: 'Alice' },
      { user_id: 20002, nickname: 'Bob' },
    ];
    const friends = [
      { user_id: 20001, friend_id: 20002, remark: 'bob', category: 'Work' },
      { user_id: 20002, friend_id: 20001, remark: 'alice' },
      { user_id: 20001, friend_id: 20002, reverse_category: 'Family' },
    ];
    const { world: fresh, events } = await memoryWorld();
    await applyWorldFile(fresh, { accounts, friends });
    const { world: known } = await memoryWorld({ accounts });
    await applyWorldFile(known, { friends });
    const view = (w: typeof fresh) =>
      [20001, 20002].map((uin) => ({ categories: w.friends.categories(uin), friends: w.store.friends.list(uin) }));
    expect(view(fresh)).toEqual(view(known));
    expect(fresh.store.friends.get(20001, 20002)).toMatchObject({ remark: 'bob', categoryId: 1 });
    expect(fresh.store.friends.get(20002, 20001)).toMatchObject({ remark: 'alice', categoryId: 1 });
    expect(events.filter((event) => event.type.startsWith('friend.')).map((event) => event.type)).toEqual([
      'friend.added',
      'friend.updated',
      'friend.updated',
    ]);
  });

  it('brings an existing group up to date: name, new members, new admins, owner', async () => {
    const { world } = await memoryWorld(smallWorld);
    await applyWorldFile(world, {
      groups: [{ group_id: 30001, group_name: 'Lounge 2', owner_id: 20002, admins: [20003], members: [10002] }],
    });
    const group = await world.groups.require(30001);
    expect(group).toMatchObject({ name: 'Lounge 2', ownerId: 20002 });
    const roles = Object.fromEntries((await world.groups.members(30001)).map((member) => [member.userId, member.role]));
    expect(roles).toMatchObject({ 20002: 'owner', 20001: 'member', 20003: 'admin', 10002: 'member' });
  });
});
