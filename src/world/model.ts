/**
 * The records of the QQ world, as the services hand them out. Plain, immutable data in camelCase;
 * OneBot's snake_case shapes are built from these in `onebot/`.
 * Times are Unix seconds, as QQ keeps them.
 */

export type Sex = 'male' | 'female' | 'unknown';

/** QQ's online status: `status` 10 online, 30 away, 40 invisible, 50 busy, 60 Q-me, 70 DND;
 * `extStatus` refines status 10 into custom statuses (1028 listening to music, ...). */
export interface OnlineStatus {
  readonly status: number;
  readonly extStatus: number;
  readonly batteryStatus: number;
}

export interface Account {
  readonly userId: number;
  readonly nickname: string;
  readonly sex: Sex;
  readonly age: number;
  readonly longNick: string;
  readonly level: number;
  /** When the QQ number was registered. */
  readonly regTime: number;
  /** Blob id of the avatar image, or "" for the default avatar. */
  readonly avatar: string;
  /** A bot account: one a OneBot client drives. Ordinary accounts are simulated people. */
  readonly isBot: boolean;
  readonly onlineStatus: OnlineStatus;
  readonly birthday: { readonly year: number; readonly month: number; readonly day: number };
  readonly email: string;
  readonly phone: string;
  readonly createdAt: number;
}

export interface FriendCategory {
  readonly ownerId: number;
  readonly categoryId: number;
  readonly name: string;
  readonly sortId: number;
}

/** One direction of a friendship: how `ownerId` sees `friendId`. A mutual friendship has both. */
export interface Friendship {
  readonly ownerId: number;
  readonly friendId: number;
  readonly remark: string;
  readonly categoryId: number;
  readonly since: number;
}

export interface Group {
  readonly groupId: number;
  readonly name: string;
  readonly ownerId: number;
  readonly maxMembers: number;
  /** Blob id of the group avatar, or "". */
  readonly avatar: string;
  readonly createTime: number;
  /** Whole-group mute: only the owner and admins may speak. */
  readonly wholeMute: boolean;
  readonly memo: string;
}

export type Role = 'owner' | 'admin' | 'member';

export interface Member {
  readonly groupId: number;
  readonly userId: number;
  readonly role: Role;
  readonly card: string;
  readonly title: string;
  /** 0 = the special title never expires. */
  readonly titleExpireTime: number;
  readonly joinTime: number;
  readonly lastSentTime: number;
  readonly level: number;
  /** Unix seconds until which the member may not speak; 0 = not muted. */
  readonly muteUntil: number;
}

/** QQ's rank order: a member may act on members of strictly lower rank only. */
export const roleRank: Record<Role, number> = { owner: 3, admin: 2, member: 1 };

export const defaultOnlineStatus: OnlineStatus = { status: 10, extStatus: 0, batteryStatus: 100 };
