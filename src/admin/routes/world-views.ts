import type { AccountView, GroupView, MemberView } from '../../contract/admin/world-views.js';
import type { Account, Group, Member } from '../../world/model.js';

/** How the admin API shows an account (snake_case, like the world file and OneBot). */
export function accountView(account: Account): AccountView {
  return {
    user_id: account.userId,
    nickname: account.nickname,
    bot: account.isBot,
    sex: account.sex,
    age: account.age,
    long_nick: account.longNick,
    level: account.level,
    reg_time: account.regTime,
    status: account.onlineStatus.status,
    ext_status: account.onlineStatus.extStatus,
    battery_status: account.onlineStatus.batteryStatus,
  };
}

export function memberView(member: Member): MemberView {
  return {
    user_id: member.userId,
    role: member.role,
    card: member.card,
    title: member.title,
    join_time: member.joinTime,
    last_sent_time: member.lastSentTime,
    mute_until: member.muteUntil,
  };
}

export function groupView(group: Group, members: readonly Member[]): GroupView {
  return {
    group_id: group.groupId,
    group_name: group.name,
    owner_id: group.ownerId,
    max_member_count: group.maxMembers,
    member_count: members.length,
    whole_mute: group.wholeMute,
    create_time: group.createTime,
    members: members.map(memberView),
  };
}
