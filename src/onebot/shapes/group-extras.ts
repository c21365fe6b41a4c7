import { Type, type Static } from '@sinclair/typebox';
import { GroupInfo } from '../../contract/onebot/groups.js';
import { uidOf } from '../../world/services/account-service.js';
import type { GroupNotice } from '../../world/group-content-model.js';
import type { GroupJoinSettings } from '../../world/request-model.js';
import type { Account, Group, Member, Role } from '../../world/model.js';
import type { PublicUrls } from '../action.js';
import { toOb11Group } from './group.js';

/** NT's member role numbers, as raw NT records carry them. */
const ntRoles: Record<Role, number> = { owner: 4, admin: 3, member: 2 };

/** A raw NT group member record, as NapCat returns it from get_group_shut_list. */
export const NtMember = Type.Object({
  uid: Type.String(),
  qid: Type.String(),
  uin: Type.String(),
  nick: Type.String(),
  remark: Type.String(),
  cardType: Type.Integer(),
  cardName: Type.String(),
  role: Type.Integer({ description: 'NT role: 4 owner, 3 admin, 2 member' }),
  avatarPath: Type.String(),
  shutUpTime: Type.Integer({ description: 'When the mute ends (Unix seconds)' }),
  isDelete: Type.Boolean(),
  isRobot: Type.Boolean(),
  memberRealLevel: Type.Integer(),
  memberLevel: Type.Integer(),
  memberSpecialTitle: Type.String(),
  specialTitleExpireTime: Type.String(),
  joinTime: Type.Integer(),
  lastSpeakTime: Type.Integer(),
});

export function toNtMember(member: Member, account: Account, nowSeconds: number): Static<typeof NtMember> {
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
export const GroupDetail = Type.Composite([
  GroupInfo,
  Type.Object({
    groupCode: Type.String(),
    groupUin: Type.String(),
    groupName: Type.String(),
    ownerUin: Type.String(),
    ownerUid: Type.String(),
    memberNum: Type.Integer(),
    maxMemberNum: Type.Integer(),
    groupCreateTime: Type.Integer(),
    groupMemo: Type.String(),
    fingerMemo: Type.String(),
    richFingerMemo: Type.String(),
    remarkName: Type.String(),
    groupQuestion: Type.String(),
    addOption: Type.Integer({ description: '1 anyone, 2 admin approval, 3 nobody, 4 correct answer, 5 answer then approval' }),
    shutUpAllTimestamp: Type.Integer(),
    shutUpMeTimestamp: Type.Integer(),
    cmdUinJoinTime: Type.Integer(),
    cmdUinPrivilege: Type.Integer(),
    activeMemberNum: Type.Integer(),
    groupGrade: Type.Integer(),
    isTop: Type.Boolean(),
  }),
]);

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
): Static<typeof GroupDetail> {
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

const GuildIds = Type.Object({ guildIds: Type.Array(Type.String()) });

/** NapCat's get_group_info_ex: QQ's group extension record (features the world does not have stay 0). */
export const GroupInfoEx = Type.Object({
  groupCode: Type.String(),
  resultCode: Type.Integer(),
  extInfo: Type.Object({
    groupInfoExtSeq: Type.Integer(),
    reserve: Type.Integer(),
    luckyWordId: Type.String(),
    lightCharNum: Type.Integer(),
    luckyWord: Type.String(),
    starId: Type.Integer(),
    essentialMsgSwitch: Type.Integer(),
    todoSeq: Type.Integer(),
    blacklistExpireTime: Type.Integer(),
    isLimitGroupRtc: Type.Integer(),
    companyId: Type.Integer(),
    hasGroupCustomPortrait: Type.Integer(),
    bindGuildId: Type.String(),
    groupOwnerId: Type.Object({ memberUin: Type.String(), memberUid: Type.String(), memberQid: Type.String() }),
    essentialMsgPrivilege: Type.Integer(),
    msgEventSeq: Type.String(),
    inviteRobotSwitch: Type.Integer(),
    gangUpId: Type.String(),
    qqMusicMedalSwitch: Type.Integer(),
    showPlayTogetherSwitch: Type.Integer(),
    groupFlagPro1: Type.String(),
    groupBindGuildIds: GuildIds,
    viewedMsgDisappearTime: Type.String(),
    groupExtFlameData: Type.Object({
      switchState: Type.Integer(),
      state: Type.Integer(),
      dayNums: Type.Array(Type.Integer()),
      version: Type.Integer(),
      updateTime: Type.String(),
      isDisplayDayNum: Type.Boolean(),
    }),
    groupBindGuildSwitch: Type.Integer(),
    groupAioBindGuildId: Type.String(),
    groupExcludeGuildIds: GuildIds,
    fullGroupExpansionSwitch: Type.Integer(),
    fullGroupExpansionSeq: Type.String(),
    inviteRobotMemberSwitch: Type.Integer(),
    inviteRobotMemberExamine: Type.Integer(),
    groupSquareSwitch: Type.Integer(),
  }),
});

export function toGroupInfoEx(group: Group, hasEssence: boolean): Static<typeof GroupInfoEx> {
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

const NoticeImage = Type.Object({ id: Type.String(), height: Type.String(), width: Type.String(), url: Type.String() });

/** One entry of _get_group_notice, NapCat's shape (`image` and `images` both, as NapCat sends). */
export const NoticeEntry = Type.Object({
  notice_id: Type.String(),
  sender_id: Type.Integer(),
  publish_time: Type.Integer(),
  message: Type.Object({ text: Type.String(), image: Type.Array(NoticeImage), images: Type.Array(NoticeImage) }),
  settings: Type.Object({
    is_show_edit_card: Type.Integer(),
    remind_ts: Type.Integer(),
    tip_window_type: Type.Integer(),
    confirm_required: Type.Integer(),
  }),
  pinned: Type.Integer(),
  type: Type.Integer(),
  read_num: Type.Integer(),
});

export function toNotice(notice: GroupNotice, urls: PublicUrls): Static<typeof NoticeEntry> {
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
