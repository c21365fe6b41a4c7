import type {
  FriendCategoryEntity,
  FriendEntity,
  GroupAnnouncementEntity,
  GroupEntity,
  GroupFileEntity,
  GroupFolderEntity,
  GroupMemberEntity,
} from '@saltify/milky-types';
import type { z } from 'zod';
import { nowSeconds } from '../util/clock.js';
import type { PublicUrls } from '../util/public-urls.js';
import type { GroupNotice } from '../world/group-content-model.js';
import type { GroupFile, GroupFolder } from '../world/files/records.js';
import type { Account, FriendCategory, Friendship, Group, Member } from '../world/model.js';
import type { World } from '../world/world.js';

export type Friend = z.input<typeof FriendEntity>;
export type GroupView = z.input<typeof GroupEntity>;
export type MemberView = z.input<typeof GroupMemberEntity>;

/** QQ's default friend category, which every account has even when the world stored none. */
const defaultCategory = { category_id: 0, category_name: '我的好友' } satisfies z.input<typeof FriendCategoryEntity>;

export function friendEntity(account: Account, friendship: Friendship | undefined, categories: readonly FriendCategory[]): Friend {
  const category = categories.find((candidate) => candidate.categoryId === friendship?.categoryId);
  return {
    user_id: account.userId,
    nickname: account.nickname,
    sex: account.sex,
    qid: '',
    remark: friendship?.remark ?? '',
    category: category ? { category_id: category.categoryId, category_name: category.name } : defaultCategory,
  };
}

/**
 * The other side of a private chat the world no longer has: a snapshot restore took the account
 * away while events of the chat were still being built (their message outlives the restore).
 * Shown as a member who left is: by number, sex unknown, in the default category.
 */
export function missingFriendEntity(userId: number): Friend {
  return { user_id: userId, nickname: String(userId), sex: 'unknown', qid: '', remark: '', category: defaultCategory };
}

export function memberEntity(member: Member, account: Account | undefined, now: number): MemberView {
  const titleActive = member.titleExpireTime === 0 || member.titleExpireTime > now;
  return {
    user_id: member.userId,
    nickname: account?.nickname ?? String(member.userId),
    sex: account?.sex ?? 'unknown',
    group_id: member.groupId,
    card: member.card,
    title: titleActive ? member.title : '',
    level: member.level,
    role: member.role,
    join_time: member.joinTime,
    last_sent_time: member.lastSentTime,
    shut_up_end_time: member.muteUntil > now ? member.muteUntil : null,
  };
}

export function announcementEntity(notice: GroupNotice, urls: PublicUrls): z.input<typeof GroupAnnouncementEntity> {
  return {
    group_id: notice.groupId,
    announcement_id: notice.noticeId,
    user_id: notice.senderId,
    time: notice.publishTime,
    content: notice.content,
    image_url: notice.imageBlob ? urls.media(notice.imageBlob) : null,
  };
}

export function groupFileEntity(file: GroupFile): z.input<typeof GroupFileEntity> {
  return {
    group_id: file.groupId,
    file_id: file.fileId,
    file_name: file.name,
    parent_folder_id: file.folderId,
    file_size: file.size,
    uploaded_time: file.uploadTime,
    expire_time: file.deadTime > 0 ? file.deadTime : null,
    uploader_id: file.uploaderId,
    downloaded_times: file.downloadTimes,
  };
}

export function groupFolderEntity(folder: GroupFolder, fileCount: number): z.input<typeof GroupFolderEntity> {
  return {
    group_id: folder.groupId,
    folder_id: folder.folderId,
    parent_folder_id: '/',
    folder_name: folder.name,
    created_time: folder.createTime,
    last_modified_time: folder.modifyTime,
    creator_id: folder.creatorId,
    file_count: fileCount,
  };
}

/**
 * Builds Milky's entities as one account sees them (its remarks, its friend categories), loading
 * each account, group and membership once per view; a view lives for one call or one event.
 */
export class EntityViews {
  readonly #accounts = new Map<number, Promise<Account | undefined>>();
  readonly #groups = new Map<number, Promise<GroupView | undefined>>();
  #categories: Promise<FriendCategory[]> | undefined;

  constructor(
    readonly world: World,
    readonly viewerId: number,
  ) {}

  get now(): number {
    return nowSeconds(this.world.clock);
  }

  account(userId: number): Promise<Account | undefined> {
    let account = this.#accounts.get(userId);
    if (!account) {
      account = Promise.resolve(this.world.accounts.find(userId));
      this.#accounts.set(userId, account);
    }
    return account;
  }

  /** A friend of the viewer; a former friend (an old message) keeps the default category. */
  async friend(userId: number): Promise<Friend | undefined> {
    const account = await this.account(userId);
    if (!account) return undefined;
    this.#categories ??= Promise.resolve(this.world.friends.categories(this.viewerId));
    return friendEntity(account, await this.world.friends.get(this.viewerId, userId), await this.#categories);
  }

  group(groupId: number): Promise<GroupView | undefined> {
    let view = this.#groups.get(groupId);
    if (!view) {
      view = this.#loadGroup(groupId);
      this.#groups.set(groupId, view);
    }
    return view;
  }

  /** A member as the group shows them; someone who has left is shown as a plain member. */
  async member(groupId: number, userId: number): Promise<MemberView> {
    const member = await this.world.groups.findMember(groupId, userId);
    const account = await this.account(userId);
    if (member) return memberEntity(member, account, this.now);
    return memberEntity(
      { groupId, userId, role: 'member', card: '', title: '', titleExpireTime: 0, joinTime: 0, lastSentTime: 0, level: 1, muteUntil: 0 },
      account,
      this.now,
    );
  }

  async #loadGroup(groupId: number): Promise<GroupView | undefined> {
    const group = await this.world.groups.find(groupId);
    return group && this.groupEntity(group);
  }

  /** The group with its counts, the viewer's remark, its join question and its newest announcement. */
  async groupEntity(group: Group): Promise<GroupView> {
    const [memberCount, remark, settings, notices] = await Promise.all([
      this.world.groups.memberCount(group.groupId),
      this.world.groupAdmin.remark(this.viewerId, group.groupId),
      this.world.groupAdmin.joinSettings(group.groupId),
      this.world.notices.list('world', group.groupId),
    ]);
    const latest = [...notices].sort((a, b) => b.publishTime - a.publishTime)[0];
    return {
      group_id: group.groupId,
      group_name: group.name,
      member_count: memberCount,
      max_member_count: group.maxMembers,
      remark,
      created_time: group.createTime,
      description: group.memo,
      question: settings.question,
      announcement: latest?.content ?? '',
    };
  }
}
