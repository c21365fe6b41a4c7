import type { WorldFile, WorldFileGroup } from '../contract/world-file.js';
import { worldFileFaultProblems } from './faults/fault-rule-input.js';
import { groupSizeTierFor, largestGroupSize } from './group-size.js';

/** What the rules need to know about the world a file is applied to (nothing, for a fresh one). */
export interface WorldFacts {
  hasAccount(userId: number): boolean;
  group(groupId: number): { readonly maxMembers: number; readonly memberIds: readonly number[] } | undefined;
}

/** A world with nothing in it: what `catnap world validate` checks a file against. */
export const emptyWorld: WorldFacts = { hasAccount: () => false, group: () => undefined };

/** How a group of the file ends up: its members (the world's and the file's) and its size limit. */
export interface GroupOutcome {
  readonly members: ReadonlySet<number>;
  /** The group's maximum after the apply; undefined when no tier holds its members. */
  readonly maxMembers: number | undefined;
}

/**
 * The members and size limit a file entry gives a group. Without `max_member_count`, a new group
 * gets QQ's 500, or the smallest larger tier (1000, 2000, 3000) that holds its members; an
 * existing group keeps its limit unless its members outgrow it. Validation and apply both use
 * this, so they cannot disagree about a group's size.
 */
export function groupOutcome(entry: WorldFileGroup, existing: ReturnType<WorldFacts['group']>): GroupOutcome {
  const members = new Set<number>(existing?.memberIds);
  members.add(entry.owner_id);
  for (const uin of entry.admins ?? []) members.add(uin);
  for (const uin of entry.members ?? []) members.add(uin);
  if (entry.max_member_count !== undefined) return { members, maxMembers: entry.max_member_count };
  const tier = groupSizeTierFor(members.size);
  if (tier === undefined) return { members, maxMembers: undefined };
  return { members, maxMembers: Math.max(existing?.maxMembers ?? 0, tier) };
}

/**
 * Every rule of the world that applying `file` to `world` would meet, checked up front: each
 * problem names its path (`groups.3.members.12: ...`), so a file that passes applies without
 * surprises, and one that does not changes nothing. Structure (types, unknown keys) is the
 * schema's job (`parseWorldFile`); protocol configs are the caller's (they belong to layers above).
 */
export function worldFileProblems(file: WorldFile, world: WorldFacts): string[] {
  const problems: string[] = [];
  const accounts = file.accounts ?? [];
  /** Where the file lists each account: also which accounts the file has. */
  const firstListed = new Map<number, number>();
  accounts.forEach((account, index) => {
    const first = firstListed.get(account.user_id);
    if (first !== undefined) problems.push(`accounts.${index}.user_id: ${account.user_id} is listed twice (also accounts.${first})`);
    else firstListed.set(account.user_id, index);
  });
  /** Accounts the world has that the file names without listing them. */
  const known = new Set<number>();
  // `at.index.field`, built only for a problem: a big file names 400,000 accounts that exist.
  const need = (uin: number, at: string, index?: number, field?: string) => {
    if (firstListed.has(uin) || known.has(uin)) return;
    if (world.hasAccount(uin)) known.add(uin);
    else {
      const path = [at, ...(index === undefined ? [] : [index]), ...(field === undefined ? [] : [field])].join('.');
      problems.push(`${path}: ${uin} is not an account (add it to "accounts")`);
    }
  };

  (file.friends ?? []).forEach((friend, index) => {
    need(friend.user_id, 'friends', index, 'user_id');
    need(friend.friend_id, 'friends', index, 'friend_id');
    if (friend.user_id === friend.friend_id) problems.push(`friends.${index}: an account cannot befriend itself`);
  });

  const groupListed = new Map<number, number>();
  (file.groups ?? []).forEach((group, index) => {
    const path = `groups.${index}`;
    const first = groupListed.get(group.group_id);
    if (first !== undefined) problems.push(`${path}.group_id: ${group.group_id} is listed twice (also groups.${first})`);
    else groupListed.set(group.group_id, index);
    need(group.owner_id, `${path}.owner_id`);
    (group.admins ?? []).forEach((uin, i) => need(uin, `${path}.admins`, i));
    (group.members ?? []).forEach((uin, i) => need(uin, `${path}.members`, i));
    problems.push(...groupProblems(group, path, world.group(group.group_id)));
  });

  const faults = file.faults ?? [];
  faults.forEach((fault, index) => fault.self_id !== undefined && need(fault.self_id, `faults.${index}.self_id`));
  problems.push(...worldFileFaultProblems(faults));
  return problems;
}

function groupProblems(group: WorldFileGroup, path: string, existing: ReturnType<WorldFacts['group']>): string[] {
  const problems: string[] = [];
  const { members, maxMembers } = groupOutcome(group, existing);
  if (maxMembers === undefined) {
    problems.push(`${path}: group ${group.group_id} would have ${members.size} members; QQ's largest groups hold ${largestGroupSize}`);
  } else if (members.size > maxMembers) {
    const whose = group.max_member_count !== undefined ? 'max_member_count' : 'its maximum';
    problems.push(`${path}: group ${group.group_id} would have ${members.size} members, more than ${whose} ${maxMembers}`);
  }
  for (const key of Object.keys(group.cards ?? {})) {
    const uin = Number(key);
    if (!Number.isSafeInteger(uin) || uin < 1) problems.push(`${path}.cards.${key}: not a QQ number`);
    else if (!members.has(uin)) problems.push(`${path}.cards.${key}: ${key} is not a member of the group (list it in "members")`);
  }
  return problems;
}
