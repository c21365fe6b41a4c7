import { Type } from '@sinclair/typebox';
import { defineAction, type ActionContext, type AnyActionSpec } from '../action.js';
import { badParams } from '../error-catalogue.js';
import { P } from '../schema.js';
import { groupContactArk, userContactArk } from '../shapes/ark-contact.js';

const nowSeconds = (ctx: ActionContext) => Math.floor(ctx.world.clock.nowMs() / 1000);

async function groupCard(ctx: ActionContext, groupId: number): Promise<string> {
  return groupContactArk(await ctx.world.groups.require(groupId), ctx.services.urls, nowSeconds(ctx));
}

/**
 * Contact cards (ark JSON) that share an account or a group; send the text as a json segment.
 * NapCat answers ArkSharePeer with its kernel's raw result (`arkJson` for a group, `arkMsg` for an
 * account) and ArkShareGroup with the ark text itself.
 */
export const arkShareActions: AnyActionSpec[] = [
  defineAction({
    name: 'ArkSharePeer',
    aliases: ['send_ark_share'],
    origin: 'napcat',
    summary: 'A contact card of a group (group_id, checked first) or an account (user_id)',
    params: P.object({
      user_id: P.optional(P.id('Account to share')),
      group_id: P.optional(P.id('Group to share (takes precedence, as in NapCat)')),
      phone_number: P.optional(P.str('Phone number shown on an account card')),
      phoneNumber: P.optional(P.str('Seed name of phone_number')),
    }),
    result: Type.Object({
      result: Type.Integer(),
      errMsg: Type.String(),
      arkJson: Type.Optional(Type.String()),
      arkMsg: Type.Optional(Type.String()),
    }),
    async handler(ctx, params) {
      if (params.group_id !== undefined) return { result: 0, errMsg: '', arkJson: await groupCard(ctx, params.group_id) };
      if (params.user_id !== undefined) {
        const account = await ctx.world.accounts.require(params.user_id);
        const phone = params.phone_number || params.phoneNumber || '';
        return { result: 0, errMsg: '', arkMsg: userContactArk(account, ctx.services.urls, nowSeconds(ctx), phone) };
      }
      throw badParams('group_id or user_id is required');
    },
  }),
  defineAction({
    name: 'ArkShareGroup',
    aliases: ['send_group_ark_share', 'ArkShareGroupEx'],
    origin: 'napcat',
    summary: "A group's contact card as ark JSON text (ArkShareGroupEx is the seed's name)",
    params: P.object({ group_id: P.id('Group to share') }),
    result: Type.String(),
    handler: (ctx, params) => groupCard(ctx, params.group_id),
  }),
];
