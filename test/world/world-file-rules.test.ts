import { describe, expect, it } from 'vitest';
import { validateWorldFile } from '../../src/app/world-validation.js';
import { exportWorld } from '../../src/world/world-export.js';
import { applyWorldFile, WorldFileError, type WorldFile } from '../../src/world/world-file.js';
import type { World } from '../../src/world/world.js';
import { memoryWorld, smallWorld } from '../helpers/world.js';

/** `count` people numbered from `first`, as world file accounts. */
const people = (count: number, first = 100000) => Array.from({ length: count }, (_, i) => ({ user_id: first + i, nickname: `P${i}` }));

/** A group owned by the first of `members`, everyone else a plain member, without `max_member_count`. */
const groupOf = (groupId: number, members: readonly { user_id: number }[]) => ({
  group_id: groupId,
  group_name: `G${groupId}`,
  owner_id: members[0]!.user_id,
  members: members.slice(1).map((member) => member.user_id),
});

async function refusal(world: World, file: unknown): Promise<readonly string[]> {
  const error = await applyWorldFile(world, file).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(WorldFileError);
  return (error as WorldFileError).problems;
}

describe('world file: group sizes as QQ has them', () => {
  it('gives a group without max_member_count 500, or the smallest tier that holds it', async () => {
    const everyone = people(3001);
    const file: WorldFile = {
      accounts: everyone,
      groups: [
        groupOf(40001, everyone.slice(0, 3)),
        groupOf(40002, everyone.slice(0, 500)),
        groupOf(40003, everyone.slice(0, 600)),
        groupOf(40004, everyone.slice(0, 1001)),
        groupOf(40005, everyone.slice(0, 3000)),
        { ...groupOf(40006, everyone.slice(0, 10)), max_member_count: 200 },
      ],
    };
    expect(validateWorldFile(file)).toEqual([]);
    const { world } = await memoryWorld(file);
    const sizes = Object.fromEntries(
      world.groups.list().map((group) => [group.groupId, [group.maxMembers, world.groups.memberCount(group.groupId)]]),
    );
    expect(sizes).toEqual({
      40001: [500, 3],
      40002: [500, 500],
      40003: [1000, 600],
      40004: [2000, 1001],
      40005: [3000, 3000],
      40006: [200, 10],
    });
  });

  it('refuses a group above 3000 at validation and at apply, naming it, and applies nothing', async () => {
    const everyone = people(3001);
    const file = { accounts: everyone, groups: [groupOf(40001, everyone.slice(0, 3)), groupOf(40002, everyone)] };
    const expected = ["groups.1: group 40002 would have 3001 members; QQ's largest groups hold 3000"];
    expect(validateWorldFile(file)).toEqual(expected);
    const { world, events } = await memoryWorld();
    expect(await refusal(world, file)).toEqual(expected);
    expect(world.accounts.list()).toEqual([]);
    expect(world.groups.list()).toEqual([]);
    expect(events).toEqual([]);
  });

  it('raises an existing group to the tier its new members need, and keeps a larger limit it has', async () => {
    const everyone = people(1200);
    const { world } = await memoryWorld({
      accounts: everyone,
      groups: [groupOf(40001, everyone.slice(0, 400)), { ...groupOf(40002, everyone.slice(0, 10)), max_member_count: 2000 }],
    });
    await applyWorldFile(world, { groups: [groupOf(40001, everyone.slice(300, 700)), groupOf(40002, everyone.slice(0, 20))] });
    expect(world.groups.require(40001)).toMatchObject({ maxMembers: 1000, ownerId: everyone[300]!.user_id });
    expect(world.groups.memberCount(40001)).toBe(700);
    expect(world.groups.require(40002).maxMembers).toBe(2000);
  });
});

describe('world file: every rule checked up front', () => {
  it('lists every problem with its path, validation and apply alike, and changes nothing', async () => {
    const { world, events } = await memoryWorld(smallWorld);
    const before = await exportWorld(world, async () => undefined);
    const file = {
      accounts: [
        { user_id: 20001, nickname: 'Alice again' },
        { user_id: 20009, nickname: 'New' },
        { user_id: 20009, nickname: 'New twice' },
      ],
      friends: [
        { user_id: 20009, friend_id: 20009 },
        { user_id: 20009, friend_id: 29999 },
      ],
      groups: [
        { group_id: 30001, group_name: 'Lounge', owner_id: 20001, max_member_count: 3 },
        { group_id: 30100, group_name: 'New', owner_id: 20009, members: [20002], cards: { '20003': 'Not here' } },
        { group_id: 30100, group_name: 'Again', owner_id: 20002 },
      ],
    };
    const problems = await refusal(world, file);
    expect(problems).toEqual([
      'accounts.2.user_id: 20009 is listed twice (also accounts.1)',
      'friends.0: an account cannot befriend itself',
      'friends.1.friend_id: 29999 is not an account (add it to "accounts")',
      'groups.0: group 30001 would have 4 members, more than max_member_count 3',
      'groups.1.cards.20003: 20003 is not a member of the group (list it in "members")',
      'groups.2.group_id: 30100 is listed twice (also groups.1)',
    ]);
    expect(await exportWorld(world, async () => undefined)).toEqual(before);
    expect(events).toEqual([]);
    // Validation checks against a fresh world: the same rules, less what only the live world knows.
    expect(validateWorldFile(file)).toEqual([
      'accounts.2.user_id: 20009 is listed twice (also accounts.1)',
      'friends.0: an account cannot befriend itself',
      'friends.1.friend_id: 29999 is not an account (add it to "accounts")',
      'groups.1.members.0: 20002 is not an account (add it to "accounts")',
      'groups.1.cards.20003: 20003 is not a member of the group (list it in "members")',
      'groups.2.group_id: 30100 is listed twice (also groups.1)',
      'groups.2.owner_id: 20002 is not an account (add it to "accounts")',
    ]);
  });

  it("refuses a bot's bad OneBot or Milky config with the rest, before anything is applied", () => {
    const file = {
      accounts: [
        { user_id: 10001, nickname: 'Bot', bot: true, onebot: { network: { httpServers: [{ name: 'a', port: 'x' }] } } },
        { user_id: 10002, nickname: 'Milky', bot: true, milky: { http: { port: -1 } } },
      ],
      friends: [{ user_id: 10001, friend_id: 10001 }],
    };
    const problems = validateWorldFile(file);
    expect(problems).toHaveLength(3);
    expect(problems[0]).toBe('friends.0: an account cannot befriend itself');
    expect(problems[1]).toMatch(/^accounts\.0\.onebot: network\.httpServers\.0\.port/);
    expect(problems[2]).toMatch(/^accounts\.1\.milky: http\.port/);
  });

  it('a card may name a member the group already has in the world', async () => {
    const { world } = await memoryWorld(smallWorld);
    await applyWorldFile(world, { groups: [{ group_id: 30001, group_name: 'Lounge', owner_id: 20001, cards: { '20003': 'Caz' } }] });
    expect(world.groups.requireMember(30001, 20003).card).toBe('Caz');
  });
});
