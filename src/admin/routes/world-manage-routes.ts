import { stringify as toYaml } from 'yaml';
import { worldManageApi } from '../../contract/admin/world-manage.js';
import { exportWorld } from '../../world/world-export.js';
import { AdminError } from '../admin-errors.js';
import { implement } from '../admin-route.js';
import { accountView, groupView, memberView } from './world-views.js';

/**
 * World management as the world itself (the console's "god mode"): not bound by QQ's permission
 * rules, like a world file. Doing the same *as an account* goes through `act` instead.
 */
export const worldManageRoutes = implement(worldManageApi, {
  async patchAccount(request, _reply, { world }) {
    const userId = request.params.user_id;
    const patch = request.body;
    await world.accounts.require(userId);
    const account = await world.accounts.update(userId, {
      nickname: patch.nickname,
      isBot: patch.bot,
      sex: patch.sex,
      age: patch.age,
      longNick: patch.long_nick,
      level: patch.level,
    });
    return accountView(account);
  },

  async unfriend(request, _reply, { world }) {
    const { user_id: userId, friend_id: friendId } = request.params;
    await Promise.all([world.accounts.require(userId), world.accounts.require(friendId)]);
    await world.friends.unfriend(userId, friendId);
    return { user_id: userId, friend_id: friendId, removed: true as const };
  },

  async patchGroup(request, _reply, { world }) {
    const groupId = request.params.group_id;
    const patch = request.body;
    // One unit: a later field that is refused (too many members for the new maximum) must not
    // leave the earlier ones (a new owner, a new name) committed and announced.
    await world.transaction((tx) => {
      world.groups.require(groupId);
      if (patch.owner_id !== undefined) world.groups.transferOwnerIn(tx, groupId, patch.owner_id);
      if (patch.group_name !== undefined) world.groups.renameIn(tx, 'world', groupId, patch.group_name);
      if (patch.whole_mute !== undefined) world.groups.setWholeMuteIn(tx, 'world', groupId, patch.whole_mute);
      if (patch.max_member_count !== undefined) {
        const count = world.groups.memberCount(groupId);
        if (patch.max_member_count < count) {
          throw new AdminError(
            400,
            'BAD_REQUEST',
            `group ${groupId} has ${count} members, more than max_member_count ${patch.max_member_count}`,
          );
        }
        world.groups.updateIn(tx, groupId, { maxMembers: patch.max_member_count });
      }
    });
    return groupView(await world.groups.require(groupId), await world.groups.members(groupId));
  },

  async dismissGroup(request, _reply, { world }) {
    const groupId = request.params.group_id;
    await world.groups.dismiss('world', groupId);
    return { group_id: groupId, dismissed: true as const };
  },

  async addMember(request, _reply, { world }) {
    const { user_id: userId, role } = request.body;
    const member = await world.groups.addMember(request.params.group_id, userId, { ...(role && { role }) });
    return memberView(member);
  },

  async patchMember(request, _reply, { world }) {
    const { group_id: groupId, user_id: userId } = request.params;
    const patch = request.body;
    // One unit, so a refused field (the owner cannot be muted) leaves the others unchanged and unannounced.
    await world.transaction((tx) => {
      world.groups.requireMember(groupId, userId);
      if (patch.role !== undefined) world.groups.setAdminIn(tx, 'world', groupId, userId, patch.role === 'admin');
      if (patch.card !== undefined) world.groups.setCardIn(tx, 'world', groupId, userId, patch.card);
      if (patch.title !== undefined) world.groups.setTitleIn(tx, 'world', groupId, userId, patch.title);
      if (patch.mute_seconds !== undefined) world.groups.muteIn(tx, 'world', groupId, userId, patch.mute_seconds);
    });
    return memberView(await world.groups.requireMember(groupId, userId));
  },

  async removeMember(request, _reply, { world }) {
    const { group_id: groupId, user_id: userId } = request.params;
    await world.groups.kick('world', groupId, userId);
    return { group_id: groupId, user_id: userId, removed: true as const };
  },

  async exportWorld(request, reply, { world, hooks }) {
    const readConfig = hooks.readOnebotConfig;
    const readMilky = hooks.readMilkyConfig;
    const file = await exportWorld(
      world,
      readConfig && (async (userId) => (await readConfig(userId)) ?? undefined),
      readMilky && (async (userId) => (await readMilky(userId)) ?? undefined),
    );
    const yaml = request.query.format === 'yaml';
    reply.header('content-disposition', `attachment; filename="catnap-world.${yaml ? 'yaml' : 'json'}"`);
    if (!yaml) return file;
    return reply.type('application/yaml').send(toYaml(file));
  },
});
