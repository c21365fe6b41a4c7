import { Type, type TSchema } from '@sinclair/typebox';
import { NtResult, ntResultWith } from '../shapes/nt-result.js';
import { defineAction, type ActionContext, type AnyActionSpec } from '../action.js';
import { badParams } from '../error-catalogue.js';
import { napcatFlag, yesOnlyIfTrue } from '../napcat-flags.js';
import { P } from '../schema.js';

/** Ids NapCat takes as numbers or strings; they arrive here as strings. */
const stringOrNumber = (description: string) => Type.Union([Type.String(), Type.Integer()], { description });

function messageIdOf(value: string | number, field = 'message_id'): number {
  const text = String(value).trim();
  const id = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(id) || id < 1 || id > 2147483647)
    throw badParams(`${field}: must be a message_id (got ${JSON.stringify(value)})`);
  return id;
}

/** set_msg_emoji_like's params around the dialect's `set`. */
const likeParams = <F extends TSchema>(set: F) =>
  P.object({
    message_id: stringOrNumber('message_id of the message'),
    emoji_id: stringOrNumber('QQ face id (e.g. 76) or an emoji code point (e.g. 128512)'),
    set,
  });

/** LLBot's set_msg_emoji_like ignores `set` (unset_msg_emoji_like removes); Catnap keeps reading it as a boolean there. */
const strictSetNote =
  'Reads `set` as a plain boolean (true/false, 1/0, "true"/"false", "1"/"0"; any other value is refused); without it, adds.';

async function setLike(ctx: ActionContext, params: { message_id: string | number; emoji_id: string | number }, add: boolean) {
  await ctx.world.reactions.set(ctx.selfId, messageIdOf(params.message_id), String(params.emoji_id).trim(), add);
  return { result: 0, errMsg: '' };
}

async function reactionUsers(ctx: ActionContext, messageId: number, emojiId: string, offset: number, limit: number) {
  const page = await ctx.world.reactions.users(ctx.selfId, messageId, emojiId, offset, limit + 1);
  const accounts = await ctx.world.accounts.getMany(page.map((user) => user.userId));
  const users = page.slice(0, limit).map((user) => {
    const account = accounts.get(user.userId);
    return {
      userId: user.userId,
      nickname: account?.nickname ?? '',
      avatar: account?.avatar ? ctx.services.urls.media(account.avatar) : '',
    };
  });
  return { users, more: page.length > limit };
}

const pokeParams = P.object({
  group_id: P.optional(P.id('Poke in this group (a group poke); absent: a friend poke')),
  user_id: P.optional(P.id('Group poke: who is poked; friend poke: the friend')),
  target_id: P.optional(P.id('Who is poked (defaults to user_id); in a friend chat, the friend or yourself')),
});

/** NapCat's three poke names share one rule: group_id makes it a group poke; target_id defaults to user_id. */
async function poke(ctx: ActionContext, params: { group_id?: number; user_id?: number; target_id?: number }): Promise<null> {
  const target = params.target_id ?? params.user_id;
  if (target === undefined) throw badParams('user_id: is required (who to poke)');
  if (params.group_id !== undefined) await ctx.world.pokes.groupPoke(ctx.selfId, params.group_id, target);
  else if (params.user_id !== undefined) await ctx.world.pokes.friendPoke(ctx.selfId, params.user_id, target);
  else throw badParams('user_id: is required for a friend poke (the friend)');
  return null;
}

/** One page of who reacted with an emoji, as NT answers it. */
const ReactionPage = Type.Object({
  emojiLikesList: Type.Array(Type.Object({ tinyId: Type.String(), nickName: Type.String(), headUrl: Type.String() })),
  cookie: Type.String({ description: 'Pass it to get the next page; empty on the last page' }),
  isLastPage: Type.Boolean(),
  isFirstPage: Type.Boolean(),
});

/** The page of reactors after `cookie` (an offset Catnap hands out; "" for the first page). */
async function reactionPage(ctx: ActionContext, messageId: string | number, emojiId: string | number, count: number, cookie: string) {
  const offset = cookie === '' ? 0 : /^\d+$/.test(cookie) ? Number(cookie) : NaN;
  if (!Number.isSafeInteger(offset)) throw badParams(`cookie: not a cookie from fetch_emoji_like (got ${JSON.stringify(cookie)})`);
  const { users, more } = await reactionUsers(ctx, messageIdOf(messageId), String(emojiId).trim(), offset, count);
  return {
    emojiLikesList: users.map((user) => ({ tinyId: String(user.userId), nickName: user.nickname, headUrl: user.avatar })),
    cookie: more ? String(offset + count) : '',
    isLastPage: !more,
    isFirstPage: offset === 0,
  };
}

