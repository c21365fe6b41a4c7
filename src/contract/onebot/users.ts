import { Type, type Static } from '@sinclair/typebox';
import { Sex } from '../people.js';

/**
 * NapCat's OB11User: one entry of get_friend_list and of a friend category's `buddyList`, the
 * fields OB11Construct.friends writes (helper/data.ts): no qid nor long_nick.
 */
export const FriendInfo = Type.Object({
  user_id: Type.Integer(),
  nickname: Type.String(),
  remark: Type.String(),
  sex: Sex,
  age: Type.Integer(),
  level: Type.Integer(),
  birthday_year: Type.Integer(),
  birthday_month: Type.Integer(),
  birthday_day: Type.Integer(),
  phone_num: Type.String(),
  email: Type.String(),
  category_id: Type.Integer(),
});
export type FriendInfo = Static<typeof FriendInfo>;

/** LLBot's friend (OB11Entities.friend): the remark falls back to the nickname; qid and long_nick, no level or contact details. */
export const LlbotFriendInfo = Type.Object({
  user_id: Type.Integer(),
  nickname: Type.String(),
  remark: Type.String(),
  sex: Sex,
  birthday_year: Type.Integer(),
  birthday_month: Type.Integer(),
  birthday_day: Type.Integer(),
  age: Type.Integer(),
  qid: Type.String(),
  long_nick: Type.String(),
});
export type LlbotFriendInfo = Static<typeof LlbotFriendInfo>;

/** go-cqhttp's friend: its QQ number, nickname and remark only. */
export const GocqFriendInfo = Type.Object({ user_id: Type.Integer(), nickname: Type.String(), remark: Type.String() });

/** One entry of get_friends_with_category: a friend category with its friends. */
export const FriendCategory = Type.Object({
  categoryId: Type.Integer(),
  categorySortId: Type.Integer(),
  categoryName: Type.String(),
  categoryMbCount: Type.Integer({ description: 'Friends in the category' }),
  onlineCount: Type.Integer(),
  buddyList: Type.Array(FriendInfo),
});
export type FriendCategory = Static<typeof FriendCategory>;

/** get_stranger_info: NapCat's fields, with the NT profile names it spreads in beside them. */
export const StrangerInfo = Type.Object({
  user_id: Type.Integer(),
  uid: Type.String(),
  uin: Type.String(),
  nickname: Type.String(),
  nick: Type.String(),
  age: Type.Integer(),
  qid: Type.String(),
  qqLevel: Type.Integer(),
  level: Type.Integer(),
  sex: Sex,
  long_nick: Type.String(),
  longNick: Type.String(),
  reg_time: Type.Integer(),
  is_vip: Type.Boolean(),
  is_years_vip: Type.Boolean(),
  vip_level: Type.Integer(),
  remark: Type.String(),
  status: Type.Integer({ description: 'As the caller sees it: an invisible account looks offline (20) to others' }),
  ext_status: Type.Integer(),
  login_days: Type.Integer(),
  birthday_year: Type.Integer(),
  birthday_month: Type.Integer(),
  birthday_day: Type.Integer(),
  is_robot: Type.Boolean(),
});
export type StrangerInfo = Static<typeof StrangerInfo>;
