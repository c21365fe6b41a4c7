import { writeFile } from 'node:fs/promises';
import type { WorldFile, WorldFileAccount, WorldFileFriend, WorldFileGroup } from '../../src/contract/world-file.js';
import { seededRandom } from '../../src/util/seeded-random.js';

export { seededRandom };

/**
 * A large, deterministic world file for scale benchmarks: by default 100,000 accounts, 10,000
 * groups (ten of 3,000 members, the rest of 3 to 30), 100,000 friendships with categories and
 * remarks, and one bot account that is a member of every big group and has friends. The same
 * options always give the same file, byte for byte, so timings compare across runs and branches.
 *
 * Big groups leave `max_member_count` out, so applying the file also exercises QQ's size tiers
 * (a group of 3,000 gets the 3000 tier); small groups get the default 500.
 */
export interface BigWorldOptions {
  /** Simulated people, bots not counted (default 100,000). */
  readonly accounts?: number;
  /** Groups, big ones included (default 10,000). */
  readonly groups?: number;
  /** How many of the groups are big (default 10). */
  readonly bigGroups?: number;
  /** Members of each big group, owner and bots included (default 3,000, QQ's largest tier). */
  readonly bigGroupSize?: number;
  /** Members of the other groups, owner included: uniform in [min, max] (default 3 to 30). */
  readonly smallGroupSize?: { readonly min: number; readonly max: number };
  /** Friendships between people (default 100,000 pairs, each listed once). */
  readonly friendships?: number;
  /** Bot accounts; each joins every big group and befriends the first 50 people (default one bot, 10001, without configs). */
  readonly bots?: readonly BigWorldBot[];
  /** First person's QQ number (default 1,000,000); people are numbered consecutively. */
  readonly firstUserId?: number;
  /** First group's number (default 100,000,000); big groups come first. */
  readonly firstGroupId?: number;
  /** Seed of the random choices (default 1). */
  readonly seed?: number;
}

export interface BigWorldBot {
  readonly user_id: number;
  readonly nickname?: string;
  /** The bot's `onebot11_<uin>.json`, as in a world file. */
  readonly onebot?: unknown;
  /** The bot's `milky_<uin>.json`, as in a world file. */
  readonly milky?: unknown;
}

export interface BigWorldStats {
  readonly accounts: number;
  readonly groups: number;
  readonly memberships: number;
  readonly friendships: number;
}

export interface BigWorld {
  readonly file: WorldFile;
  readonly stats: BigWorldStats;
  /** Numbers of the big groups, for scenarios that send into them. */
  readonly bigGroupIds: readonly number[];
}

const categories = ['Friends', 'Colleagues', 'Family', 'Classmates'] as const;
const sexes = ['male', 'female', 'unknown'] as const;

/** Builds the world file in memory (about 13 MB as JSON with the defaults). */
export function bigWorld(options: BigWorldOptions = {}): BigWorld {
  const people = options.accounts ?? 100_000;
  const groupCount = options.groups ?? 10_000;
  const bigCount = Math.min(options.bigGroups ?? 10, groupCount);
  const bigSize = options.bigGroupSize ?? 3000;
  const small = options.smallGroupSize ?? { min: 3, max: 30 };
  const pairs = options.friendships ?? 100_000;
  const bots = options.bots ?? [{ user_id: 10001, nickname: 'Big Bot' }];
  const firstUserId = options.firstUserId ?? 1_000_000;
  const firstGroupId = options.firstGroupId ?? 100_000_000;
  const random = seededRandom(options.seed ?? 1);
  const pick = (below: number) => Math.floor(random() * below);
  const person = (index: number) => firstUserId + index;
  if (people < Math.max(bigSize, small.max) || people < 2) throw new Error('bigWorld: too few accounts for the group sizes asked');

  const accounts: WorldFileAccount[] = bots.map((bot) => ({
    user_id: bot.user_id,
    nickname: bot.nickname ?? `Bot ${bot.user_id}`,
    bot: true,
    ...(bot.onebot !== undefined && { onebot: bot.onebot }),
    ...(bot.milky !== undefined && { milky: bot.milky }),
  }));
  for (let i = 0; i < people; i++) {
    const account: WorldFileAccount = { user_id: person(i), nickname: `User ${i}` };
    if (i % 3 === 0) accounts.push({ ...account, sex: sexes[pick(3)]!, age: 16 + pick(50) });
    else accounts.push(account);
  }

  /** `count` distinct people, in the order drawn. */
  const draw = (count: number): number[] => {
    const chosen = new Set<number>();
    while (chosen.size < count) chosen.add(person(pick(people)));
    return [...chosen];
  };

  const groups: WorldFileGroup[] = [];
  const bigGroupIds: number[] = [];
  let memberships = 0;
  for (let g = 0; g < groupCount; g++) {
    const groupId = firstGroupId + g;
    const big = g < bigCount;
    const size = big ? bigSize : small.min + pick(small.max - small.min + 1);
    const humans = draw(big ? size - bots.length : size);
    const [ownerId, ...rest] = humans;
    const adminCount = big ? 5 : Math.min(rest.length, pick(3));
    const group: WorldFileGroup = {
      group_id: groupId,
      group_name: big ? `Big group ${g}` : `Group ${g}`,
      owner_id: ownerId!,
      ...(adminCount > 0 && { admins: rest.slice(0, adminCount) }),
      members: [...(big ? bots.map((bot) => bot.user_id) : []), ...rest.slice(adminCount)],
    };
    if (big) {
      bigGroupIds.push(groupId);
      group.cards = Object.fromEntries(rest.filter((_, i) => i % 10 === 0).map((uin) => [String(uin), `Card of ${uin}`]));
    }
    memberships += size;
    groups.push(group);
  }

  const friends: WorldFileFriend[] = [];
  const seen = new Set<string>();
  const befriend = (a: number, b: number, index: number) => {
    const key = a < b ? `${a}:${b}` : `${b}:${a}`;
    if (a === b || seen.has(key)) return false;
    seen.add(key);
    const friend: WorldFileFriend = { user_id: a, friend_id: b };
    if (index % 3 === 0) friend.category = categories[pick(categories.length)]!;
    if (index % 5 === 0) friend.remark = `Remark ${index}`;
    if (index % 7 === 0) friend.reverse_category = categories[pick(categories.length)]!;
    friends.push(friend);
    return true;
  };
  for (const bot of bots) {
    for (let i = 0; i < Math.min(50, people); i++) befriend(bot.user_id, person(i), i);
  }
  const maxPairs = (people * (people - 1)) / 2;
  for (let made = 0; made < Math.min(pairs, maxPairs);) {
    if (befriend(person(pick(people)), person(pick(people)), made)) made++;
  }

  return {
    file: { accounts, friends, groups },
    stats: { accounts: accounts.length, groups: groups.length, memberships, friendships: friends.length },
    bigGroupIds,
  };
}

/** Writes the big world as compact JSON to `path`; returns what it holds. */
export async function writeBigWorld(path: string, options: BigWorldOptions = {}): Promise<BigWorld & { readonly bytes: number }> {
  const world = bigWorld(options);
  const text = JSON.stringify(world.file);
  await writeFile(path, text);
  return { ...world, bytes: Buffer.byteLength(text) };
}
