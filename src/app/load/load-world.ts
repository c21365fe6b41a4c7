import type { CatnapClient } from '../remote/catnap-client.js';
import { RemoteError } from '../remote/catnap-client.js';
import { LoadOptionError, type LoadOptions } from './load-options.js';

/** QQ's largest group size (the world file's limit too); groups start at 500. */
const maxGroupSize = 3000;

/** The groups of a run, each with the synthetic people who speak in it. */
export interface LoadGroups {
  readonly groups: readonly { readonly groupId: number; readonly members: readonly number[] }[];
  readonly userIds: ReadonlySet<number>;
}

/**
 * Who is in which group: everyone is in every group while that stays small (a few busy groups),
 * else the people are dealt round-robin over the groups (many groups of their own regulars).
 * Every group has at least one speaker.
 */
export function planGroups(options: Pick<LoadOptions, 'selfIds' | 'groups' | 'users' | 'userBase' | 'groupBase'>): LoadGroups {
  const users = Array.from({ length: options.users }, (_, i) => options.userBase + i);
  const everyone = options.users * options.groups <= 50_000;
  const groups = Array.from({ length: options.groups }, (_, g) => {
    const members = everyone ? users : users.filter((_, i) => i % options.groups === g % options.groups);
    return { groupId: options.groupBase + g, members: members.length > 0 ? members : [users[g % users.length]!] };
  });
  const largest = Math.max(...groups.map((group) => group.members.length));
  const bots = options.selfIds.length;
  if (largest + bots > maxGroupSize)
    throw new LoadOptionError(
      `${largest} people and ${bots === 1 ? 'the bot' : `${bots} bots`} would not fit in one group (QQ's limit is ${maxGroupSize}); use more --groups`,
    );
  return { groups, userIds: new Set(users) };
}

/**
 * Creates the run's people and groups, or reuses them when an earlier run made them: one world
 * file through `POST /api/world/apply`, which is idempotent and all-or-nothing. Every bot joins
 * every group; the first member of each group owns it.
 */
export async function prepareWorld(client: CatnapClient, options: LoadOptions, plan: LoadGroups): Promise<void> {
  for (const selfId of options.selfIds) {
    try {
      await client.request('GET', `/api/world/accounts/${selfId}`);
    } catch (error) {
      if (error instanceof RemoteError && error.status === 404)
        throw new RemoteError(`account ${selfId} does not exist in this world; --self-id names the bots under test`, 404);
      throw error;
    }
  }
  const people = new Set(options.selfIds);
  const person = [...plan.userIds].find((userId) => people.has(userId));
  if (person !== undefined) throw new LoadOptionError(`bot ${person} is also one of the run's people; move --user-base`);
  const accounts = [...plan.userIds].map((userId) => ({ user_id: userId, nickname: `Load ${userId - options.userBase + 1}` }));
  const groups = plan.groups.map((group, index) => ({
    group_id: group.groupId,
    group_name: `Load ${index + 1}`,
    owner_id: group.members[0]!,
    members: [...options.selfIds, ...group.members.slice(1)],
    ...(group.members.length + options.selfIds.length > 500 && { max_member_count: maxGroupSize }),
  }));
  await client.post('/api/world/apply', { accounts, groups });
}
