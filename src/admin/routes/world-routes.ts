import { worldApi } from '../../contract/admin/world.js';
import { applyWorldFile, protocolConfigProblems, type ApplyOptions, type ApplySummary, type WorldFile } from '../../world/world-file.js';
import { describeAdapterFailures } from '../adapter-failures.js';
import { AdminError } from '../admin-errors.js';
import { implement, type AdminDeps, type NewProtocolConfig } from '../admin-route.js';
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
    // Checked in the unit that creates it: two creates at once both passed a check made before,
    // and the second, applied as a world file, overwrote the first's account and answered 201.
    const check = () => {
      if (deps.world.accounts.find(account.user_id)) {
        throw new AdminError(409, 'ALREADY_EXISTS', `user ${account.user_id} already exists`);
      }
    };
    const summary = await applyWorldFile(deps.world, { accounts: [account] }, { ...applyOptions(deps), check });
    await writeConfigs(deps, summary, `account ${account.user_id} was created`);
    return accountView(await deps.world.accounts.require(account.user_id));
  },

  async listGroups(_request, _reply, { world }) {
    const groups = await world.groups.list();
    return Promise.all(groups.map(async (group) => groupView(group, await world.groups.members(group.groupId))));
  },

  async createGroup(request, _reply, { world }) {
    const group = request.body;
    // In the unit that creates it, as for an account.
    const check = () => {
      if (world.groups.find(group.group_id)) throw new AdminError(409, 'ALREADY_EXISTS', `group ${group.group_id} already exists`);
    };
    await applyWorldFile(world, { groups: [group] }, { check });
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
    await writeConfigs(deps, summary, 'the world file was applied');
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
 * this server would refuse, or whose servers would listen on a port another configured server
 * (or another of its own) takes, changes nothing.
 */
function applyOptions(deps: AdminDeps): ApplyOptions {
  const { validateOnebotConfig, validateMilkyConfig, writeOnebotConfig, writeMilkyConfig, portClashes } = deps.hooks;
  return {
    moreProblems: (file) => {
      const problems = protocolConfigProblems(file, {
        ...(validateOnebotConfig && writeOnebotConfig && { onebot: (config, source) => validateOnebotConfig(config, source) }),
        ...(validateMilkyConfig && writeMilkyConfig && { milky: (config, source) => validateMilkyConfig(config, source) }),
      });
      return problems.length > 0 || !portClashes ? problems : portClashes(protocolConfigsOf(file));
    },
  };
}

function protocolConfigsOf(file: WorldFile): NewProtocolConfig[] {
  return (file.accounts ?? []).flatMap((account, index) =>
    (['onebot', 'milky'] as const).flatMap((kind) =>
      account[kind] === undefined ? [] : [{ userId: account.user_id, kind, config: account[kind], path: `accounts.${index}.${kind}` }],
    ),
  );
}

const kindNames = { onebot: 'OneBot', milky: 'Milky' } as const;

/**
 * Writes (and applies) every protocol config of an applied file, after its unit committed. The
 * world change stands whatever happens here, so one account's failure does not stop the others'
 * configs being written, and the answer says what happened to each instead of a 400 that would
 * read as "nothing was changed".
 */
async function writeConfigs(deps: AdminDeps, summary: ApplySummary, done: string): Promise<void> {
  const failed: string[] = [];
  const unsaved: string[] = [];
  for (const kind of ['onebot', 'milky'] as const) {
    const write = kind === 'onebot' ? deps.hooks.writeOnebotConfig : deps.hooks.writeMilkyConfig;
    for (const { userId, config } of summary[kind]) {
      const what = `account ${userId}'s ${kindNames[kind]} config`;
      if (!write) {
        unsaved.push(`${what}: this server cannot write ${kindNames[kind]} configs`);
        continue;
      }
      try {
        const failures = await write(userId, config);
        if (failures.length > 0) failed.push(`${what}: ${describeAdapterFailures(failures)}`);
      } catch (error) {
        unsaved.push(`${what}: ${(error as Error).message}`);
      }
    }
  }
  if (unsaved.length > 0) {
    const problems = [...unsaved, ...failed];
    throw new AdminError(
      500,
      'CONFIG_NOT_SAVED',
      `${done}, but ${oneOrMany(problems, 'some of its configs could not be saved')}`,
      problems,
    );
  }
  if (failed.length > 0) {
    throw new AdminError(
      409,
      'ADAPTER_FAILED',
      `${done} and every config saved, but ${oneOrMany(failed, 'some adapters could not start')}`,
      failed,
    );
  }
}

/** The one problem itself, or what they have in common (each is in `problems`). */
const oneOrMany = (problems: readonly string[], many: string) => (problems.length === 1 ? problems[0]! : many);
