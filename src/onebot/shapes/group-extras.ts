import { uidOf } from '../../world/services/account-service.js';
import type { GroupNotice } from '../../world/group-content-model.js';
import type { GroupJoinSettings } from '../../world/request-model.js';
import type { Account, Group, Member, Role } from '../../world/model.js';
import type { PublicUrls } from '../action.js';
import { toOb11Group } from './group.js';

/** NT's member role numbers, as raw NT records carry them. */
const ntRoles: Record<Role, number> = { owner: 4, admin: 3, member: 2 };

/** A raw NT group member record, as NapCat returns it from get_group_shut_list. */
export function toNtMember(member: Member, account: Account, nowSeconds: number) {
  const titleActive = member.titleExpireTime === 0 || member.titleExpireTime > nowSeconds;
  return {
    uid: uidOf(member.userId),
    qid: '',
    uin: String(member.userId),
    nick: account.nickname,
    remark: '',
    cardType: 0,
    cardName: member.card,
    role: ntRoles[member.role],
    avatarPath: '',
    shutUpTime: member.muteUntil > nowSeconds ? member.muteUntil : 0,
    isDelete: false,
    isRobot: account.isBot,
    memberRealLevel: member.level,
    memberLevel: member.level,
    memberSpecialTitle: titleActive ? member.title : '',
    specialTitleExpireTime: String(titleActive ? member.titleExpireTime : 0),
    joinTime: member.joinTime,
    lastSpeakTime: member.lastSentTime,
  };
}

/** NapCat's get_group_detail_info: the OneBot group plus the NT detail fields the world knows. */
export function toGroupDetail(
  group: Group,
  memberCount: number,
  context: {
    urls: PublicUrls;
    remark: string;
    settings: GroupJoinSettings;
    self: Member | undefined;
    activeMembers: number;
    nowSeconds: number;
  },
) {
  const { self, settings } = context;
  return {
    ...toOb11Group(group, memberCount, context.urls, context.remark),
    group_all_shut: group.wholeMute ? -1 : 0,
    groupCode: String(group.groupId),
    groupUin: String(group.groupId),
    groupName: group.name,
    ownerUin: String(group.ownerId),
    ownerUid: uidOf(group.ownerId),
    memberNum: memberCount,
    maxMemberNum: group.maxMembers,
    groupCreateTime: group.createTime,
    groupMemo: group.memo,
    fingerMemo: group.memo,
    richFingerMemo: group.memo,
    remarkName: context.remark,
    groupQuestion: settings.question,
    addOption: settings.addOption,
    shutUpAllTimestamp: group.wholeMute ? 0x7fffffff : 0,
    shutUpMeTimestamp: self && self.muteUntil > context.nowSeconds ? self.muteUntil : 0,
    cmdUinJoinTime: self?.joinTime ?? 0,
    cmdUinPrivilege: self ? ntRoles[self.role] : 0,
    activeMemberNum: context.activeMembers,
    groupGrade: 1,
    isTop: false,
  };
}

/** NapCat's get_group_info_ex: QQ's group extension record (features the world does not have stay 0). */
export function toGroupInfoEx(group: Group, hasEssence: boolean) {
  return {
    groupCode: String(group.groupId),
    resultCode: 0,
    extInfo: {
      groupInfoExtSeq: 1,
      reserve: 0,
      luckyWordId: '0',
      lightCharNum: 0,
      luckyWord: '',
      starId: 0,
      essentialMsgSwitch: hasEssence ? 1 : 0,
      todoSeq: 0,
      blacklistExpireTime: 0,
      isLimitGroupRtc: 0,
      companyId: 0,
      hasGroupCustomPortrait: group.avatar ? 1 : 0,
      bindGuildId: '0',
      groupOwnerId: { memberUin: String(group.ownerId), memberUid: uidOf(group.ownerId), memberQid: '' },
      essentialMsgPrivilege: 0,
      msgEventSeq: '0',
      inviteRobotSwitch: 0,
      gangUpId: '0',
      qqMusicMedalSwitch: 0,
      showPlayTogetherSwitch: 0,
      groupFlagPro1: '0',
      groupBindGuildIds: { guildIds: [] },
      viewedMsgDisappearTime: '0',
      groupExtFlameData: { switchState: 0, state: 0, dayNums: [], version: 0, updateTime: '0', isDisplayDayNum: false },
      groupBindGuildSwitch: 0,
      groupAioBindGuildId: '0',
      groupExcludeGuildIds: { guildIds: [] },
      fullGroupExpansionSwitch: 0,
      fullGroupExpansionSeq: '0',
      inviteRobotMemberSwitch: 0,
      inviteRobotMemberExamine: 0,
      groupSquareSwitch: 0,
    },
  };
}

/** One entry of _get_group_notice, NapCat's shape (`image` and `images` both, as NapCat sends). */
export function toNotice(notice: GroupNotice, urls: PublicUrls) {
  const image = notice.imageBlob
    ? [{ id: notice.imageBlob, height: String(notice.imageHeight), width: String(notice.imageWidth), url: urls.media(notice.imageBlob) }]
    : [];
  return {
    notice_id: notice.noticeId,
    sender_id: notice.senderId,
    publish_time: notice.publishTime,
    message: { text: notice.content, image, images: image },
    settings: {
      is_show_edit_card: notice.showEditCard ? 1 : 0,
      remind_ts: 0,
      tip_window_type: notice.tipWindowType,
      confirm_required: notice.confirmRequired ? 1 : 0,
    },
    pinned: notice.pinned ? 1 : 0,
    type: notice.type,
    read_num: 0,
  };
}
