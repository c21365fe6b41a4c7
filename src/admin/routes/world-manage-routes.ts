import { Type } from '@sinclair/typebox';
import { stringify as toYaml } from 'yaml';
import { exportWorld } from '../../world/world-export.js';
import { AdminError } from '../admin-errors.js';
import type { AdminRoute } from '../admin-route.js';
import { parseBody } from '../validate.js';
import { accountView, groupView, memberView } from './world-views.js';
import { idParam } from './world-routes.js';

/**
 * World management as the world itself (the console's "god mode"): these changes are not bound
 * by QQ's permission rules, like a world file. To do the same thing *as an account*, with QQ's
 * rules (an admin muting a member, ...), use `act` with the OneBot action instead.
 */
const tag = 'world';
const strict = { additionalProperties: false } as const;

const AccountPatch = Type.Object(
  {
    nickname: Type.Optional(Type.String({ minLength: 1 })),
    bot: Type.Optional(Type.Boolean()),
    sex: Type.Optional(Type.Union([Type.Literal('male'), Type.Literal('female'), Type.Literal('unknown')])),
    age: Type.Optional(Type.Integer({ minimum: 0 })),
    long_nick: Type.Optional(Type.String()),
    level: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  strict,
);

const GroupPatch = Type.Object(
  {
    group_name: Type.Optional(Type.String({ minLength: 1 })),
    whole_mute: Type.Optional(Type.Boolean()),
    max_member_count: Type.Optional(Type.Integer({ minimum: 2, maximum: 3000 })),
    owner_id: Type.Optional(Type.Integer({ minimum: 10000 })),
  },
  strict,
);

const NewMember = Type.Object(
  { user_id: Type.Integer({ minimum: 10000 }), role: Type.Optional(Type.Union([Type.Literal('admin'), Type.Literal('member')])) },
  strict,
);

const MemberPatch = Type.Object(
  {
    role: Type.Optional(Type.Union([Type.Literal('admin'), Type.Literal('member')])),
    card: Type.Optional(Type.String()),
    title: Type.Optional(Type.String()),
    /** Seconds from now; 0 lifts a mute. */
    mute_seconds: Type.Optional(Type.Integer({ minimum: 0, maximum: 30 * 24 * 3600 })),
  },
  strict,
);

const groupIdOf = (request: { params: unknown }) => idParam((request.params as { group_id: string }).group_id, 'group_id');
const userIdOf = (request: { params: unknown }) => idParam((request.params as { user_id: string }).user_id, 'user_id');

export const worldManageRoutes: AdminRoute[] = [
  {
    method: 'PATCH',
    url: '/api/world/accounts/:user_id',
    summary: "Change an account's profile (nickname, sex, age, long_nick, level, bot)",
    tag,
    body: AccountPatch,
    async handler(request, _reply, { world }) {
      const userId = userIdOf(request);
      const body = parseBody(AccountPatch, request.body);
      await world.accounts.require(userId);
      const account = await world.accounts.update(userId, {
        nickname: body.nickname,
        isBot: body.bot,
        sex: body.sex,
        age: body.age,
        longNick: body.long_nick,
        level: body.level,
      });
      return accountView(account);
    },
  },
  {
    method: 'DELETE',
    url: '/api/world/friends/:user_id/:friend_id',
    summary: 'End a friendship (both sides)',
    tag,
    async handler(request, _reply, { world }) {
      const userId = userIdOf(request);
      const friendId = idParam((request.params as { friend_id: string }).friend_id, 'friend_id');
      await Promise.all([world.accounts.require(userId), world.accounts.require(friendId)]);
      await world.friends.unfriend(userId, friendId);
      return { user_id: userId, friend_id: friendId, removed: true };
    },
  },
  {
    method: 'PATCH',
    url: '/api/world/groups/:group_id',
    summary: 'Rename a group, mute it as a whole, resize it or hand it to another member',
    tag,
    body: GroupPatch,
    async handler(request, _reply, { world }) {
      const groupId = groupIdOf(request);
      const body = parseBody(GroupPatch, request.body);
      await world.groups.require(groupId);
      if (body.owner_id !== undefined) await world.groups.transferOwner(groupId, body.owner_id);
      if (body.group_name !== undefined) await world.groups.rename('world', groupId, body.group_name);
      if (body.whole_mute !== undefined) await world.groups.setWholeMute('world', groupId, body.whole_mute);
      if (body.max_member_count !== undefined) {
        const count = await world.groups.memberCount(groupId);
        if (body.max_member_count < count) {
          throw new AdminError(
            400,
            'BAD_REQUEST',
            `group ${groupId} has ${count} members, more than max_member_count ${body.max_member_count}`,
          );
        }
        await world.groups.update(groupId, { maxMembers: body.max_member_count });
      }
      return groupView(await world.groups.require(groupId), await world.groups.members(groupId));
    },
  },
  {
    method: 'DELETE',
    url: '/api/world/groups/:group_id',
    summary: 'Dismiss a group (every member gets group_decrease "disband")',
    tag,
    async handler(request, _reply, { world }) {
      const groupId = groupIdOf(request);
      await world.groups.dismiss('world', groupId);
      return { group_id: groupId, dismissed: true };
    },
  },
  {
    method: 'POST',
    url: '/api/world/groups/:group_id/members',
    summary: 'Add an account to a group (as if the owner approved it)',
    tag,
    body: NewMember,
    async handler(request, reply, { world }) {
      const groupId = groupIdOf(request);
      const body = parseBody(NewMember, request.body);
      const member = await world.groups.addMember(groupId, body.user_id, { ...(body.role && { role: body.role }) });
      reply.code(201);
      return memberView(member);
    },
  },
  {
    method: 'PATCH',
    url: '/api/world/groups/:group_id/members/:user_id',
    summary: "Change a member's role (admin/member), card, special title or mute (mute_seconds, 0 lifts it)",
    tag,
    body: MemberPatch,
    async handler(request, _reply, { world }) {
      const groupId = groupIdOf(request);
      const userId = userIdOf(request);
      const body = parseBody(MemberPatch, request.body);
      await world.groups.requireMember(groupId, userId);
      if (body.role !== undefined) await world.groups.setAdmin('world', groupId, userId, body.role === 'admin');
      if (body.card !== undefined) await world.groups.setCard('world', groupId, userId, body.card);
      if (body.title !== undefined) await world.groups.setTitle('world', groupId, userId, body.title);
      if (body.mute_seconds !== undefined) await world.groups.mute('world', groupId, userId, body.mute_seconds);
      return memberView(await world.groups.requireMember(groupId, userId));
    },
  },
  {
    method: 'DELETE',
    url: '/api/world/groups/:group_id/members/:user_id',
    summary: 'Remove a member from a group (group_decrease "kick" by the owner)',
    tag,
    async handler(request, _reply, { world }) {
      const groupId = groupIdOf(request);
      const userId = userIdOf(request);
      await world.groups.kick('world', groupId, userId);
      return { group_id: groupId, user_id: userId, removed: true };
    },
  },
  {
    method: 'GET',
    url: '/api/world/export',
    summary: 'The current world as a world file (JSON; ?format=yaml for YAML), with every OneBot and Milky config',
    tag,
    async handler(request, reply, { world, hooks }) {
      const file = await exportWorld(
        world,
        hooks.readOnebotConfig && (async (userId) => (await hooks.readOnebotConfig!(userId)) ?? undefined),
        hooks.readMilkyConfig && (async (userId) => (await hooks.readMilkyConfig!(userId)) ?? undefined),
      );
      const yaml = (request.query as { format?: string }).format === 'yaml';
      reply.header('content-disposition', `attachment; filename="catnap-world.${yaml ? 'yaml' : 'json'}"`);
      if (!yaml) return file;
      return reply.type('application/yaml').send(toYaml(file));
    },
  },
];
