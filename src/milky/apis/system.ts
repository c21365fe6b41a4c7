import { WorldError } from '../../world/errors.js';
import { defineApi, type MilkyApiSpec } from '../api.js';
import { EntityViews, memberEntity } from '../entities.js';

/** QQ shows at most this many favourite stickers; get_custom_face_url_list returns them all. */
const customFaceLimit = 300;

/**
 * Milky's system APIs: who the bot is, its friends and groups as it sees them (remarks,
 * categories, its own group remarks), and its own profile. Friends and groups are the world's,
 * so a change made through OneBot (a new card, a renamed group) shows here at once.
 */
export const systemApis: MilkyApiSpec[] = [
  defineApi('system', 'get_login_info', 'The account the Milky server belongs to', async (ctx) => {
    const account = await ctx.world.accounts.require(ctx.selfId);
    return { uin: account.userId, nickname: account.nickname };
  }),
  defineApi('system', 'get_impl_info', 'Catnap as the implementation (Milky 1.2 over a simulated QQ)', async (ctx) => ({
    impl_name: ctx.services.info.implName,
    impl_version: ctx.services.info.implVersion,
    qq_protocol_version: 'catnap-world',
    qq_protocol_type: 'linux' as const,
    milky_version: '1.2',
  })),
  defineApi('system', 'get_user_profile', "Any account's profile, with the caller's remark for it", async (ctx, input) => {
    const account = await ctx.world.accounts.require(input.user_id);
    const friendship = await ctx.world.friends.get(ctx.selfId, input.user_id);
    return {
      nickname: account.nickname,
      qid: '',
      age: account.age,
      sex: account.sex,
      remark: friendship?.remark ?? '',
      bio: account.longNick,
      level: account.level,
      country: '',
      city: '',
      school: '',
    };
  }),
  defineApi('system', 'get_friend_list', 'The friends of the account, with remarks and categories', async (ctx) => {
    const views = new EntityViews(ctx.world, ctx.selfId);
    const friends = [];
    for (const friendship of await ctx.world.friends.list(ctx.selfId)) {
      const friend = await views.friend(friendship.friendId);
      if (friend) friends.push(friend);
    }
    return { friends };
  }),
  defineApi('system', 'get_friend_info', 'One friend of the account', async (ctx, input) => {
    if (!(await ctx.world.friends.get(ctx.selfId, input.user_id))) {
      throw new WorldError('NOT_FRIENDS', `user ${input.user_id} is not a friend of account ${ctx.selfId}`, { userId: input.user_id });
    }
    const friend = await new EntityViews(ctx.world, ctx.selfId).friend(input.user_id);
    if (!friend) throw new WorldError('USER_NOT_FOUND', `user ${input.user_id} does not exist`);
    return { friend };
  }),
  defineApi('system', 'get_group_list', 'The groups the account is in', async (ctx) => {
    const views = new EntityViews(ctx.world, ctx.selfId);
    const groups = [];
    for (const group of await ctx.world.groups.listFor(ctx.selfId)) groups.push(await views.groupEntity(group));
    return { groups };
  }),
  defineApi('system', 'get_group_info', 'Any existing group (as QQ’s group search shows it)', async (ctx, input) => {
    const group = await ctx.world.groups.require(input.group_id);
    return { group: await new EntityViews(ctx.world, ctx.selfId).groupEntity(group) };
  }),
  defineApi('system', 'get_group_member_list', 'The members of a group the account is in', async (ctx, input) => {
    await ctx.world.groups.requireSelf(input.group_id, ctx.selfId);
    const views = new EntityViews(ctx.world, ctx.selfId);
    const members = [];
    for (const member of await ctx.world.groups.members(input.group_id)) {
      members.push(memberEntity(member, await views.account(member.userId), views.now));
    }
    return { members };
  }),
  defineApi('system', 'get_group_member_info', 'One member of a group the account is in', async (ctx, input) => {
    await ctx.world.groups.requireSelf(input.group_id, ctx.selfId);
    const member = await ctx.world.groups.requireMember(input.group_id, input.user_id);
    const views = new EntityViews(ctx.world, ctx.selfId);
    return { member: memberEntity(member, await views.account(member.userId), views.now) };
  }),
  defineApi('system', 'get_peer_pins', 'Pinned friends and groups, most recent first (not temp chats)', async (ctx) => {
    const views = new EntityViews(ctx.world, ctx.selfId);
    const friends = [];
    const groups = [];
    for (const pin of await ctx.world.conversations.pins(ctx.selfId)) {
      if (pin.kind === 'group') {
        // A group the account left is none of its groups (get_group_list leaves it out too); the
        // world keeps the pin, so it is listed again once the account is back.
        if (!(await ctx.world.groups.findMember(pin.peerId, ctx.selfId))) continue;
        const group = await views.group(pin.peerId);
        if (group) groups.push(group);
      } else if (ctx.world.friends.areFriends(ctx.selfId, pin.peerId)) {
        // The spec has pinned friends and pinned groups only. A private chat with someone who is
        // not a mutual friend (never was, or no longer is) is a temp chat, as peer_pin_change and
        // its messages say: no friend entry to make up for it. Its pin stays for when they are.
        const friend = await views.friend(pin.peerId);
        if (friend) friends.push(friend);
      }
    }
    return { friends, groups };
  }),
  defineApi('system', 'set_peer_pin', 'Pin or unpin a chat (a group the account is in, or a private chat)', async (ctx, input) => {
    const ref =
      input.message_scene === 'group'
        ? { type: 'group' as const, groupId: input.peer_id }
        : { type: 'private' as const, userId: input.peer_id };
    await ctx.world.conversations.setPinned(ctx.selfId, ref, input.is_pinned);
  }),
  defineApi('system', 'set_avatar', "Set the account's avatar (served by Catnap from then on)", async (ctx, input) => {
    await ctx.world.profiles.setAvatar(ctx.selfId, input.uri);
  }),
  defineApi('system', 'set_nickname', "Set the account's nickname", async (ctx, input) => {
    await ctx.world.profiles.setProfile(ctx.selfId, { nickname: input.new_nickname });
  }),
  defineApi('system', 'set_bio', "Set the account's signature (long nick)", async (ctx, input) => {
    await ctx.world.profiles.setLongNick(ctx.selfId, input.new_bio);
  }),
  defineApi('system', 'get_custom_face_url_list', "The account's favourite stickers (served by Catnap)", async (ctx) => {
    const faces = await ctx.world.favorites.listCustomFaces(ctx.selfId, customFaceLimit);
    return { urls: faces.map((face) => ctx.services.urls.media(face.blobId, face.name)) };
  }),
  defineApi('system', 'get_cookies', "The account's QQ web cookies for a domain (stable per account and domain)", async (ctx, input) => {
    return { cookies: (await ctx.world.credentials.credentials(ctx.selfId, input.domain)).cookies };
  }),
  defineApi('system', 'get_csrf_token', "QQ's CSRF token (bkn) that matches the cookies", async (ctx) => {
    return { csrf_token: String((await ctx.world.credentials.credentials(ctx.selfId)).csrfToken) };
  }),
];
