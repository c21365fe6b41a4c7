import { Type, type Static } from '@sinclair/typebox';
import { GroupInfo, GroupMemberInfo } from './groups.js';
import { MessageDetail, MessagePage, RecentContact, SendResult } from './message.js';
import { FriendCategory, FriendInfo, StrangerInfo } from './users.js';

/**
 * The result schemas of the actions whose answers clients read field by field (the console does),
 * by action name. The server's action table uses these very schemas for these actions, so the
 * console's `act('get_group_member_list', ...)` is typed by what the server must answer. Every
 * other action's result schema lives beside its handler in `src/onebot/actions/`.
 */
export const actionResults = {
  get_friend_list: Type.Array(FriendInfo),
  get_friends_with_category: Type.Array(FriendCategory),
  get_stranger_info: StrangerInfo,
  get_group_list: Type.Array(GroupInfo),
  get_group_info: GroupInfo,
  get_group_member_info: GroupMemberInfo,
  get_group_member_list: Type.Array(GroupMemberInfo),
  send_msg: SendResult,
  send_group_msg: SendResult,
  send_private_msg: SendResult,
  get_msg: MessageDetail,
  get_group_msg_history: MessagePage,
  get_friend_msg_history: MessagePage,
  get_forward_msg: MessagePage,
  get_recent_contact: Type.Array(RecentContact),
};

/** What each of those actions answers, by name. */
export type ActionResults = { [K in keyof typeof actionResults]: Static<(typeof actionResults)[K]> };
