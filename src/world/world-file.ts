import type { Static } from '@sinclair/typebox';
import { type WorldFileGroup, WorldFileSchema, type WorldFile } from '../contract/world-file.js';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { Value } from '@sinclair/typebox/value';
import { describeProblems } from '../util/schema-problems.js';
import type { World } from './world.js';

export { WorldFileAccount, WorldFileFriend, WorldFileGroup, WorldFileSchema, type WorldFile } from '../contract/world-file.js';

export class WorldFileError extends Error {
  override readonly name = 'WorldFileError';
  constructor(readonly problems: readonly string[]) {
    super(`world file rejected:\n  ${problems.join('\n  ')}`);
  }
}

const check = TypeCompiler.Compile(WorldFileSchema);

/** Structural validation: returns the typed file or throws with every problem found. */
export function parseWorldFile(input: unknown): WorldFile {
  const value = Value.Convert(WorldFileSchema, Value.Clone(input));
  if (check.Check(value)) return value;
  throw new WorldFileError(describeProblems(check.Errors(value), '(root)', 50));
}

export interface ApplySummary {
  readonly accountsCreated: number;
  readonly accountsUpdated: number;
  readonly friendships: number;
  readonly groupsCreated: number;
  readonly groupsUpdated: number;
  /** Accounts with an `onebot` section, for the caller to write out. */
  readonly onebot: readonly { readonly userId: number; readonly config: unknown }[];
  /** Accounts with a `milky` section, likewise. */
  readonly milky: readonly { readonly userId: number; readonly config: unknown }[];
}

/** Checks that every referenced account exists in the file or the world, naming each that does not. */
async function checkReferences(world: World, file: WorldFile): Promise<void> {
  const known = new Set((file.accounts ?? []).map((account) => account.user_id));
  const problems: string[] = [];
  const seen = new Set<number>();
  (file.accounts ?? []).forEach((account, index) => {
    if (seen.has(account.user_id)) problems.push(`accounts.${index}.user_id: ${account.user_id} is listed twice`);
    seen.add(account.user_id);
  });
  const need = async (uin: number, path: string) => {
    if (known.has(uin)) return;
    if (await world.accounts.find(uin)) {
      known.add(uin);
      return;
    }
    problems.push(`${path}: ${uin} is not an account (add it to "accounts")`);
  };
  for (const [index, friend] of (file.friends ?? []).entries()) {
    await need(friend.user_id, `friends.${index}.user_id`);
    await need(friend.friend_id, `friends.${index}.friend_id`);
    if (friend.user_id === friend.friend_id) problems.push(`friends.${index}: an account cannot befriend itself`);
  }
  for (const [index, group] of (file.groups ?? []).entries()) {
    await need(group.owner_id, `groups.${index}.owner_id`);
    for (const [i, uin] of (group.admins ?? []).entries()) await need(uin, `groups.${index}.admins.${i}`);
    for (const [i, uin] of (group.members ?? []).entries()) await need(uin, `groups.${index}.members.${i}`);
    const everyone = new Set([group.owner_id, ...(group.admins ?? []), ...(group.members ?? [])]);
    for (const uin of Object.keys(group.cards ?? {})) {
      if (!everyone.has(Number(uin))) problems.push(`groups.${index}.cards.${uin}: ${uin} is not listed as a member of the group`);
    }
    if (group.max_member_count !== undefined && everyone.size > group.max_member_count) {
      problems.push(`groups.${index}: ${everyone.size} members exceed max_member_count ${group.max_member_count}`);
    }
  }
  if (problems.length > 0) throw new WorldFileError(problems);
}

