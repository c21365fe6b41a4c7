import type { GroupInfo, GroupMemberInfo } from '../../contract/onebot/groups.js';
import type { Account, Group, Member } from '../../world/model.js';
import type { PublicUrls } from '../action.js';
import { groupAvatarUrl } from './avatar.js';

/**
 * NapCat's OB11Group (get_group_list entries, get_group_info), plus `avatar_url` (Catnap's
 * extra): the avatar set with set_group_portrait, served by Catnap. `remark`: the caller's own
 * remark for the group (set_group_remark).
 */
export function toOb11Group(group: Group, memberCount: number, urls?: PublicUrls, remark = ''): GroupInfo {
  return {
    group_id: group.groupId,
    group_name: group.name,
    member_count: memberCount,
    max_member_count: group.maxMembers,
    group_all_shut: group.wholeMute ? -1 : 0,
    group_remark: remark,
    ...(urls && { avatar_url: groupAvatarUrl(group, urls) }),
  };
}

/**
 * NapCat's OB11GroupMember. `level` is a string as OneBot 11 says; `shut_up_timestamp` is when
 * the member's mute ends (0 when not muted). `title_expire_time` is always 0, as NapCat and LLBot
 * write it (the title itself goes once it expires).
 */
export function toOb11Member(member: Member, account: Account, nowSeconds: number): GroupMemberInfo {
  const muted = member.muteUntil > nowSeconds;
  const titleActive = member.titleExpireTime === 0 || member.titleExpireTime > nowSeconds;
  return {
    group_id: member.groupId,
    user_id: member.userId,
    nickname: account.nickname,
    card: member.card,
    sex: account.sex,
    age: account.age,
    area: '',
    level: String(member.level),
    qq_level: account.level,
    join_time: member.joinTime,
    last_sent_time: member.lastSentTime,
    title_expire_time: 0,
    unfriendly: false,
    card_changeable: true,
    is_robot: account.isBot,
    shut_up_timestamp: muted ? member.muteUntil : 0,
    role: member.role,
    title: titleActive ? member.title : '',
  };
}
