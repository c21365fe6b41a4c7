import { Type } from '@sinclair/typebox';
import { defineRoute } from './route.js';

const Uin = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER });
const strict = { additionalProperties: false } as const;

/**
 * Voice messages whose words the world knows: QQ transcribes voice on its servers
 * (fetch_ptt_text), and a simulated world can only know what it is told. A record sent here
 * carries its transcript; bots read it back with fetch_ptt_text / voice_msg_to_text.
 */
export const recordsApi = {
  sendRecord: defineRoute({
    method: 'POST',
    url: '/api/world/records',
    summary: '`user_id` sends a voice record with its transcript to a group (`group_id`) or a user (`target_id`)',
    tag: 'records',
    status: 201,
    body: Type.Object(
      {
        user_id: Uin,
        group_id: Type.Optional(Uin),
        target_id: Type.Optional(Uin),
        file: Type.String({ minLength: 1, description: 'The audio: base64://, a URL, a path under media.fileRoots, or a media id' }),
        transcript: Type.String({ minLength: 1, maxLength: 500, description: 'What the record says' }),
      },
      strict,
    ),
    response: Type.Object({ message_id: Type.Integer() }),
  }),
};
