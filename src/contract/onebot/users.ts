import { Type, type Static } from '@sinclair/typebox';
import { Sex } from '../people.js';

/** NapCat's OB11User: one entry of get_friend_list and of a friend category's `buddyList`. */
export const FriendInfo = Type.Object({
  user_id: Type.Integer(),
  nickname: Type.String(),
  remark: Type.String(),
  sex: Sex,
  age: Type.Integer(),
  level: Type.Integer(),
  qid: Type.String(),
  long_nick: Type.String(),
  birthday_year: Type.Integer(),
  birthday_month: Type.Integer(),
  birthday_day: Type.Integer(),
  phone_num: Type.String(),
  email: Type.String(),
  category_id: Type.Integer(),
});
export type FriendInfo = Static<typeof FriendInfo>;

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
