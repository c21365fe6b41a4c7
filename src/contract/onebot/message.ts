import { Type, type Static } from '@sinclair/typebox';
import { Role } from '../people.js';

/** A OneBot message segment: `{ type, data }`, as clients send and receive it. */
export const Segment = Type.Object({
  type: Type.String({ description: 'text, face, image, record, video, file, at, reply, forward, ...' }),
  data: Type.Record(Type.String(), Type.Unknown()),
});
export type Segment = Static<typeof Segment>;

export const MessageFormat = Type.Union([Type.Literal('array'), Type.Literal('string')]);

/** A message in either format: a segment array, or a CQ-code string. */
export const MessageBody = Type.Union([Type.Array(Segment), Type.String()]);

/**
 * NapCat's OB11Message: a message event, and each message of get_msg, the history actions and a
 * merged forward. `message_id`, `message_seq` and `real_id` are all the message id; `real_seq` is
 * the per-conversation sequence as a string.
 */
export const MessageObject = Type.Object({
  self_id: Type.Integer(),
  user_id: Type.Integer({ description: 'The sender' }),
  time: Type.Integer(),
  message_id: Type.Integer(),
  message_seq: Type.Integer(),
  real_id: Type.Integer(),
  real_seq: Type.String(),
  message_type: Type.Union([Type.Literal('group'), Type.Literal('private')]),
  sub_type: Type.Union([Type.Literal('normal'), Type.Literal('friend'), Type.Literal('group')], {
    description: 'group messages: normal; private: friend, or group for a temp chat',
  }),
  sender: Type.Object({
    user_id: Type.Integer(),
    nickname: Type.String(),
    card: Type.String(),
    role: Type.Optional(Role),
    level: Type.Optional(Type.String({ description: "LLBot dialect, group messages: the sender's group level" })),
    title: Type.Optional(Type.String({ description: "LLBot dialect, group messages: the sender's special title" })),
  }),
  message: MessageBody,
  message_format: MessageFormat,
  raw_message: Type.String(),
  font: Type.Integer(),
  post_type: Type.Union([Type.Literal('message'), Type.Literal('message_sent')], {
    description: 'message_sent for the account’s own messages',
  }),
  group_id: Type.Optional(Type.Integer({ description: 'Group messages, and the group of a temp chat' })),
  group_name: Type.Optional(Type.String()),
  target_id: Type.Optional(Type.Integer({ description: 'Private messages: the other side; own group messages: the group' })),
  temp_source: Type.Optional(Type.Integer()),
  message_sent_type: Type.Optional(Type.Literal('self')),
});
export type MessageObject = Static<typeof MessageObject>;

/** get_msg's answer: the message with the current count of each emoji reaction on it (counts as strings, as NapCat). */
export const MessageDetail = Type.Composite([
  MessageObject,
  Type.Object({
    emoji_likes_list: Type.Array(Type.Object({ emoji_id: Type.String(), emoji_type: Type.String(), likes_cnt: Type.String() })),
  }),
]);
export type MessageDetail = Static<typeof MessageDetail>;

/** What a send action answers. */
export const SendResult = Type.Object({
  message_id: Type.Integer(),
  res_id: Type.Optional(Type.String({ description: 'Merged forwards: the res_id of the forward' })),
  forward_id: Type.Optional(Type.String({ description: 'Merged forwards: the same res_id (go-cqhttp name)' })),
});
export type SendResult = Static<typeof SendResult>;

/** A page of messages: the history actions and get_forward_msg. */
export const MessagePage = Type.Object({ messages: Type.Array(MessageObject) });
export type MessagePage = Static<typeof MessagePage>;

/** One conversation of get_recent_contact, NapCat's shape (`lastestMsg` spelled as NapCat spells it). */
export const RecentContact = Type.Object({
  lastestMsg: Type.Optional(MessageObject),
  peerUin: Type.String(),
  remark: Type.String(),
  msgTime: Type.String(),
  chatType: Type.Integer({ description: "NT's chat type: 1 friend, 2 group, 100 temp chat" }),
  msgId: Type.String(),
  sendNickName: Type.String(),
  sendMemberName: Type.String(),
  peerName: Type.String(),
  unreadCnt: Type.Integer({ description: 'Messages from others after the read mark' }),
});
export type RecentContact = Static<typeof RecentContact>;
