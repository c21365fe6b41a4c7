import { Type } from '@sinclair/typebox';
import { defineAction, type AnyActionSpec } from '../action.js';
import { P } from '../schema.js';

const groupId = P.id('Group number (AI voice is a group feature)');
const character = P.str('Character id (character_id from get_ai_characters)', { minLength: 1 });
const text = P.str('The text to speak (1 to 500 characters)', { minLength: 1 });
const chatType = P.optional(P.int('Ignored: 1 (voice) is the only kind the world speaks'));

/** QQ's AI voice (AI声聊): a group's characters speak a text as a real record; voice to text reads what the world knows. */
export const aiVoiceActions: AnyActionSpec[] = [
  defineAction({
    name: 'get_ai_characters',
    origin: 'napcat',
    summary: 'The AI voice characters, by category, each with a preview record',
    params: P.object({ group_id: P.optional(groupId), chat_type: chatType }),
    result: Type.Array(
      Type.Object({
        type: Type.String(),
        characters: Type.Array(Type.Object({ character_id: Type.String(), character_name: Type.String(), preview_url: Type.String() })),
      }),
    ),
    async handler(ctx, params) {
      if (params.group_id !== undefined) ctx.world.groups.requireSelf(params.group_id, ctx.selfId);
      const categories = new Map<string, { character_id: string; character_name: string; preview_url: string }[]>();
      for (const character of ctx.world.aiVoice.characters()) {
        const preview = await ctx.world.aiVoice.preview(character.id);
        const list = categories.get(character.category) ?? [];
        list.push({
          character_id: character.id,
          character_name: character.name,
          preview_url: ctx.services.urls.media(preview.blobId, preview.name),
        });
        categories.set(character.category, list);
      }
      return [...categories].map(([type, characters]) => ({ type, characters }));
    },
  }),
  defineAction({
    name: 'get_ai_record',
    origin: 'napcat',
    summary: "Speak a text in a character's voice; answers the record's URL (a WAV served by Catnap)",
    params: P.object({ character, group_id: groupId, text, chat_type: chatType }),
    result: Type.String(),
    async handler(ctx, params) {
      const ref = await ctx.world.aiVoice.record(ctx.selfId, params.group_id, params.character, params.text);
      return ctx.services.urls.media(ref.blobId, ref.name);
    },
  }),
  defineAction({
    name: 'send_group_ai_record',
    origin: 'napcat',
    summary: "Send a text to a group as a record spoken in a character's voice",
    params: P.object({ character, group_id: groupId, text, chat_type: chatType }),
    result: Type.Object({ message_id: Type.Integer() }),
    async handler(ctx, params) {
      const message = await ctx.world.aiVoice.sendToGroup(ctx.selfId, params.group_id, params.character, params.text);
      return { message_id: message.messageId };
    },
  }),
  defineAction({
    name: 'fetch_ptt_text',
    origin: 'napcat',
    summary: 'The text of a voice message, where the world knows it (AI voice, or a record sent with a transcript)',
    params: P.object({ message_id: P.messageId() }),
    result: Type.Object({ text: Type.String() }),
    handler: (ctx, params) => ({ text: ctx.world.aiVoice.transcriptOf(ctx.selfId, params.message_id) }),
  }),
  defineAction({
    name: 'voice_msg_to_text',
    origin: 'llbot',
    summary: "LLBot's name for fetch_ptt_text: the text of a voice message the world knows",
    params: P.object({ message_id: P.messageId() }),
    result: Type.Object({ text: Type.String() }),
    handler: (ctx, params) => ({ text: ctx.world.aiVoice.transcriptOf(ctx.selfId, params.message_id) }),
  }),
];
