import { describe, expect, it } from 'vitest';
import { WorldError } from '../../src/world/errors.js';
import { memoryWorld, smallWorld } from '../helpers/world.js';

const code = (promise: Promise<unknown>) =>
  promise.then(
    () => 'ok',
    (error: unknown) => (error instanceof WorldError ? error.code : String(error)),
  );

describe('group service: QQ rank rules', () => {
  it('lets an admin kick a member and announces it to everyone who was in the group', async () => {
    const { world, events } = await memoryWorld(smallWorld);
    await world.groups.kick(10001, 30001, 20002);
    expect(await world.groups.findMember(30001, 20002)).toBeUndefined();
    const left = events.find((event) => event.type === 'member.left');
    expect(left).toMatchObject({ groupId: 30001, userId: 20002, operatorId: 10001, subType: 'kick' });
    expect(left?.audience).toContain(20002);
  });

  it('refuses kicks by plain members and against equal or higher ranks, changing nothing', async () => {
    const { world, events } = await memoryWorld(smallWorld);
    expect(await code(world.groups.kick(20002, 30001, 20003))).toBe('PERMISSION_DENIED');
    expect(await code(world.groups.kick(10001, 30001, 20001))).toBe('RANK_TOO_LOW');
    await world.groups.setAdmin('world', 30001, 20002, true);
    events.length = 0;
    expect(await code(world.groups.kick(10001, 30001, 20002))).toBe('RANK_TOO_LOW');
    expect(await world.groups.findMember(30001, 20002)).toBeDefined();
    expect(events).toEqual([]);
  });

  it('mutes until the time passes, and whole-group mute spares admins', async () => {
    const { world, clock } = await memoryWorld(smallWorld);
    await world.groups.mute(10001, 30001, 20002, 60);
    const group = await world.groups.require(30001);
    expect(world.groups.isMuted(group, await world.groups.requireMember(30001, 20002))).toBe(true);
    clock.advance(61_000);
    expect(world.groups.isMuted(group, await world.groups.requireMember(30001, 20002))).toBe(false);
    await world.groups.setWholeMute(10001, 30001, true);
    const muted = await world.groups.require(30001);
    expect(world.groups.isMuted(muted, await world.groups.requireMember(30001, 20003))).toBe(true);
    expect(world.groups.isMuted(muted, await world.groups.requireMember(30001, 10001))).toBe(false);
  });

  it('only the owner changes admins and dismisses; the owner cannot leave', async () => {
    const { world } = await memoryWorld(smallWorld);
    expect(await code(world.groups.setAdmin(10001, 30001, 20002, true))).toBe('PERMISSION_DENIED');
    expect(await code(world.groups.dismiss(10001, 30001))).toBe('PERMISSION_DENIED');
    expect(await code(world.groups.leave(30001, 20001))).toBe('PERMISSION_DENIED');
    await world.groups.setAdmin(20001, 30001, 20002, true);
    expect((await world.groups.requireMember(30001, 20002)).role).toBe('admin');
    await world.groups.dismiss(20001, 30001);
    expect(await world.groups.find(30001)).toBeUndefined();
  });

  it('names unknown groups and members', async () => {
    const { world } = await memoryWorld(smallWorld);
    expect(() => world.groups.require(39999)).toThrow('group 39999 does not exist');
    expect(() => world.groups.requireMember(30001, 20009)).toThrow('user 20009 is not a member of group 30001');
  });
});
