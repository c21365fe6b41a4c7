import { Type } from '@sinclair/typebox';
import { defineAction, type AnyActionSpec } from '../action.js';
import { P } from '../schema.js';

/** Who am I, am I well, what am I: the bot's own facts. */
export const accountInfoActions: AnyActionSpec[] = [
  defineAction({
    name: 'get_login_info',
    origin: 'onebot11',
    summary: 'The account this connection acts as',
    params: P.none(),
    result: Type.Object({ user_id: Type.Integer(), nickname: Type.String() }),
    async handler(ctx) {
      const account = await ctx.world.accounts.require(ctx.selfId);
      return { user_id: account.userId, nickname: account.nickname };
    },
  }),
  defineAction({
    name: 'get_status',
    origin: 'onebot11',
    summary: 'Whether the account is online and healthy',
    params: P.none(),
    result: Type.Object({ online: Type.Boolean(), good: Type.Boolean(), stat: Type.Object({}) }),
    async handler(ctx) {
      const account = await ctx.world.accounts.require(ctx.selfId);
      // A logged-out account (offline, kicked: docs/faults.md) is neither online nor good.
      const state = ctx.world.health.state(ctx.selfId);
      const good = state !== 'offline' && state !== 'kicked';
      return { online: good && account.onlineStatus.status !== 20, good, stat: {} };
    },
  }),
  defineAction({
    name: 'get_version_info',
    origin: 'onebot11',
    summary: 'Implementation name and version',
    // NapCat's three fields (action/system/GetVersionInfo.ts), as LLBot's; the name is Catnap's own.
    params: P.none(),
    result: Type.Object({ app_name: Type.String(), app_version: Type.String(), protocol_version: Type.String() }),
    handler(ctx) {
      const { appName, appVersion } = ctx.services.info;
      return { app_name: appName, app_version: appVersion, protocol_version: 'v11' };
    },
  }),
  defineAction({
    name: 'get_robot_uin_range',
    origin: 'napcat',
    summary: 'QQ number ranges reserved for official bots',
    description: 'Configurable with `robotUinRanges` in catnap.json; the default is the five ranges QQ reports.',
    params: P.none(),
    result: Type.Array(Type.Object({ minUin: Type.String(), maxUin: Type.String() })),
    handler(ctx) {
      return ctx.services.info.robotUinRanges.map((range) => ({ minUin: range.minUin, maxUin: range.maxUin }));
    },
  }),
  defineAction({
    name: 'can_send_image',
    origin: 'onebot11',
    summary: 'Whether images can be sent (always yes)',
    params: P.none(),
    result: Type.Object({ yes: Type.Boolean() }),
    handler: () => ({ yes: true }),
  }),
  defineAction({
    name: 'can_send_record',
    origin: 'onebot11',
    summary: 'Whether voice messages can be sent (always yes)',
    params: P.none(),
    result: Type.Object({ yes: Type.Boolean() }),
    handler: () => ({ yes: true }),
  }),
];
