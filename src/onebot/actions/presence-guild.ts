import { Type } from '@sinclair/typebox';
import { defineAction, type AnyActionSpec } from '../action.js';
import { P } from '../schema.js';

/** What NapCat calls a device when none was set. */
const defaultModelShow = 'Catnap';

/** The phone model shown beside a name, the custom (DIY) status, and guilds as NapCat answers them. */
export const presenceGuildActions: AnyActionSpec[] = [
  defineAction({
    name: '_get_model_show',
    origin: 'go-cqhttp',
    summary: 'The model names a device may show: the one asked about, else the one this account set',
    params: P.object({ model: P.optional(P.str('Device model to ask about', { maxLength: 64 })) }),
    result: Type.Array(Type.Object({ variants: Type.Object({ model_show: Type.String(), need_pay: Type.Boolean() }) })),
    async handler(ctx, params) {
      const presence = await ctx.world.presence.get(ctx.selfId);
      const shown = params.model || presence.modelShow || defaultModelShow;
      return [{ variants: { model_show: shown, need_pay: false } }];
    },
  }),
  defineAction({
    name: '_set_model_show',
    origin: 'go-cqhttp',
    summary: "Set the device model this account shows (go-cqhttp's model and model_show; NapCat takes none and changes nothing)",
    params: P.object({
      model: P.str('Device model', { default: '', maxLength: 64 }),
      model_show: P.str('The name shown for it', { default: '', maxLength: 64 }),
    }),
    result: Type.Null(),
    async handler(ctx, params) {
      // NapCat's own _set_model_show takes nothing and does nothing: called that way, nothing changes.
      if (params.model === '' && params.model_show === '') return null;
      await ctx.world.presence.setModelShow(ctx.selfId, params.model, params.model_show || params.model);
      return null;
    },
  }),
  defineAction({
    name: 'set_diy_online_status',
    origin: 'napcat',
    summary: 'Set a custom status: a face and up to 50 characters (status 10, ext_status 2000); answers QQ’s error text, empty on success',
    params: P.object({
      face_id: P.str('Face id (a QSid of QQ’s face list)', { minLength: 1, maxLength: 16 }),
      face_type: P.str('Face type', { default: '1', maxLength: 8 }),
      wording: P.str('The words', { default: ' ', maxLength: 50 }),
    }),
    result: Type.String(),
    async handler(ctx, params) {
      await ctx.world.presence.setDiyStatus(ctx.selfId, { faceId: params.face_id, faceType: params.face_type, wording: params.wording });
      return '';
    },
  }),
  ...(['get_guild_list', 'get_guild_service_profile'] as const).map((name) =>
    defineAction({
      name,
      origin: 'napcat',
      summary:
        name === 'get_guild_list'
          ? 'Guilds this account joined: null, as NapCat and LLBot answer (QQ guilds are not part of the world)'
          : 'Guild profile: null, as NapCat answers (QQ guilds are not part of the world)',
      params: P.none(),
      result: Type.Null(),
      async handler() {
        return null;
      },
    }),
  ),
];
