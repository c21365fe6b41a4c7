import { z } from 'zod';
import { succeeded } from '../../remote/catnap-client.js';
import { dataOf, defineTool, refusal, ToolError } from '../mcp-tool.js';
import { worldErrors } from '../../../onebot/error-catalogue.js';

const userId = (what: string) => z.number().int().positive().describe(what);

/** Where a message goes or which chat to read: a group, or the private chat with one account. */
const chat = {
  group_id: userId('The group (give this or user_id)').optional(),
  user_id: userId('The other account of a private chat (give this or group_id)').optional(),
};

function target(args: { group_id?: number | undefined; user_id?: number | undefined }): { group_id: number } | { user_id: number } {
  if ((args.group_id === undefined) === (args.user_id === undefined)) throw new ToolError('give exactly one of group_id and user_id');
  return args.group_id !== undefined ? { group_id: args.group_id } : { user_id: args.user_id! };
}

interface HistoryMessage {
  readonly message_id: number;
  readonly time: number;
  readonly sender?: { user_id: number; nickname?: string; card?: string };
  readonly raw_message?: string;
}

export const readConversation = defineTool({
  name: 'read_conversation',
  title: 'Read a conversation',
  description:
    'The latest messages of a group or a private chat, oldest first, as seen by one account (it must be a member of the group, ' +
    'or one side of the private chat). Each message: message_id, time, sender, text (CQ codes for images, faces, @s).',
  input: {
    as_user_id: userId('The account that reads'),
    ...chat,
    count: z.number().int().min(1).max(200).default(20).describe('How many of the newest messages'),
  },
  readOnly: true,
  async run(args, { catnap }) {
    const where = target(args);
    const action = 'group_id' in where ? 'get_group_msg_history' : 'get_friend_msg_history';
    const envelope = await catnap.act(args.as_user_id, action, { ...where, count: args.count });
    // NapCat fails the history of a chat with no message at all (MESSAGE_NOT_FOUND, the only
    // failure without an anchor that is not a refusal); to an agent that is an empty chat.
    if (envelope.retcode === worldErrors.MESSAGE_NOT_FOUND.retcode) return [];
    const data = dataOf(envelope, action) as { messages: HistoryMessage[] };
    return data.messages.map((message) => ({
      message_id: message.message_id,
      time: message.time,
      sender_id: message.sender?.user_id,
      sender_name: message.sender?.card || message.sender?.nickname,
      text: message.raw_message,
    }));
  },
});

export const sendMessage = defineTool({
  name: 'send_message',
  title: 'Send a message',
  description:
    'Send a message as any account of the world, to a group or to another account, with QQ’s rules (the sender must be a member, ' +
    'not muted; private messages go to friends or through a shared group). Bots connected to Catnap receive it as a real message event. ' +
    'Answers the new message_id.',
  input: {
    as_user_id: userId('The account that sends'),
    ...chat,
    text: z.string().min(1).describe('The message text'),
    cq_codes: z.boolean().default(false).describe('Read CQ codes in the text ([CQ:at,qq=10001], [CQ:face,id=14], ...)'),
  },
  async run(args, { catnap }) {
    const where = target(args);
    const message = args.cq_codes ? args.text : [{ type: 'text', data: { text: args.text } }];
    const action = 'group_id' in where ? 'send_group_msg' : 'send_private_msg';
    return dataOf(await catnap.act(args.as_user_id, action, { ...where, message }), action);
  },
});

export const act = defineTool({
  name: 'act',
  title: 'Run a OneBot action',
  description:
    'Run any OneBot 11 / NapCat action as any account (QQ’s permission rules apply), e.g. set_group_ban, set_group_card, ' +
    'group_poke, set_msg_emoji_like, delete_msg. Answers the whole OneBot reply (status, retcode, data, message); a refused ' +
    'action is a tool error with its retcode and reason, then the whole reply. ' +
    'The action list with params is in the running Catnap’s /openapi.json.',
  input: {
    as_user_id: userId('The account that acts'),
    action: z.string().min(1).describe('The action name, e.g. get_group_member_list'),
    params: z.record(z.string(), z.unknown()).default({}).describe('The action’s params'),
  },
  async run(args, { catnap }) {
    const envelope = await catnap.act(args.as_user_id, args.action, args.params);
    // A refusal is a failure the agent must not mistake for an answer; the reply still goes with it.
    if (!succeeded(envelope)) throw new ToolError(refusal(envelope, args.action), envelope);
    return envelope;
  },
});
