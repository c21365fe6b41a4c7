import { Type, type Static, type TLiteral, type TProperties } from '@sinclair/typebox';
import { MessageObject } from './message.js';

/**
 * Every OneBot event Catnap sends, as one discriminated union: `post_type`, then `notice_type`,
 * `request_type` or `meta_event_type`, then `sub_type`. The event builders in
 * `src/onebot/events/` return these types (a renamed or missing field fails to compile), the
 * console narrows on them, and the event tests validate every event sent against these schemas.
 * Field names and values follow NapCat's event classes.
 */
const Id = Type.Integer();
const lit = <T extends string>(value: T): TLiteral<T> => Type.Literal(value);
const head = { time: Type.Integer({ description: 'Unix seconds' }), self_id: Type.Integer({ description: 'The receiving account' }) };

const notice = <N extends string, P extends TProperties>(noticeType: N, properties: P, description: string) =>
  Type.Object({ ...head, post_type: lit('notice'), notice_type: lit(noticeType), ...properties }, { description });
const notify = <S extends string, P extends TProperties>(subType: S, properties: P, description: string) =>
  notice('notify', { sub_type: lit(subType), ...properties }, description);

export const GroupRecallNotice = notice(
  'group_recall',
  { group_id: Id, user_id: Id, operator_id: Id, message_id: Id },
  'A group message was recalled; user_id is its sender',
);
export const FriendRecallNotice = notice('friend_recall', { user_id: Id, message_id: Id }, 'A private message was recalled by its sender');
export const GroupIncreaseNotice = notice(
  'group_increase',
  { sub_type: Type.Union([lit('approve'), lit('invite')]), group_id: Id, user_id: Id, operator_id: Id },
  'Someone joined a group (approve: on request or added; invite: invited by operator_id)',
);
export const GroupDecreaseNotice = notice(
  'group_decrease',
  { sub_type: Type.Union([lit('leave'), lit('kick'), lit('kick_me'), lit('disband')]), group_id: Id, user_id: Id, operator_id: Id },
  'Someone left a group (kick_me: the receiving account was kicked; disband: the group was dismissed)',
);
export const GroupDismissNotice = notice(
  'group_dismiss',
  { group_id: Id, user_id: Id },
  'LLBot dialect: the group was dissolved by user_id (NapCat and go-cqhttp say group_decrease with sub_type disband)',
);
export const GroupAdminNotice = notice(
  'group_admin',
  { sub_type: Type.Union([lit('set'), lit('unset')]), group_id: Id, user_id: Id },
  'A member became an admin (set) or a plain member again (unset)',
);
export const GroupBanNotice = notice(
  'group_ban',
  { sub_type: Type.Union([lit('ban'), lit('lift_ban')]), group_id: Id, operator_id: Id, user_id: Id, duration: Type.Integer() },
  'A member was muted for duration seconds or unmuted; user_id 0 (duration -1) is the whole group',
);
export const GroupCardNotice = notice(
  'group_card',
  { group_id: Id, user_id: Id, card_new: Type.String(), card_old: Type.String() },
  "A member's group card changed",
);
export const GroupUploadNotice = notice(
  'group_upload',
  { group_id: Id, user_id: Id, file: Type.Object({ id: Type.String(), name: Type.String(), size: Type.Integer(), busid: Type.Integer() }) },
  "A file was uploaded to the group's files",
);
export const OnlineFileSendNotice = notice(
  'online_file_send',
  { peer_id: Id, sub_type: Type.Union([lit('receive'), lit('refuse')]) },
  'The friend peer_id accepted (receive) or refused (refuse) an online file this account offered (NapCat)',
);
export const OnlineFileReceiveNotice = notice(
  'online_file_receive',
  { peer_id: Id, sub_type: lit('cancel') },
  'The friend peer_id cancelled an online file it offered this account (NapCat)',
);
export const EssenceNotice = notice(
  'essence',
  {
    sub_type: Type.Union([lit('add'), lit('delete')]),
    group_id: Id,
    user_id: Type.Optional(Id),
    message_id: Id,
    sender_id: Id,
    operator_id: Id,
  },
  'A message was set as essence (add; delete only in the go-cqhttp dialect); user_id and sender_id are its sender (no user_id in the go-cqhttp dialect)',
);
export const EmojiLikeNotice = notice(
  'group_msg_emoji_like',
  {
    group_id: Id,
    user_id: Id,
    message_id: Id,
    likes: Type.Array(Type.Object({ emoji_id: Type.String(), count: Type.Integer() }), {
      description: 'The emoji that was added or removed, with its count on the message after the change',
    }),
    is_add: Type.Boolean(),
  },
  'Someone added or removed an emoji reaction on a group message',
);
export const FriendAddNotice = notice('friend_add', { user_id: Id }, 'A new friend (each side learns the other)');

