import type { WorldFile, WorldFileAccount, WorldFileGroup } from '../contract/world-file.js';
import type { NewAccount } from './services/account-service.js';
import { FriendWriter } from './world-file-friends.js';
import type { Tx } from './services/context.js';
import type { NewGroup } from './services/group-service.js';
import { faultRuleIdentity, newFaultRule } from './faults/fault-rule-input.js';
import { groupOutcome } from './world-file-rules.js';
import { withoutPerRowEvents, type Announce } from './world-file-announce.js';
import type { World } from './world.js';

export interface WriteCounts {
  accountsCreated: number;
  accountsUpdated: number;
  groupsCreated: number;
  groupsUpdated: number;
}

/**
 * Brings the world up to date with a file whose rules have been checked (`worldFileProblems`),
 * inside the caller's unit of work. Changes go through the services' `...In` forms, so they
 * emit the same events as any other change (less the per-row ones with `summary`); the one
 * shortcut is for friendships between two accounts this very unit created, which cannot exist
 * yet and whose categories this unit made, so their rows are written without asking the
 * database what it cannot have.
 */
export function writeWorldFile(world: World, unit: Tx, file: WorldFile, announce: Announce = 'each'): WriteCounts {
  const quiet = announce === 'summary' ? withoutPerRowEvents(unit) : undefined;
  const tx: Tx = quiet ?? unit;
  const counts: WriteCounts = { accountsCreated: 0, accountsUpdated: 0, groupsCreated: 0, groupsUpdated: 0 };
  const entries = file.accounts ?? [];
  const existing = world.store.accounts.existing(entries.map((entry) => entry.user_id));
  const fresh = entries.filter((entry) => !existing.has(entry.user_id));
  world.accounts.createManyIn(tx, fresh.map(newAccount));
  counts.accountsCreated = fresh.length;
  for (const entry of entries) {
    if (existing.has(entry.user_id) && updateAccount(world, tx, entry)) counts.accountsUpdated++;
  }
  const friends = new FriendWriter(
    world,
    tx,
    fresh.map((entry) => entry.user_id),
  );
  for (const entry of file.friends ?? []) friends.write(entry);
  friends.flush();
  const groups = file.groups ?? [];
  const freshGroups = groups.filter((entry) => !world.groups.find(entry.group_id));
  world.groups.createManyIn(tx, freshGroups.map(newGroup));
  counts.groupsCreated = freshGroups.length;
  const created = new Set(freshGroups);
  for (const entry of groups) {
    if (!created.has(entry) && updateGroup(world, tx, entry)) counts.groupsUpdated++;
    for (const [uin, card] of Object.entries(entry.cards ?? {})) world.groups.setCardIn(tx, 'world', entry.group_id, Number(uin), card);
  }
  writeFaultRules(world, tx, file.faults ?? []);
  quiet?.close();
  return counts;
}

function newAccount(entry: WorldFileAccount): NewAccount {
  return {
    userId: entry.user_id,
    nickname: entry.nickname,
    isBot: entry.bot ?? false,
    // Left undefined rather than left out: one shape for 100,000 records, no object spread per field.
    sex: entry.sex,
    age: entry.age,
    longNick: entry.long_nick,
    level: entry.level,
  };
}

/** Brings an existing account's profile up to date; returns whether anything changed. */
function updateAccount(world: World, tx: Tx, entry: WorldFileAccount): boolean {
  const existing = world.accounts.require(entry.user_id);
  const updated = world.accounts.updateIn(tx, entry.user_id, {
    nickname: entry.nickname,
    isBot: entry.bot ?? existing.isBot,
    sex: entry.sex,
    age: entry.age,
    longNick: entry.long_nick,
    level: entry.level,
  });
  return updated !== existing;
}

function newGroup(entry: WorldFileGroup): NewGroup {
  return {
    groupId: entry.group_id,
    name: entry.group_name,
    ownerId: entry.owner_id,
    adminIds: entry.admins ?? [],
    memberIds: entry.members ?? [],
    maxMembers: groupOutcome(entry, undefined).maxMembers,
  };
}

/** Brings an existing group up to date: size, name, missing members, owner, listed admins. Returns whether it changed. */
function updateGroup(world: World, tx: Tx, entry: WorldFileGroup): boolean {
  const snapshot = () => JSON.stringify([world.groups.require(entry.group_id), world.groups.members(entry.group_id)]);
  const before = snapshot();
  const group = world.groups.require(entry.group_id);
  const { maxMembers } = groupOutcome(entry, { maxMembers: group.maxMembers, memberIds: world.groups.memberIds(entry.group_id) });
  // The size first: the rules made sure it holds everyone the group will have.
  if (maxMembers !== undefined && maxMembers !== group.maxMembers) world.groups.updateIn(tx, entry.group_id, { maxMembers });
  world.groups.renameIn(tx, 'world', entry.group_id, entry.group_name);
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

/** Adds the file's fault rules the world does not have yet (a rule is known by all but `times`, which counts down). */
function writeFaultRules(world: World, tx: Tx, entries: NonNullable<WorldFile['faults']>): void {
  if (entries.length === 0) return;
  const known = new Set(world.faults.list().map(faultRuleIdentity));
  for (const entry of entries) {
    const rule = newFaultRule(entry);
    if (!known.has(faultRuleIdentity(rule))) world.faults.addIn(tx, rule);
  }
}