export const messageReactionActions: AnyActionSpec[] = [
  defineAction({
    name: 'set_msg_emoji_like',
    origin: 'napcat',
    summary: 'Add or remove the account’s emoji reaction on a message',
    description:
      'Without `set` it adds; with it, only true, "true" or 1 adds: NapCat reads `set` as `typeof set === \'string\' ? set === \'true\' : !!set`, so "1" removes.',
    params: likeParams(napcatFlag('Add (true or "true"; the default) or remove (anything else)')),
    result: NtResult,
    handler: (ctx, params) => setLike(ctx, params, params.set === undefined || yesOnlyIfTrue(params.set)),
    dialects: {
      llbot: {
        note: strictSetNote,
        params: likeParams(P.bool('true adds the reaction, false removes it', true)),
        handler: (ctx, params) => setLike(ctx, params, params.set),
      },
    },
  }),
  defineAction({
    name: 'unset_msg_emoji_like',
    origin: 'llbot',
    summary: 'Remove the account’s emoji reaction from a message (set_msg_emoji_like with set false)',
    params: P.object({
      message_id: stringOrNumber('message_id of the message'),
      emoji_id: stringOrNumber('QQ face id (e.g. 76) or an emoji code point (e.g. 128512)'),
    }),
    result: Type.Null(),
    async handler(ctx, params) {
      await ctx.world.reactions.set(ctx.selfId, messageIdOf(params.message_id), String(params.emoji_id).trim(), false);
      return null;
    },
  }),
  defineAction({
    name: 'fetch_emoji_like',
    origin: 'napcat',
    summary: 'Who reacted to a message with an emoji (NapCat’s raw NT page)',
    description: '`cookie` pages through the list: pass the cookie of the previous page.',
    params: P.object({
      message_id: stringOrNumber('message_id of the message'),
      emojiId: stringOrNumber('QQ face id or emoji code point'),
      emojiType: stringOrNumber('1: QQ face, 2: emoji'),
      count: P.int('Page size', { minimum: 1, maximum: 1000, default: 20 }),
      cookie: P.str('Paging cookie from the previous page ("" for the first)', { default: '' }),
    }),
    result: ntResultWith(ReactionPage.properties),
    async handler(ctx, params) {
      return { result: 0, errMsg: '', ...(await reactionPage(ctx, params.message_id, params.emojiId, params.count, params.cookie)) };
    },
    dialects: {
      llbot: {
        note: 'Takes emoji_id (or emojiId) and no emojiType, count 20 by default; answers the page without `result` and `errMsg`.',
        params: P.object({
          message_id: stringOrNumber('message_id of the message'),
          emoji_id: P.optional(stringOrNumber('QQ face id or emoji code point')),
          emojiId: P.optional(stringOrNumber('Alias of emoji_id')),
          count: P.int('Page size', { minimum: 1, maximum: 1000, default: 20 }),
          cookie: P.str('Paging cookie from the previous page ("" for the first)', { default: '' }),
        }),
        result: ReactionPage,
        async handler(ctx, params) {
          const emojiId = params.emoji_id ?? params.emojiId;
          if (emojiId === undefined || String(emojiId).trim() === '') throw badParams('emoji_id: is required');
          return reactionPage(ctx, params.message_id, emojiId, params.count, params.cookie);
        },
      },
    },
  }),
  defineAction({
    name: 'get_emoji_likes',
    origin: 'napcat',
    summary: 'Everyone who reacted to a message with an emoji',
    params: P.object({
      group_id: P.optional(stringOrNumber('Ignored: message_ids are global')),
      message_id: stringOrNumber('message_id of the message'),
      emoji_id: stringOrNumber('QQ face id or emoji code point'),
      emoji_type: P.optional(stringOrNumber('Ignored: the type follows from the id')),
      count: P.int('How many (0: all)', { minimum: 0, default: 0 }),
    }),
    result: Type.Object({ emoji_like_list: Type.Array(Type.Object({ user_id: Type.String(), nick_name: Type.String() })) }),
    async handler(ctx, params) {
      const limit = params.count === 0 ? Number.MAX_SAFE_INTEGER : params.count;
      const { users } = await reactionUsers(
        ctx,
        messageIdOf(params.message_id),
        String(params.emoji_id).trim(),
        0,
        Math.min(limit, 100000),
      );
      return { emoji_like_list: users.map((user) => ({ user_id: String(user.userId), nick_name: user.nickname })) };
    },
  }),
  ...(
    [
      ['group_poke', 'Poke a group member'],
      ['friend_poke', 'Poke a friend (or yourself in their chat)'],
      ['send_poke', 'Poke someone in a group or a friend chat'],
    ] as const
  ).map(([name, summary]) =>
    defineAction({
      name,
      origin: 'napcat',
      summary,
      description: 'With group_id a group poke, else a friend poke (NapCat serves the three names alike). A notification, not a message.',
      params: pokeParams,
      result: Type.Null(),
      handler: poke,
    }),
  ),
];
