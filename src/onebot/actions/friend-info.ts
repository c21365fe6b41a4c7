import { Type } from '@sinclair/typebox';
import { actionResults } from '../../contract/onebot/results.js';
import { GocqFriendInfo, LlbotFriendInfo } from '../../contract/onebot/users.js';
import { defineAction, type AnyActionSpec } from '../action.js';
import { P } from '../schema.js';
import { isShownOnline, toLlbotFriend, toOb11Friend, toOb11Stranger } from '../shapes/user.js';
import type { ActionContext } from '../action.js';

const noCache = P.optional(P.bool('Ignored: Catnap has no cache to bypass, every answer is current'));

async function friendsOf(ctx: ActionContext) {
  const friendships = await ctx.world.friends.list(ctx.selfId);
  const accounts = await ctx.world.accounts.getMany(friendships.map((friendship) => friendship.friendId));
  return friendships.flatMap((friendship) => {
    const account = accounts.get(friendship.friendId);
    return account ? [{ friendship, account }] : [];
  });
}

export const friendInfoActions: AnyActionSpec[] = [
  defineAction({
    name: 'get_friend_list',
    origin: 'onebot11',
    summary: "The account's friends",
    params: P.object({ no_cache: noCache }),
    result: actionResults.get_friend_list,
    async handler(ctx) {
      return (await friendsOf(ctx)).map(({ account, friendship }) => toOb11Friend(account, friendship));
    },
    dialects: {
      llbot: {
        note: 'Each friend is `{user_id, nickname, remark, sex, birthday_year, birthday_month, birthday_day, age, qid, long_nick}`; an empty remark reads as the nickname.',
        result: Type.Array(LlbotFriendInfo),
        handler: async (ctx) => (await friendsOf(ctx)).map(({ account, friendship }) => toLlbotFriend(account, friendship)),
      },
      'go-cqhttp': {
        note: 'Each friend is `{user_id, nickname, remark}` only.',
        result: Type.Array(GocqFriendInfo),
        reshape: (data) => data.map(({ user_id, nickname, remark }) => ({ user_id, nickname, remark })),
      },
    },
  }),
  defineAction({
    name: 'get_friends_with_category',
    origin: 'napcat',
    summary: "The account's friends grouped by friend category",
    params: P.object({ no_cache: noCache }),
    result: actionResults.get_friends_with_category,
    async handler(ctx) {
      const [categories, friends] = await Promise.all([ctx.world.friends.categories(ctx.selfId), friendsOf(ctx)]);
      return categories.map((category) => {
        const members = friends.filter(({ friendship }) => friendship.categoryId === category.categoryId);
        return {
          categoryId: category.categoryId,
          categorySortId: category.sortId,
          categoryName: category.name,
          categoryMbCount: members.length,
          onlineCount: members.filter(({ account }) => isShownOnline(account)).length,
          buddyList: members.map(({ account, friendship }) => toOb11Friend(account, friendship)),
        };
      });
    },
  }),
  defineAction({
    name: 'get_stranger_info',
    origin: 'onebot11',
    summary: "Any account's public profile",
    params: P.object({ user_id: P.id('QQ number to look up'), no_cache: noCache }),
    result: actionResults.get_stranger_info,
    async handler(ctx, params) {
      const account = await ctx.world.accounts.require(params.user_id);
      const friendship = await ctx.world.friends.get(ctx.selfId, params.user_id);
      return toOb11Stranger(account, friendship?.remark ?? '', ctx.selfId);
    },
  }),
];
