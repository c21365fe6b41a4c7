import type { GroupJoinSettings, RequestKind, RequestStatus, WorldRequest } from '../request-model.js';

/** Requests (friend, join, invite) and the group settings that decide them. Writes run inside a unit of work. */
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

export interface RequestAnswer {
  readonly status: Exclude<RequestStatus, 'pending'>;
  readonly actorId: number;
  readonly reason: string;
  readonly time: number;
}

export interface RequestRepository {
  insert(request: NewRequest): WorldRequest;
  get(requestId: number): WorldRequest | undefined;
  list(filter: RequestFilter): WorldRequest[];
  /** Records the answer to a pending request and returns it answered. */
  answer(requestId: number, answer: RequestAnswer): WorldRequest;
}

export interface GroupSettingsRepository {
  joinSettings(groupId: number): GroupJoinSettings | undefined;
  putJoinSettings(settings: GroupJoinSettings): void;
  /** Accounts whose join requests the group refuses (kicked with reject_add_request). */
  isJoinBlocked(groupId: number, userId: number): boolean;
  blockJoin(groupId: number, userId: number, time: number): void;
  unblockJoin(groupId: number, userId: number): boolean;
  /** Accounts `ownerId` blocked (delete_friend temp_block): their friend requests are refused. */
  isFriendBlocked(ownerId: number, userId: number): boolean;
  blockFriend(ownerId: number, userId: number, time: number): void;
  /** How `userId` names the group for themselves ("" = no remark). */
  remark(userId: number, groupId: number): string;
  remarks(userId: number): Map<number, string>;
  setRemark(userId: number, groupId: number, remark: string): void;
}
