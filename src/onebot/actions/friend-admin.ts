import { Type } from '@sinclair/typebox';
import { defineAction, type AnyActionSpec } from '../action.js';
import { badParams } from '../error-catalogue.js';
import { P } from '../schema.js';
import { uidOf } from '../../world/services/account-service.js';

/** Friend-list changes of go-cqhttp and NapCat, and the private-chat "typing" status. */
export const friendAdminActions: AnyActionSpec[] = [
  defineAction({
    name: 'delete_friend',
    origin: 'go-cqhttp',
    summary: "Remove a friend from the caller's list",
    description:
      'As in QQ, the other side keeps the caller in its list (a one-way friend, see get_unidirectional_friend_list) unless `temp_both_del` is true. `temp_block` also refuses their later friend requests.',
    params: P.object({
      friend_id: P.optional(P.id('QQ number of the friend')),
      user_id: P.optional(P.id('Alias of friend_id')),
      temp_block: P.optional(P.bool('Block them: refuse their later friend requests', false)),
      temp_both_del: P.optional(P.bool('Remove the caller from their list too', false)),
    }),
    result: Type.Null(),
    async handler(ctx, params) {
      const friendId = params.friend_id ?? params.user_id;
      if (friendId === undefined) throw badParams('friend_id: is required (or user_id)');
      await ctx.world.accounts.require(friendId);
      // One unit: a block that fails must not leave the friend removed, nor announce it.
      await ctx.world.transaction((tx) => {
        ctx.world.friends.unfriendIn(tx, ctx.selfId, friendId, !(params.temp_both_del ?? false));
        if (params.temp_block) ctx.world.requests.blockFriendIn(tx, ctx.selfId, friendId);
      });
      return null;
    },
  }),
  defineAction({
    name: 'set_friend_remark',
    origin: 'napcat',
    summary: "Set the caller's remark for a friend (empty clears it)",
    params: P.object({ user_id: P.id('QQ number of the friend'), remark: P.str('The remark', { maxLength: 90 }) }),
    result: Type.Null(),
    async handler(ctx, params) {
      await ctx.world.accounts.require(params.user_id);
      await ctx.world.friends.setRemark(ctx.selfId, params.user_id, params.remark);
      return null;
    },
  }),
  defineAction({
    name: 'get_unidirectional_friend_list',
    origin: 'go-cqhttp',
    summary: 'Accounts that keep the caller in their friend list while the caller removed them',
    params: P.none(),
    result: Type.Array(
      Type.Object({ uin: Type.Integer(), uid: Type.String(), nick_name: Type.String(), age: Type.Integer(), source: Type.String() }),
    ),
    async handler(ctx) {
      const followers = await ctx.world.friends.oneWayFollowers(ctx.selfId);
      const accounts = await ctx.world.accounts.getMany(followers.map((friendship) => friendship.ownerId));
      return followers.flatMap((friendship) => {
        const account = accounts.get(friendship.ownerId);
        return account
          ? [{ uin: account.userId, uid: uidOf(account.userId), nick_name: account.nickname, age: account.age, source: '' }]
          : [];
      });
    },
  }),
  defineAction({
    name: 'delete_unidirectional_friend',
    origin: 'go-cqhttp',
    summary: 'Drop a one-way friend (an account from get_unidirectional_friend_list): it no longer lists the caller',
    params: P.object({ user_id: P.id('QQ number of the one-way friend') }),
    result: Type.Null(),
    async handler(ctx, params) {
      await ctx.world.friends.dropFollower(ctx.selfId, params.user_id);
      return null;
    },
  }),
  defineAction({
    name: 'set_friend_category',
    origin: 'llbot',
    summary: 'Move a friend to another of the caller’s categories (get_friends_with_category lists them; 0 is the default)',
    params: P.object({ user_id: P.id('QQ number of the friend'), category_id: P.int('Category id', { minimum: 0 }) }),
    result: Type.Null(),
    async handler(ctx, params) {
      await ctx.world.friends.setCategory(ctx.selfId, params.user_id, params.category_id);
      return null;
    },
  }),
  defineAction({
    name: 'set_input_status',
    origin: 'napcat',
    summary: 'Show "typing..." (event_type 1) or "speaking..." (0) to a friend or group-mate',
    description: 'The target receives a notify input_status notice; any other event_type clears the status (empty status_text).',
    params: P.object({
      user_id: P.id('QQ number of the chat partner'),
      event_type: P.int('1 typing, 0 speaking, other values clear', { minimum: 0 }),
    }),
    result: Type.Null(),
    async handler(ctx, params) {
      await ctx.world.inputStatus.set(ctx.selfId, params.user_id, params.event_type);
      return null;
    },
  }),
];
