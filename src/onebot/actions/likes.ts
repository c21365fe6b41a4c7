import { Type, type Static } from '@sinclair/typebox';
import { uidOf } from '../../world/services/account-service.js';
import { dailyLikeLimit } from '../../world/profile/like-service.js';
import type { LikeSummary } from '../../world/profile/records.js';
import type { Account } from '../../world/model.js';
import { defineAction, type ActionContext, type AnyActionSpec } from '../action.js';
import { P } from '../schema.js';

const genderCode = { male: 1, female: 2, unknown: 0 } as const;

/** NT's NTVoteInfo (one liker or liked account), with the `uin` NapCat adds. */
const VoteInfo = Type.Object({
  age: Type.Integer(),
  bAvailableCnt: Type.Integer(),
  bTodayVotedCnt: Type.Integer(),
  count: Type.Integer(),
  customId: Type.Integer(),
  gender: Type.Integer({ description: '1 male, 2 female, 0 unknown' }),
  giftCount: Type.Integer(),
  isFriend: Type.Boolean(),
  isSvip: Type.Boolean(),
  isvip: Type.Boolean(),
  lastCharged: Type.Integer(),
  latestTime: Type.Integer(),
  nick: Type.String(),
  src: Type.Integer(),
  uid: Type.String(),
  uin: Type.Integer(),
});

/** get_profile_like: whom the account liked (favoriteInfo) and who liked it (voteInfo). */
const ProfileLikes = Type.Object({
  uid: Type.String(),
  time: Type.String(),
  favoriteInfo: Type.Object({
    userInfos: Type.Array(VoteInfo),
    total_count: Type.Integer(),
    last_time: Type.Integer(),
    today_count: Type.Integer(),
  }),
  voteInfo: Type.Object({
    total_count: Type.Integer(),
    new_count: Type.Integer(),
    new_nearby_count: Type.Integer(),
    last_visit_time: Type.Integer(),
    userInfos: Type.Array(VoteInfo),
  }),
});

async function voteInfos(
  ctx: ActionContext,
  summaries: readonly LikeSummary[],
  viewerId: number,
  given: boolean,
): Promise<Static<typeof VoteInfo>[]> {
  const accounts = await ctx.world.accounts.getMany(summaries.map((summary) => summary.userId));
  const friends = await ctx.world.friends.list(viewerId);
  const friendIds = new Set(friends.map((friendship) => friendship.friendId));
  return summaries.flatMap((summary) => {
    const account: Account | undefined = accounts.get(summary.userId);
    if (!account) return [];
    return [
      {
        age: account.age,
        bAvailableCnt: given ? Math.max(0, dailyLikeLimit - summary.todayCount) : 0,
        bTodayVotedCnt: summary.todayCount,
        count: summary.count,
        customId: 0,
        gender: genderCode[account.sex],
        giftCount: 0,
        isFriend: friendIds.has(account.userId),
        isSvip: false,
        isvip: false,
        lastCharged: 0,
        latestTime: summary.latestTime,
        nick: account.nickname,
        src: 71,
        uid: uidOf(account.userId),
        uin: account.userId,
      },
    ];
  });
}

/** LLBot's page of likers or liked accounts: NT's vote entries as they are, with `uin` and `isFriend`. */
const LlbotLikePage = Type.Object({
  users: Type.Array(Type.Omit(VoteInfo, ['bAvailableCnt'])),
  nextStart: Type.Integer({ description: 'start of the next page' }),
});

/** LLBot's paging params: start from 0 (-1 for everything), count per page (QQ gives at most 30). */
const llbotPaging = {
  start: P.optional(P.int('Offset, from 0; -1 for every entry', { minimum: -1, default: 0 })),
  count: P.optional(P.int('Entries per page (QQ gives at most 30)', { minimum: 1, default: 20 })),
};
const llbotPageSize = 30;

/** One side of an account's likes as LLBot pages it (`given`: whom it liked; otherwise who liked it). */
async function llbotLikePage(ctx: ActionContext, paging: { start?: number; count?: number }, given: boolean) {
  const all = paging.start === -1;
  const start = all ? 0 : (paging.start ?? 0);
  const count = all ? Number.MAX_SAFE_INTEGER : Math.min(paging.count ?? 20, llbotPageSize);
  const likes = await ctx.world.likes.profile(ctx.selfId, start, count);
  const side = given ? likes.given : likes.received;
  const users = (await voteInfos(ctx, side.users, ctx.selfId, given)).map(({ bAvailableCnt: _, ...user }) => user);
  return { users, nextStart: start + users.length };
}

/** Profile likes (名片赞). */
export const likeActions: AnyActionSpec[] = [
  defineAction({
    name: 'send_like',
    origin: 'onebot11',
    summary: `Like an account's profile card (at most ${dailyLikeLimit} times per account per day)`,
    description: 'The target receives a notify/profile_like notice. The day changes at midnight Beijing time, as in QQ.',
    params: P.object({
      user_id: P.id('QQ number to like'),
      times: P.optional(P.int('How many likes', { minimum: 1, default: 1 })),
    }),
    result: Type.Null(),
    async handler(ctx, params) {
      await ctx.world.likes.send(ctx.selfId, params.user_id, params.times ?? 1);
      return null;
    },
  }),
  defineAction({
    name: 'get_profile_like',
    origin: 'napcat',
    summary: 'Who liked the profile (voteInfo) and whom it liked (favoriteInfo), newest first',
    params: P.object({
      user_id: P.optional(P.id('Whose likes; default the account itself')),
      start: P.optional(P.int('Offset in the lists', { minimum: 0, default: 0 })),
      count: P.optional(P.int('Entries per list', { minimum: 1, maximum: 100, default: 10 })),
    }),
    result: ProfileLikes,
    async handler(ctx, params) {
      const userId = params.user_id ?? ctx.selfId;
      const { received, given } = await ctx.world.likes.profile(userId, params.start ?? 0, params.count ?? 10);
      const now = Math.floor(ctx.world.clock.nowMs() / 1000);
      return {
        uid: uidOf(userId),
        time: String(now),
        favoriteInfo: {
          userInfos: await voteInfos(ctx, given.users, userId, true),
          total_count: given.total,
          last_time: given.last,
          today_count: given.today,
        },
        voteInfo: {
          total_count: received.total,
          new_count: received.today,
          new_nearby_count: 0,
          last_visit_time: received.last,
          userInfos: await voteInfos(ctx, received.users, userId, false),
        },
      };
    },
    dialects: {
      llbot: {
        note: "The account's own likes given (favoriteInfo), one page: `{users, nextStart}`; takes start (-1 for all) and count (at most 30), no user_id.",
        params: P.object(llbotPaging),
        result: LlbotLikePage,
        handler: (ctx, params) => llbotLikePage(ctx, params, true),
      },
    },
  }),
  defineAction({
    name: 'get_profile_like_me',
    origin: 'llbot',
    summary: 'Who liked the account’s profile, newest first, one page: {users, nextStart}',
    params: P.object(llbotPaging),
    result: LlbotLikePage,
    handler: (ctx, params) => llbotLikePage(ctx, params, false),
  }),
  defineAction({
    name: 'get_profile_like_count',
    origin: 'llbot',
    summary: 'How many likes an account’s profile has received in all',
    params: P.object({ user_id: P.id('QQ number') }),
    result: Type.Object({ count: Type.Integer() }),
    async handler(ctx, params) {
      const { received } = await ctx.world.likes.profile(params.user_id, 0, 0);
      return { count: received.total };
    },
  }),
];
