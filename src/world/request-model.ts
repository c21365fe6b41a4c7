/**
 * Records of requests (friend requests, group join requests, group invitations) and of the group
 * join settings that decide them. Plain immutable data in camelCase, like `model.ts`; times are
 * Unix seconds.
 */

/** friend: requester asks target to be friends; join: requester asks to join groupId;
 * invite: requester (a member) invites target into groupId. */
export type RequestKind = 'friend' | 'join' | 'invite';
export type RequestStatus = 'pending' | 'approved' | 'rejected';

export interface WorldRequest {
  /** Sequence number, never reused; its decimal string is the request's OneBot `flag`. */
  readonly requestId: number;
  readonly kind: RequestKind;
  readonly requesterId: number;
  /** friend: the account asked; invite: the account invited; join: 0. */
  readonly targetId: number;
  /** join and invite: the group; friend: 0. */
  readonly groupId: number;
  /** join: the member whose invitation led to this request, else 0. */
  readonly invitorId: number;
  readonly comment: string;
  /** QQ's filter: a "doubtful" friend request or an ignored join request raises no event. */
  readonly filtered: boolean;
  readonly status: RequestStatus;
  /** Who answered it (0 while pending, or when the world answered by the group's join setting). */
  readonly actorId: number;
  readonly reason: string;
  readonly createdAt: number;
  readonly handledAt: number;
}

/** The OneBot flag of a request. */
export const flagOf = (request: Pick<WorldRequest, 'requestId'>): string => String(request.requestId);

/**
 * How a group takes new members, with NapCat's `add_type` numbers: 1 anyone may join,
 * 2 an admin approves (QQ's default), 3 nobody may ask to join, 4 a correct answer joins at once,
 * 5 the answer goes to an admin for approval.
 */
export type AddOption = 1 | 2 | 3 | 4 | 5;
export const addOptions: readonly AddOption[] = [1, 2, 3, 4, 5];

/**
 * What an invitation from a plain member leads to (NapCat's set_group_member_invite_policy):
 * disabled: members may not invite; require_approval: an admin approves the invitee (QQ's
 * default); no_approval: the invitee joins at once; no_approval_under_100: at once while the
 * group has fewer than 100 members. Invitations from the owner and admins always add at once.
 */
export type InvitePolicy = 'disabled' | 'require_approval' | 'no_approval' | 'no_approval_under_100';
export const invitePolicies: readonly InvitePolicy[] = ['disabled', 'require_approval', 'no_approval', 'no_approval_under_100'];

export interface GroupJoinSettings {
  readonly groupId: number;
  readonly addOption: AddOption;
  readonly question: string;
  readonly answer: string;
  readonly invitePolicy: InvitePolicy;
}

export const defaultJoinSettings = (groupId: number): GroupJoinSettings => ({
  groupId,
  addOption: 2,
  question: '',
  answer: '',
  invitePolicy: 'require_approval',
});
