import { worldApi } from '../../contract/admin/world.js';
import { applyWorldFile, protocolConfigProblems, type ApplyOptions } from '../../world/world-file.js';
import { AdminError } from '../admin-errors.js';
import { implement, type AdminDeps } from '../admin-route.js';
import { accountView, groupView } from './world-views.js';

/** Reading the world and adding to it with world-file pieces (paths used by scripts outside the repository). */
export const worldRoutes = implement(worldApi, {
  async listAccounts(_request, _reply, { world }) {
    return (await world.accounts.list()).map(accountView);
  },

  async getAccount(request, _reply, { world }) {
    const userId = request.params.user_id;
    const account = await world.accounts.require(userId);
    const [friends, groups, categories] = await Promise.all([
      world.friends.list(userId),
      world.groups.listFor(userId),
      world.friends.categories(userId),
    ]);
    return {
      ...accountView(account),
      categories: categories.map((category) => ({ category_id: category.categoryId, name: category.name, sort_id: category.sortId })),
      friends: friends.map((friend) => ({ user_id: friend.friendId, remark: friend.remark, category_id: friend.categoryId })),
      groups: groups.map((group) => ({ group_id: group.groupId, group_name: group.name })),
    };
  },

  async createAccount(request, _reply, deps) {
    const account = request.body;
    if (await deps.world.accounts.find(account.user_id)) {
      throw new AdminError(409, 'ALREADY_EXISTS', `user ${account.user_id} already exists`);
    }
    await applyWorldFile(deps.world, { accounts: [account] }, applyOptions(deps));
    if (account.onebot !== undefined) await writeOnebot(deps, account.user_id, account.onebot);
    if (account.milky !== undefined) await writeMilky(deps, account.user_id, account.milky);
    return accountView(await deps.world.accounts.require(account.user_id));
  },

  async listGroups(_request, _reply, { world }) {
    const groups = await world.groups.list();
    return Promise.all(groups.map(async (group) => groupView(group, await world.groups.members(group.groupId))));
  },

  async createGroup(request, _reply, { world }) {
    const group = request.body;
    if (await world.groups.find(group.group_id)) throw new AdminError(409, 'ALREADY_EXISTS', `group ${group.group_id} already exists`);
    await applyWorldFile(world, { groups: [group] });
    return groupView(await world.groups.require(group.group_id), await world.groups.members(group.group_id));
  },

  async befriend(request, _reply, { world }) {
    const friendship = request.body;
    await applyWorldFile(world, { friends: [friendship] });
    const [forward, reverse] = await Promise.all([
      world.friends.get(friendship.user_id, friendship.friend_id),
      world.friends.get(friendship.friend_id, friendship.user_id),
    ]);
    return {
      user_id: friendship.user_id,
      friend_id: friendship.friend_id,
      remark: forward?.remark ?? '',
      category_id: forward?.categoryId ?? 0,
      reverse_remark: reverse?.remark ?? '',
      reverse_category_id: reverse?.categoryId ?? 0,
    };
  },

  async apply(request, _reply, deps) {
    const summary = await applyWorldFile(deps.world, request.body, applyOptions(deps));
    for (const { userId, config } of summary.onebot) await writeOnebot(deps, userId, config);
    for (const { userId, config } of summary.milky) await writeMilky(deps, userId, config);
    return {
      accounts_created: summary.accountsCreated,
      accounts_updated: summary.accountsUpdated,
      friendships: summary.friendships,
      groups_created: summary.groupsCreated,
      groups_updated: summary.groupsUpdated,
      onebot_configs_written: summary.onebot.map((entry) => entry.userId),
      milky_configs_written: summary.milky.map((entry) => entry.userId),
    };
  },
});

/**
 * Configs are checked with the rest of the file, before anything is applied: a file whose config
 * this server would refuse (or cannot write) changes nothing.
 */
function applyOptions(deps: AdminDeps): ApplyOptions {
  const { validateOnebotConfig, validateMilkyConfig, writeOnebotConfig, writeMilkyConfig } = deps.hooks;
  return {
    moreProblems: (file) =>
      protocolConfigProblems(file, {
        ...(validateOnebotConfig && writeOnebotConfig && { onebot: (config, source) => validateOnebotConfig(config, source) }),
        ...(validateMilkyConfig && writeMilkyConfig && { milky: (config, source) => validateMilkyConfig(config, source) }),
      }),
  };
}

/** The world file's per-account protocol configs, each written (and applied) through its hook. */
const configKinds = {
  onebot: { hook: 'writeOnebotConfig', name: 'OneBot', code: 'BAD_ONEBOT_CONFIG' },
  milky: { hook: 'writeMilkyConfig', name: 'Milky', code: 'BAD_MILKY_CONFIG' },
} as const;

async function writeConfig(deps: AdminDeps, kind: keyof typeof configKinds, userId: number, config: unknown): Promise<void> {
  const { hook, name, code } = configKinds[kind];
  const write = deps.hooks[hook];
  if (!write) throw new AdminError(501, 'UNSUPPORTED', `this server cannot write ${name} configs`);
  try {
    await write(userId, config);
  } catch (error) {
    throw new AdminError(400, code, (error as Error).message);
  }
}

const writeOnebot = (deps: AdminDeps, userId: number, config: unknown) => writeConfig(deps, 'onebot', userId, config);
const writeMilky = (deps: AdminDeps, userId: number, config: unknown) => writeConfig(deps, 'milky', userId, config);