/** Validates the whole file first, then brings the world up to date with it. */
export async function applyWorldFile(world: World, input: unknown): Promise<ApplySummary> {
  const file = parseWorldFile(input);
  await checkReferences(world, file);
  let accountsCreated = 0;
  let accountsUpdated = 0;
  let groupsCreated = 0;
  let groupsUpdated = 0;
  const onebot: { userId: number; config: unknown }[] = [];
  const milky: { userId: number; config: unknown }[] = [];

  for (const entry of file.accounts ?? []) {
    const existing = await world.accounts.find(entry.user_id);
    if (!existing) {
      await world.accounts.create({
        userId: entry.user_id,
        nickname: entry.nickname,
        isBot: entry.bot ?? false,
        ...(entry.sex !== undefined && { sex: entry.sex }),
        ...(entry.age !== undefined && { age: entry.age }),
        ...(entry.long_nick !== undefined && { longNick: entry.long_nick }),
        ...(entry.level !== undefined && { level: entry.level }),
      });
      accountsCreated++;
    } else {
      const updated = await world.accounts.update(entry.user_id, {
        nickname: entry.nickname,
        isBot: entry.bot ?? existing.isBot,
        sex: entry.sex,
        age: entry.age,
        longNick: entry.long_nick,
        level: entry.level,
      });
      if (JSON.stringify(updated) !== JSON.stringify(existing)) accountsUpdated++;
    }
    if (entry.onebot !== undefined) onebot.push({ userId: entry.user_id, config: entry.onebot });
    if (entry.milky !== undefined) milky.push({ userId: entry.user_id, config: entry.milky });
  }

  for (const friend of file.friends ?? []) {
    const category = friend.category ? await world.friends.ensureCategory(friend.user_id, friend.category) : undefined;
    const reverse = friend.reverse_category ? await world.friends.ensureCategory(friend.friend_id, friend.reverse_category) : undefined;
    await world.friends.befriend(friend.user_id, friend.friend_id, {
      remark: friend.remark,
      categoryId: category?.categoryId,
      reverseRemark: friend.reverse_remark,
      reverseCategoryId: reverse?.categoryId,
    });
  }

  for (const entry of file.groups ?? []) {
    const existing = await world.groups.find(entry.group_id);
    if (!existing) {
      await world.groups.create({
        groupId: entry.group_id,
        name: entry.group_name,
        ownerId: entry.owner_id,
        adminIds: entry.admins ?? [],
        memberIds: entry.members ?? [],
        ...(entry.max_member_count !== undefined && { maxMembers: entry.max_member_count }),
      });
      groupsCreated++;
    } else {
      groupsUpdated += await updateGroup(world, entry);
    }
    for (const [uin, card] of Object.entries(entry.cards ?? {})) {
      await world.groups.setCard('world', entry.group_id, Number(uin), card);
    }
  }

  return {
    accountsCreated,
    accountsUpdated,
    friendships: (file.friends ?? []).length,
    groupsCreated,
    groupsUpdated,
    onebot,
    milky,
  };
}

/** Brings an existing group up to date: name, size, owner, missing members, listed admins. */
async function updateGroup(world: World, entry: Static<typeof WorldFileGroup>): Promise<number> {
  const before = JSON.stringify([await world.groups.require(entry.group_id), await world.groups.members(entry.group_id)]);
  await world.groups.rename('world', entry.group_id, entry.group_name);
  if (entry.max_member_count !== undefined) await world.groups.update(entry.group_id, { maxMembers: entry.max_member_count });
  const wanted = [entry.owner_id, ...(entry.admins ?? []), ...(entry.members ?? [])];
  for (const uin of new Set(wanted)) {
    if (!(await world.groups.findMember(entry.group_id, uin))) await world.groups.addMember(entry.group_id, uin);
  }
  await world.groups.transferOwner(entry.group_id, entry.owner_id);
  for (const uin of entry.admins ?? []) {
    if (uin !== entry.owner_id) await world.groups.setAdmin('world', entry.group_id, uin, true);
  }
  const after = JSON.stringify([await world.groups.require(entry.group_id), await world.groups.members(entry.group_id)]);
  return before === after ? 0 : 1;
}