const RawInfo = Type.Array(Type.Record(Type.String(), Type.String()), {
  description: 'The gray-tip items QQ shows ("A 戳了戳 B"); absent in the go-cqhttp dialect',
});
export const GroupPokeNotice = notify(
  'poke',
  { group_id: Id, user_id: Id, sender_id: Type.Optional(Id), target_id: Id, raw_info: Type.Optional(RawInfo) },
  'A poke in a group: user_id poked target_id (the go-cqhttp dialect repeats the poker as sender_id)',
);
export const FriendPokeNotice = notify(
  'poke',
  { user_id: Id, sender_id: Type.Optional(Id), target_id: Id, raw_info: Type.Optional(RawInfo) },
  'A poke between friends: user_id is the other side of the chat, sender_id poked target_id (no sender_id in the LLBot dialect)',
);
export const TitleNotice = notify('title', { group_id: Id, user_id: Id, title: Type.String() }, 'A member got a special title');
export const GroupNameNotice = notify(
  'group_name',
  { group_id: Id, user_id: Id, name_new: Type.String() },
  'A group was renamed; user_id renamed it',
);
export const InputStatusNotice = notify(
  'input_status',
  { user_id: Id, group_id: Type.Literal(0), event_type: Type.Integer(), status_text: Type.String() },
  'The other side of a private chat is typing (or stopped)',
);
export const ProfileLikeNotice = notify(
  'profile_like',
  { operator_id: Id, operator_nick: Type.String(), times: Type.Integer() },
  "Someone liked the account's profile `times` times",
);

export const BotOfflineNotice = notice(
  'bot_offline',
  { user_id: Id, tag: Type.String(), message: Type.String() },
  "The account was logged out or kicked offline: tag and message are QQ's notice (title and text); the socket stays open",
);

export const NoticeEvent = Type.Union([
  GroupRecallNotice,
  FriendRecallNotice,
  GroupIncreaseNotice,
  GroupDecreaseNotice,
  GroupDismissNotice,
  GroupAdminNotice,
  GroupBanNotice,
  GroupCardNotice,
  GroupUploadNotice,
  OnlineFileSendNotice,
  OnlineFileReceiveNotice,
  EssenceNotice,
  EmojiLikeNotice,
  FriendAddNotice,
  GroupPokeNotice,
  FriendPokeNotice,
  TitleNotice,
  GroupNameNotice,
  InputStatusNotice,
  ProfileLikeNotice,
  BotOfflineNotice,
]);
export type NoticeEvent = Static<typeof NoticeEvent>;

const request = <R extends string, P extends TProperties>(requestType: R, properties: P, description: string) =>
  Type.Object(
    { ...head, post_type: lit('request'), request_type: lit(requestType), comment: Type.String(), flag: Type.String(), ...properties },
    { description },
  );

export const FriendRequestEvent = request(
  'friend',
  { user_id: Id },
  "Someone asks to be the account's friend; answer with set_friend_add_request(flag)",
);
export const GroupRequestEvent = request(
  'group',
  { sub_type: Type.Union([lit('add'), lit('invite')]), group_id: Id, user_id: Id, invitor_id: Type.Optional(Id) },
  'add: user_id asks to join (invitor_id, LLBot and go-cqhttp dialects only: the member who invited them); invite: user_id invites the account. Answer with set_group_add_request(flag, sub_type)',
);
export const RequestEvent = Type.Union([FriendRequestEvent, GroupRequestEvent]);
export type RequestEvent = Static<typeof RequestEvent>;

export const LifecycleEvent = Type.Object(
  {
    ...head,
    post_type: lit('meta_event'),
    meta_event_type: lit('lifecycle'),
    sub_type: Type.Union([lit('connect'), lit('enable'), lit('disable')]),
  },
  { description: 'connect is the first frame on every forward WebSocket that gets events' },
);
export const HeartbeatEvent = Type.Object(
  {
    ...head,
    post_type: lit('meta_event'),
    meta_event_type: lit('heartbeat'),
    status: Type.Object({ online: Type.Boolean(), good: Type.Boolean() }),
    interval: Type.Integer({ description: 'Milliseconds until the next heartbeat' }),
  },
  { description: "The account's status (as get_status), every `interval` ms" },
);
export type LifecycleEvent = Static<typeof LifecycleEvent>;
export type HeartbeatEvent = Static<typeof HeartbeatEvent>;
export const MetaEvent = Type.Union([LifecycleEvent, HeartbeatEvent]);
export type MetaEvent = Static<typeof MetaEvent>;

/** A message event: the same object get_msg answers, with post_type message or message_sent. */
export const MessageEvent = MessageObject;
export type MessageEvent = Static<typeof MessageEvent>;

export const OneBotEvent = Type.Union([MessageEvent, NoticeEvent, RequestEvent, MetaEvent]);
export type OneBotEvent = Static<typeof OneBotEvent>;
