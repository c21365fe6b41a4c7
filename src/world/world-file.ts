import type { Static } from '@sinclair/typebox';
import { type WorldFileGroup, WorldFileSchema, type WorldFile } from '../contract/world-file.js';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { Value } from '@sinclair/typebox/value';
import { describeJsonProblem, findJsonProblem } from '../util/json-guard.js';
import { describeProblems } from '../util/schema-problems.js';
import type { Tx } from './services/context.js';
import type { World } from './world.js';

export { WorldFileAccount, WorldFileFriend, WorldFileGroup, WorldFileSchema, type WorldFile } from '../contract/world-file.js';

export class WorldFileError extends Error {
  override readonly name = 'WorldFileError';
  constructor(readonly problems: readonly string[]) {
    super(`world file rejected:\n  ${problems.join('\n  ')}`);
  }
}

const check = TypeCompiler.Compile(WorldFileSchema);

/** Far deeper than a world file needs (an account's NapCat config sits five levels down). */
const maxWorldFileDepth = 64;

/** Structural validation: returns the typed file or throws with every problem found. */
export function parseWorldFile(input: unknown): WorldFile {
  const problem = findJsonProblem(input, maxWorldFileDepth);
  if (problem) throw new WorldFileError([describeJsonProblem(problem, 'world file')]);
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
function checkReferences(world: World, file: WorldFile): void {
  const known = new Set((file.accounts ?? []).map((account) => account.user_id));
  const problems: string[] = [];
  const seen = new Set<number>();
  (file.accounts ?? []).forEach((account, index) => {
    if (seen.has(account.user_id)) problems.push(`accounts.${index}.user_id: ${account.user_id} is listed twice`);
    seen.add(account.user_id);
  });
  const need = (uin: number, path: string) => {
    if (known.has(uin)) return;
    if (world.accounts.find(uin)) {
      known.add(uin);
      return;
    }
    problems.push(`${path}: ${uin} is not an account (add it to "accounts")`);
  };
  for (const [index, friend] of (file.friends ?? []).entries()) {
    need(friend.user_id, `friends.${index}.user_id`);
    need(friend.friend_id, `friends.${index}.friend_id`);
    if (friend.user_id === friend.friend_id) problems.push(`friends.${index}: an account cannot befriend itself`);
  }
  for (const [index, group] of (file.groups ?? []).entries()) {
    need(group.owner_id, `groups.${index}.owner_id`);
    for (const [i, uin] of (group.admins ?? []).entries()) need(uin, `groups.${index}.admins.${i}`);
    for (const [i, uin] of (group.members ?? []).entries()) need(uin, `groups.${index}.members.${i}`);
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

/**
 * Validates the whole file, then brings the world up to date with it in one unit of work: either
 * everything in the file is applied, or (on any refusal) nothing is.
 */
export async function applyWorldFile(world: World, input: unknown): Promise<ApplySummary> {
  const file = parseWorldFile(input);
  return world.transaction((tx) => {
    checkReferences(world, file);
    const summary = { accountsCreated: 0, accountsUpdated: 0, groupsCreated: 0, groupsUpdated: 0 };
    const onebot: { userId: number; config: unknown }[] = [];
    const milky: { userId: number; config: unknown }[] = [];

    for (const entry of file.accounts ?? []) {
      const existing = world.accounts.find(entry.user_id);
      if (!existing) {
        world.accounts.createIn(tx, {
          userId: entry.user_id,
          nickname: entry.nickname,
          isBot: entry.bot ?? false,
          ...(entry.sex !== undefined && { sex: entry.sex }),
          ...(entry.age !== undefined && { age: entry.age }),
          ...(entry.long_nick !== undefined && { longNick: entry.long_nick }),
          ...(entry.level !== undefined && { level: entry.level }),
        });
        summary.accountsCreated++;
      } else {
        const updated = world.accounts.updateIn(tx, entry.user_id, {
          nickname: entry.nickname,
          isBot: entry.bot ?? existing.isBot,
          sex: entry.sex,
          age: entry.age,
          longNick: entry.long_nick,
          level: entry.level,
        });
        if (JSON.stringify(updated) !== JSON.stringify(existing)) summary.accountsUpdated++;
      }
      if (entry.onebot !== undefined) onebot.push({ userId: entry.user_id, config: entry.onebot });
      if (entry.milky !== undefined) milky.push({ userId: entry.user_id, config: entry.milky });
    }

    for (const friend of file.friends ?? []) {
      const category = friend.category ? world.friends.ensureCategoryIn(tx, friend.user_id, friend.category) : undefined;
      const reverse = friend.reverse_category ? world.friends.ensureCategoryIn(tx, friend.friend_id, friend.reverse_category) : undefined;
      world.friends.befriendIn(tx, friend.user_id, friend.friend_id, {
        remark: friend.remark,
        categoryId: category?.categoryId,
        reverseRemark: friend.reverse_remark,
        reverseCategoryId: reverse?.categoryId,
      });
    }

    for (const entry of file.groups ?? []) {
      if (!world.groups.find(entry.group_id)) {
        world.groups.createIn(tx, {
          groupId: entry.group_id,
          name: entry.group_name,
          ownerId: entry.owner_id,
          adminIds: entry.admins ?? [],
          memberIds: entry.members ?? [],
          ...(entry.max_member_count !== undefined && { maxMembers: entry.max_member_count }),
        });
        summary.groupsCreated++;
      } else if (updateGroup(world, tx, entry)) {
        summary.groupsUpdated++;
      }
      for (const [uin, card] of Object.entries(entry.cards ?? {})) world.groups.setCardIn(tx, 'world', entry.group_id, Number(uin), card);
    }

    return { ...summary, friendships: (file.friends ?? []).length, onebot, milky };
  });
}

/** Brings an existing group up to date: name, size, owner, missing members, listed admins. Returns whether it changed. */
function updateGroup(world: World, tx: Tx, entry: Static<typeof WorldFileGroup>): boolean {
  const snapshot = () => JSON.stringify([world.groups.require(entry.group_id), world.groups.members(entry.group_id)]);
  const before = snapshot();
  world.groups.renameIn(tx, 'world', entry.group_id, entry.group_name);
  if (entry.max_member_count !== undefined) world.groups.updateIn(tx, entry.group_id, { maxMembers: entry.max_member_count });
  const wanted = [entry.owner_id, ...(entry.admins ?? []), ...(entry.members ?? [])];
  for (const uin of new Set(wanted)) {
    if (!world.groups.findMember(entry.group_id, uin)) world.groups.addMemberIn(tx, entry.group_id, uin);
  }
  world.groups.transferOwnerIn(tx, entry.group_id, entry.owner_id);
  for (const uin of entry.admins ?? []) {
    if (uin !== entry.owner_id) world.groups.setAdminIn(tx, 'world', entry.group_id, uin, true);
  }
  return snapshot() !== before;
}
