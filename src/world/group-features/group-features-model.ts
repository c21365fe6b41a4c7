/** A group's feature switches (see migration 013); a group never set has `defaultGroupFeatures`. */
export interface GroupFeatures {
  /** Plain members may create albums and upload to them. */
  readonly allowMemberUploadAlbum: boolean;
  /** Plain members may start temp chats through the group. */
  readonly allowMemberTemporarySession: boolean;
  /** Plain members may start a new group from this one (kept; the world has no such action). */
  readonly allowMemberCreateGroup: boolean;
  /** New members see the messages sent before they joined. */
  readonly newMembersSeeHistory: boolean;
  /** QQ's robot-join options (set_group_robot_add_option), kept as given. */
  readonly robotMemberSwitch: number;
  readonly robotMemberExamine: number;
  /** QQ's group-search options (set_group_search), kept as given. */
  readonly noCodeFingerOpen: number;
  readonly noFingerOpen: number;
  /** Members may chat anonymously (QQ's 匿名聊天 switch, set_group_anonymous; migration 015). */
  readonly allowAnonymous: boolean;
}

export const defaultGroupFeatures: GroupFeatures = {
  allowMemberUploadAlbum: true,
  allowMemberTemporarySession: true,
  allowMemberCreateGroup: true,
  newMembersSeeHistory: true,
  robotMemberSwitch: 0,
  robotMemberExamine: 0,
  noCodeFingerOpen: 0,
  noFingerOpen: 0,
  allowAnonymous: false,
};

export interface GroupFeaturesRepository {
  get(groupId: number): GroupFeatures;
  put(groupId: number, features: GroupFeatures): void;
  /** The last seq of the group a member may not see (0: they see everything). */
  historyFloor(groupId: number, userId: number): number;
  /** Sets (seq > 0) or clears (seq 0) a member's history floor. */
  setHistoryFloor(groupId: number, userId: number, seq: number): void;
}
