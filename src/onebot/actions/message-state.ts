import { Type } from '@sinclair/typebox';
import { peerOf } from '../../world/messages/message.js';
import { actionResults } from '../../contract/onebot/results.js';
import { defineAction, type ActionContext, type AnyActionSpec } from '../action.js';
import { badParams } from '../error-catalogue.js';
import { loadMessageContexts, viewMessages } from '../message/message-views.js';
import { P } from '../schema.js';

/** NT chat types, as get_recent_contact reports them. */
const chatTypes = { friend: 1, group: 2, temp: 100 } as const;

const markParams = P.object({
  message_id: P.optional(P.messageId('Mark read the conversation this message is in (checked first)')),
  user_id: P.optional(P.id('Mark read the private chat with this user (checked second)')),
  group_id: P.optional(P.id('Mark read this group (checked last)')),
});

/**
 * NapCat serves the three mark actions with one handler: the conversation is chosen by
 * message_id, else user_id, else group_id, whatever the action's name says. So the seed's
 * mark_private_msg_as_read with only a group_id marks that group read.
 */
async function markRead(ctx: ActionContext, params: { message_id?: number; user_id?: number; group_id?: number }): Promise<null> {
  if (params.message_id !== undefined) await ctx.world.conversations.markReadByMessage(ctx.selfId, params.message_id);
  else if (params.user_id !== undefined) await ctx.world.conversations.markRead(ctx.selfId, { type: 'private', userId: params.user_id });
  else if (params.group_id !== undefined) await ctx.world.conversations.markRead(ctx.selfId, { type: 'group', groupId: params.group_id });
  else throw badParams('give message_id, user_id or group_id: the conversation to mark read');
  return null;
}

export const messageStateActions: AnyActionSpec[] = [
  ...(
    [
      ['mark_msg_as_read', 'go-cqhttp', 'Mark a conversation read'],
      ['mark_group_msg_as_read', 'napcat', 'Mark a group’s messages read'],
      ['mark_private_msg_as_read', 'napcat', 'Mark a private chat read'],
    ] as const
  ).map(([name, origin, summary]) =>
    defineAction({
      name,
      origin,
      summary,
      description: 'The conversation is chosen by message_id, else user_id, else group_id (NapCat serves all three names alike).',
      params: markParams,
      result: Type.Null(),
      handler: markRead,
    }),
  ),
  defineAction({
    name: '_mark_all_as_read',
    origin: 'napcat',
    summary: 'Mark every conversation of the account read',
    params: P.none(),
    result: Type.Null(),
    async handler(ctx) {
      await ctx.world.conversations.markAllRead(ctx.selfId);
      return null;
    },
  }),
  defineAction({
    name: 'get_recent_contact',
    origin: 'napcat',
    summary: 'The account’s conversations, most recent first, with their newest message and unread count',
    description:
      'NapCat’s shape (`lastestMsg` spelled as NapCat spells it); `chatType` is 2 for a group, and for a private chat 1 while the two are friends, else 100 (temp), whatever kind its last message was; `unreadCnt` counts messages from others after the read mark. A group whose messages all came before the account joined while history was hidden has no `lastestMsg`, `msgId` "0" and its join time as `msgTime`; the list is ordered by `msgTime`, so such a group stands at the join, not at a message the account cannot see.',
    params: P.object({ count: P.int('How many conversations', { minimum: 1, maximum: 1000, default: 10 }) }),
    result: actionResults.get_recent_contact,
    async handler(ctx, params) {
      const contacts = await ctx.world.conversations.recentContacts(ctx.selfId, params.count);
      const latest = contacts.flatMap((contact) => (contact.latest ? [contact.latest] : []));
      const views = await viewMessages(ctx, latest, { format: ctx.messageFormat, forwardContent: true });
      const viewOf = new Map(latest.map((message, index) => [message.messageId, views[index]!]));
      const people = loadMessageContexts(ctx.world, latest);
      const result = [];
      for (const { summary, latest: message, time, unread } of contacts) {
        const sender = message && people.get(message.messageId)!.sender;
        let peerUin: number;
        let peerName: string;
        let remark = '';
        let chatType: number;
        if (summary.conversation.type === 'group') {
          peerUin = summary.conversation.groupId;
          peerName = (await ctx.world.groups.find(peerUin))?.name ?? '';
          chatType = chatTypes.group;
        } else {
          peerUin = peerOf(summary.conversation, ctx.selfId);
          peerName = (await ctx.world.accounts.find(peerUin))?.nickname ?? '';
          remark = (await ctx.world.friends.get(ctx.selfId, peerUin))?.remark ?? '';
          // QQ keeps the friend chat and the temp chat apart, and NapCat names the private chat by
          // the friendship as it is now (GetFriendMsgHistory, MarkMsgAsRead: isBuddy ? C2C : temp),
          // as Milky's pins do here; the last message's kind would lag a change until the next one.
          chatType = ctx.world.friends.areFriends(ctx.selfId, peerUin) ? chatTypes.friend : chatTypes.temp;
        }
        // NapCat leaves lastestMsg out when it cannot load the message; here, when the account may not see one.
        result.push({
          ...(message && { lastestMsg: viewOf.get(message.messageId)! }),
          peerUin: String(peerUin),
          remark,
          msgTime: String(time),
          chatType,
          msgId: String(message?.messageId ?? 0),
          sendNickName: sender?.nickname ?? '',
          sendMemberName: sender?.card ?? '',
          peerName,
          unreadCnt: unread,
        });
      }
      return result;
    },
  }),
];
