import type { EssenceEntry, GroupJoinSettings, GroupNotice, GroupSign, RequestKind, RequestStatus, WorldRequest } from '../extras-model.js';

/**
 * Repositories of group administration and requests (migration 004), reached through
 * `WorldStore.extras`. Asynchronous like every repository, so another store can implement them.
 */
export interface ExtrasStore {
  readonly requests: RequestRepository;
  readonly groupSettings: GroupSettingsRepository;
  readonly notices: NoticeRepository;
  readonly signs: SignRepository;
  readonly essence: EssenceRepository;
  readonly secrets: SecretRepository;
  readonly pins: PinRepository;
}

export type NewRequest = Omit<WorldRequest, 'requestId' | 'status' | 'actorId' | 'reason' | 'handledAt'> & {
  /** Answered at once (a group's join setting decided): status, actor and time are stored with it. */
  readonly answered?: { status: Exclude<RequestStatus, 'pending'>; actorId: number; reason: string };
};

export interface RequestFilter {
  readonly kind?: RequestKind;
  readonly requesterId?: number;
  readonly targetId?: number;
  /** Requests of any of these groups. */
  readonly groupIds?: readonly number[];
  readonly status?: RequestStatus;
  readonly filtered?: boolean;
  /** Newest first, at most this many. */
  readonly limit?: number;
}

export interface RequestRepository {
  insert(request: NewRequest): Promise<WorldRequest>;
  get(requestId: number): Promise<WorldRequest | undefined>;
  list(filter: RequestFilter): Promise<WorldRequest[]>;
  /**
   * Answers a pending request: sets status, actor, reason and time only if it is still pending
   * (so two answers cannot both win). Returns the answered request, or undefined if it was not pending.
   */
  answer(
    requestId: number,
    answer: { status: Exclude<RequestStatus, 'pending'>; actorId: number; reason: string; time: number },
  ): Promise<WorldRequest | undefined>;
  /** Puts an answered request back to pending (the change its answer caused failed). */
  reopen(requestId: number): Promise<void>;
}

export interface GroupSettingsRepository {
  joinSettings(groupId: number): Promise<GroupJoinSettings | undefined>;
  putJoinSettings(settings: GroupJoinSettings): Promise<void>;
  /** Accounts whose join requests the group refuses (kicked with reject_add_request). */
  isJoinBlocked(groupId: number, userId: number): Promise<boolean>;
  blockJoin(groupId: number, userId: number, time: number): Promise<void>;
  unblockJoin(groupId: number, userId: number): Promise<boolean>;
  /** Accounts `ownerId` blocked (delete_friend temp_block): their friend requests are refused. */
  isFriendBlocked(ownerId: number, userId: number): Promise<boolean>;
  blockFriend(ownerId: number, userId: number, time: number): Promise<void>;
  /** How `userId` names the group for themselves ("" = no remark). */
  remark(userId: number, groupId: number): Promise<string>;
  remarks(userId: number): Promise<Map<number, string>>;
  setRemark(userId: number, groupId: number, remark: string): Promise<void>;
}

export interface NoticeRepository {
  /** Stores the notice; `noticeIdOf` builds its id from the row's sequence number. */
  insert(notice: Omit<GroupNotice, 'noticeId'>, noticeIdOf: (seq: number) => string): Promise<GroupNotice>;
  get(noticeId: string): Promise<GroupNotice | undefined>;
  /** Newest first. */
  list(groupId: number): Promise<GroupNotice[]>;
  remove(noticeId: string): Promise<boolean>;
}

export interface SignRepository {
  /** Records a check-in; false if the member already checked in that day. */
  insert(sign: GroupSign): Promise<boolean>;
  /** One day's check-ins, earliest first. */
  list(groupId: number, day: string): Promise<GroupSign[]>;
}

export interface EssenceRepository {
  get(groupId: number, messageId: number): Promise<EssenceEntry | undefined>;
  /** Newest first. */
  list(groupId: number): Promise<EssenceEntry[]>;
  insert(entry: EssenceEntry): Promise<boolean>;
  remove(groupId: number, messageId: number): Promise<boolean>;
}

export interface SecretRepository {
  /** The named secret, created with `create()` the first time it is asked for. */
  getOrCreate(name: string, create: () => string): Promise<string>;
}

/** A pinned chat of an account: a group, or the private chat with a user. */
export interface PeerPin {
  readonly kind: 'group' | 'private';
  readonly peerId: number;
  readonly pinnedAt: number;
}

export interface PinRepository {
  /** The account's pinned chats, most recently pinned first. */
  list(ownerId: number): Promise<PeerPin[]>;
  /** Pins or unpins; returns whether anything changed. */
  set(ownerId: number, pin: PeerPin, pinned: boolean): Promise<boolean>;
}
