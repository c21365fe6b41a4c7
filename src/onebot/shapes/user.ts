import type { FriendInfo, LlbotFriendInfo, StrangerInfo } from '../../contract/onebot/users.js';
import { uidOf } from '../../world/services/account-service.js';
import type { Account, Friendship } from '../../world/model.js';
import { visibleStatus } from './status.js';

/** QQ's "offline" status code; invisible (40) also looks offline to others. */
const offlineStatuses = new Set([20, 40]);

export function isShownOnline(account: Account): boolean {
  return !offlineStatuses.has(account.onlineStatus.status);
}

/** NapCat's OB11User: one entry of get_friend_list and of a category's buddyList. */
export function toOb11Friend(account: Account, friendship: Friendship): FriendInfo {
  return {
    user_id: account.userId,
    nickname: account.nickname,
    remark: friendship.remark,
    sex: account.sex,
    age: account.age,
    level: account.level,
    birthday_year: account.birthday.year,
    birthday_month: account.birthday.month,
    birthday_day: account.birthday.day,
    phone_num: account.phone,
    email: account.email,
    category_id: friendship.categoryId,
  };
}

/** LLBot's friend entry (src/onebot11/entities.ts OB11Entities.friend): an empty remark reads as the nickname. */
export function toLlbotFriend(account: Account, friendship: Friendship): LlbotFriendInfo {
  return {
    user_id: account.userId,
    nickname: account.nickname,
    remark: friendship.remark || account.nickname,
    sex: account.sex,
    birthday_year: account.birthday.year,
    birthday_month: account.birthday.month,
    birthday_day: account.birthday.day,
    age: account.age,
    qid: '',
    long_nick: account.longNick,
  };
}

/**
 * get_stranger_info: NapCat's fields, with the NT profile names it spreads in beside them. The
 * status is as `viewerId` sees it (an invisible account looks offline to others).
 */
export function toOb11Stranger(account: Account, remark: string, viewerId: number = account.userId): StrangerInfo {
  const shown = visibleStatus(account, viewerId);
  return {
    user_id: account.userId,
    uid: uidOf(account.userId),
    uin: String(account.userId),
    nickname: account.nickname,
    nick: account.nickname,
    age: account.age,
    qid: '',
    qqLevel: account.level,
    level: account.level,
    sex: account.sex,
    long_nick: account.longNick,
    longNick: account.longNick,
    reg_time: account.regTime,
    is_vip: false,
    is_years_vip: false,
    vip_level: 0,
    remark,
    status: shown.status,
    ext_status: shown.ext_status,
    login_days: 0,
    birthday_year: account.birthday.year,
    birthday_month: account.birthday.month,
    birthday_day: account.birthday.day,
    is_robot: account.isBot,
  };
}
