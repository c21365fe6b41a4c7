import { Type } from '@sinclair/typebox';
import { defineAction, type AnyActionSpec } from '../action.js';
import { badParams } from '../error-catalogue.js';
import { P } from '../schema.js';

/** NT's answer to a click (GeneralCallResult with the prompt QQ may show); the world shows none. */
const ClickResult = Type.Object({
  result: Type.Integer(),
  errMsg: Type.String(),
  status: Type.Integer(),
  promptText: Type.String(),
  promptType: Type.Integer(),
  promptIcon: Type.Integer(),
});

/** Inline keyboards: clicking a button of a bot's keyboard under a group message. */
export const inlineKeyboardActions: AnyActionSpec[] = [
  defineAction({
    name: 'click_inline_keyboard_button',
    origin: 'napcat',
    summary: "Click a button of the inline keyboard under a group message (by its seq); the click is recorded for the keyboard's bot",
    params: P.object({
      group_id: P.id('Group number'),
      bot_appid: P.str("The keyboard's bot (its QQ number in Catnap)", { minLength: 1 }),
      button_id: P.str('The button id', { default: '' }),
      callback_data: P.str('Callback data to send (default: the button’s own for callback buttons)', { default: '' }),
      msg_seq: P.str("The message's seq in the group", { default: '10086' }),
    }),
    result: ClickResult,
    async handler(ctx, params) {
      if (!/^[1-9]\d{0,15}$/.test(params.msg_seq)) throw badParams('msg_seq: must be a message seq (a positive number)');
      if (params.button_id === '') throw badParams('button_id: is required');
      await ctx.world.keyboards.click(ctx.selfId, {
        groupId: params.group_id,
        botAppid: params.bot_appid,
        buttonId: params.button_id,
        callbackData: params.callback_data,
        msgSeq: Number(params.msg_seq),
      });
      return { result: 0, errMsg: '', status: 0, promptText: '', promptType: 0, promptIcon: 0 };
    },
  }),
];
