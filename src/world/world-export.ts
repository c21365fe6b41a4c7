import type { FaultRule } from './faults/fault-model.js';
import { faultRuleIdentity, faultRuleInput } from './faults/fault-rule-input.js';
import type { WorldFile } from './world-file.js';
import type { World } from './world.js';

type ExportedAccount = NonNullable<WorldFile['accounts']>[number];
type ExportedFriend = NonNullable<WorldFile['friends']>[number];
type ExportedGroup = NonNullable<WorldFile['groups']>[number];

/**
 * The world as a world file: applying the result to an empty data dir rebuilds the same accounts,
 * mutual friendships (with each side's category and remark), groups, roles and cards. What a world
 * file cannot say is left out: messages, files, mutes, titles, requests, one-way friendships and
 * empty friend categories. Fault rules with hits left are written as `faults:`, with what is left
 * of their `times` (rules that differ only in `times` as one, see `faultsOf`). `onebotOf` and
 * `milkyOf` add each account's OneBot and Milky configs
 * (the world does not own them).
 *
 * The world is read in one synchronous pass, so the export is a consistent snapshot: no change
 * can commit between its reads. The configs are read afterwards.
 */
export async function exportWorld(
  world: World,
  onebotOf?: (userId: number) => Promise<unknown>,
  milkyOf?: (userId: number) => Promise<unknown>,
): Promise<WorldFile> {
  const file = snapshot(world);
  if (!onebotOf && !milkyOf) return file;
  const accounts: ExportedAccount[] = [];
  for (const entry of file.accounts ?? []) {
    const onebot = await onebotOf?.(entry.user_id);
    const milky = await milkyOf?.(entry.user_id);
    accounts.push({ ...entry, ...(onebot !== undefined && { onebot }), ...(milky !== undefined && { milky }) });
  }
  return { ...file, accounts };
}

function snapshot(world: World): WorldFile {
  const accounts: ExportedAccount[] = [];
  const friends: ExportedFriend[] = [];
  for (const account of world.accounts.list()) {
    const entry: ExportedAccount = {
      user_id: account.userId,
      nickname: account.nickname,
      ...(account.isBot && { bot: true }),
      ...(account.sex !== 'unknown' && { sex: account.sex }),
      ...(account.age > 0 && { age: account.age }),
      ...(account.longNick && { long_nick: account.longNick }),
      ...(account.level !== 1 && { level: account.level }),
    };
    accounts.push(entry);

    const categories = new Map(world.friends.categories(account.userId).map((category) => [category.categoryId, category.name]));
    for (const friendship of world.friends.list(account.userId)) {
      // Each mutual friendship once, from its lower uin; one-way entries cannot be expressed.
      if (friendship.friendId < account.userId) continue;
      const reverse = world.friends.get(friendship.friendId, account.userId);
      if (!reverse) continue;
      const reverseCategories = world.friends.categories(friendship.friendId);
      const reverseCategory = reverseCategories.find((category) => category.categoryId === reverse.categoryId)?.name;
      friends.push({
        user_id: account.userId,
        friend_id: friendship.friendId,
        ...(friendship.categoryId !== 0 && { category: categories.get(friendship.categoryId) }),
        ...(friendship.remark && { remark: friendship.remark }),
        ...(reverse.categoryId !== 0 && reverseCategory && { reverse_category: reverseCategory }),
        ...(reverse.remark && { reverse_remark: reverse.remark }),
      });
    }
  }

  const groups: ExportedGroup[] = [];
  for (const group of world.groups.list()) {
    const members = world.groups.members(group.groupId);
    const cards = Object.fromEntries(members.filter((member) => member.card).map((member) => [String(member.userId), member.card]));
    groups.push({
      group_id: group.groupId,
      group_name: group.name,
      owner_id: group.ownerId,
      admins: members.filter((member) => member.role === 'admin').map((member) => member.userId),
      members: members.filter((member) => member.role === 'member').map((member) => member.userId),
      ...(group.maxMembers !== 500 && { max_member_count: group.maxMembers }),
      ...(Object.keys(cards).length > 0 && { cards }),
    });
  }
  const faults = faultsOf(world.faults.list()).map(faultRuleInput);
  return { accounts, friends, groups, ...(faults.length > 0 && { faults }) };
}

/**
 * The rules as a world file can say them. A rule whose `times` ran out does nothing any more, and
 * `times: 0` is not a rule one can write. Rules equal in all but `times` (`POST /api/faults` takes
 * the same rule twice) are one rule to a world file, which refuses to list it twice: they are
 * written once, where the first stood, with their hits added up (unlimited if any is).
 */
function faultsOf(rules: readonly FaultRule[]): FaultRule[] {
  const merged = new Map<string, FaultRule>();
  for (const rule of rules) {
    if (rule.timesLeft === 0) continue;
    const identity = faultRuleIdentity(rule);
    const first = merged.get(identity);
    merged.set(identity, first ? { ...first, timesLeft: hitsTogether(first.timesLeft, rule.timesLeft) } : rule);
  }
  return [...merged.values()];
}

/** The hits two rules have left between them (null: unlimited). */
function hitsTogether(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : a + b;
}
