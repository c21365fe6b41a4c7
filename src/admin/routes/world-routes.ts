import { Type } from '@sinclair/typebox';
import { parse as parseYaml } from 'yaml';
import { WorldFileAccount, WorldFileFriend, WorldFileGroup, applyWorldFile } from '../../world/world-file.js';
import { AdminError } from '../admin-errors.js';
import type { AdminRoute } from '../admin-route.js';
import { parseBody } from '../validate.js';
import { accountView, groupView } from './world-views.js';

const tag = 'world';

/** Reads `:user_id`-style path params as positive integers. */
export function idParam(value: unknown, name: string): number {
  const id = Number(value);
  if (!Number.isSafeInteger(id) || id <= 0)
    throw new AdminError(400, 'BAD_REQUEST', `${name} must be a positive integer, got ${String(value)}`);
  return id;
}

export const worldRoutes: AdminRoute[] = [
  {
    method: 'GET',
    url: '/api/world/accounts',
    summary: 'List every account of the world',
    tag,
    async handler(_request, _reply, { world }) {
      return (await world.accounts.list()).map(accountView);
    },
  },
  {
    method: 'GET',
    url: '/api/world/accounts/:user_id',
    summary: 'One account, with its friends and groups',
    tag,
    async handler(request, _reply, { world }) {
      const userId = idParam((request.params as { user_id: string }).user_id, 'user_id');
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
  },
  {
    method: 'POST',
    url: '/api/world/accounts',
    summary: 'Create an account (same fields as a world file account)',
    tag,
    body: WorldFileAccount,
    async handler(request, reply, deps) {
      const body = parseBody(WorldFileAccount, request.body);
      if (await deps.world.accounts.find(body.user_id)) {
        throw new AdminError(409, 'ALREADY_EXISTS', `user ${body.user_id} already exists`);
      }
      await applyWorldFile(deps.world, { accounts: [body] });
      if (body.onebot !== undefined) await writeOnebot(deps, body.user_id, body.onebot);
      if (body.milky !== undefined) await writeMilky(deps, body.user_id, body.milky);
      reply.code(201);
      return accountView(await deps.world.accounts.require(body.user_id));
    },
  },
  {
    method: 'GET',
    url: '/api/world/groups',
    summary: 'List every group with its members',
    tag,
    async handler(_request, _reply, { world }) {
      const groups = await world.groups.list();
      return Promise.all(groups.map(async (group) => groupView(group, await world.groups.members(group.groupId))));
    },
  },
  {
    method: 'POST',
    url: '/api/world/groups',
    summary: 'Create a group (same fields as a world file group)',
    tag,
    body: WorldFileGroup,
    async handler(request, reply, { world }) {
      const body = parseBody(WorldFileGroup, request.body);
      if (await world.groups.find(body.group_id)) throw new AdminError(409, 'ALREADY_EXISTS', `group ${body.group_id} already exists`);
      await applyWorldFile(world, { groups: [body] });
      reply.code(201);
      return groupView(await world.groups.require(body.group_id), await world.groups.members(body.group_id));
    },
  },
  {
    method: 'POST',
    url: '/api/world/friends',
    summary: 'Make two accounts friends (same fields as a world file friendship)',
    tag,
    body: WorldFileFriend,
    async handler(request, _reply, { world }) {
      const body = parseBody(WorldFileFriend, request.body);
      await applyWorldFile(world, { friends: [body] });
      const [forward, reverse] = await Promise.all([
        world.friends.get(body.user_id, body.friend_id),
        world.friends.get(body.friend_id, body.user_id),
      ]);
      return {
        user_id: body.user_id,
        friend_id: body.friend_id,
        remark: forward?.remark ?? '',
        category_id: forward?.categoryId ?? 0,
        reverse_remark: reverse?.remark ?? '',
        reverse_category_id: reverse?.categoryId ?? 0,
      };
    },
  },
  {
    method: 'POST',
    url: '/api/world/apply',
    summary: 'Apply a world file (JSON, or YAML with Content-Type application/yaml); idempotent',
    tag,
    body: Type.Object({}, { description: 'A world file; see the README' }),
    async handler(request, _reply, deps) {
      const input = typeof request.body === 'string' ? parseYamlBody(request.body) : request.body;
      const summary = await applyWorldFile(deps.world, input);
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
  },
];

function parseYamlBody(text: string): unknown {
  try {
    return parseYaml(text);
  } catch (error) {
    throw new AdminError(400, 'BAD_REQUEST', `the body is not valid YAML: ${(error as Error).message}`);
  }
}

async function writeOnebot(deps: Parameters<AdminRoute['handler']>[2], userId: number, config: unknown): Promise<void> {
  if (!deps.hooks.writeOnebotConfig) throw new AdminError(501, 'UNSUPPORTED', 'this server cannot write OneBot configs');
  try {
    await deps.hooks.writeOnebotConfig(userId, config);
  } catch (error) {
    throw new AdminError(400, 'BAD_ONEBOT_CONFIG', (error as Error).message);
  }
}

async function writeMilky(deps: Parameters<AdminRoute['handler']>[2], userId: number, config: unknown): Promise<void> {
  if (!deps.hooks.writeMilkyConfig) throw new AdminError(501, 'UNSUPPORTED', 'this server cannot write Milky configs');
  try {
    await deps.hooks.writeMilkyConfig(userId, config);
  } catch (error) {
    throw new AdminError(400, 'BAD_MILKY_CONFIG', (error as Error).message);
  }
}
