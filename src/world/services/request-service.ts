import { fail, WorldError } from '../errors.js';
import { defaultJoinSettings, flagOf, type GroupJoinSettings, type RequestKind, type WorldRequest } from '../request-model.js';
import { kindNames, RequestLedger, type RequestDraft } from './request-ledger.js';
import type { RequestFilter } from '../store/request-store.js';
import { now, transaction, type ServiceContext, type Tx } from './context.js';
import type { FriendService } from './friend-service.js';
import type { GroupService } from './group-service.js';

export interface RaiseOptions {
  readonly comment?: string;
  /** Simulates QQ's filter: the request is kept aside (doubtful / ignored) and raises no event. */
  readonly filtered?: boolean;
}

/**
 * Friend requests, group join requests and group invitations, from raise to answer. Raising one
 * emits `request.friend` / `request.group` to whoever must answer (the target account; a group's
 * owner and admins); answering changes the world (befriend, addMember) and emits
 * `request.answered`. A request is answered once: a second answer is a CONFLICT. A group's join
 * setting (add option) may answer a join request at once.
 *
 * Each public change is one unit of work: its checks, the answer and what the answer causes
 * commit together, so an answer whose change fails leaves the request pending.
 */
export class RequestService {
  readonly #ledger: RequestLedger;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly groups: GroupService,
    private readonly friends: FriendService,
  ) {
    this.#ledger = new RequestLedger(ctx);
  }

  /** The request a flag names, whatever its state. */
  find(flag: string): WorldRequest | undefined {
    const id = /^\s*(\d{1,15})\s*$/.exec(flag)?.[1];
    return id === undefined ? undefined : this.ctx.store.requests.get(Number(id));
  }

  require(flag: string, kinds: readonly RequestKind[]): WorldRequest {
    const request = this.find(flag);
    if (!request) throw new WorldError('REQUEST_NOT_FOUND', `no request has flag "${flag}"`, { flag });
    if (!kinds.includes(request.kind)) {
      throw new WorldError(
        'REQUEST_NOT_FOUND',
        `flag "${flag}" is a ${kindNames[request.kind]}, not a ${kinds.map((kind) => kindNames[kind]).join(' or ')}`,
        { flag },
      );
    }
    return request;
  }

  /** Requests of any kind, newest first (the world's view, for the admin API). */
  list(filter: RequestFilter): WorldRequest[] {
    return this.ctx.store.requests.list(filter);
  }

  joinSettings(groupId: number): GroupJoinSettings {
    return this.ctx.store.groupSettings.joinSettings(groupId) ?? defaultJoinSettings(groupId);
  }

  /** `requesterId` asks `targetId` to be friends. */
  raiseFriend(requesterId: number, targetId: number, options: RaiseOptions = {}): Promise<WorldRequest> {
    return transaction(this.ctx, (tx) => {
      this.requireAccount(requesterId);
      this.requireAccount(targetId);
      if (requesterId === targetId) throw fail.invalid(`user ${requesterId} cannot send a friend request to themselves`);
      if (this.friends.areFriends(requesterId, targetId)) {
        throw new WorldError('ALREADY_EXISTS', `user ${targetId} is already a friend of ${requesterId}`, { requesterId, targetId });
      }
      if (this.ctx.store.groupSettings.isFriendBlocked(targetId, requesterId)) {
        throw new WorldError('PERMISSION_DENIED', `user ${targetId} has blocked ${requesterId} and refuses their friend requests`);
      }
      this.#ledger.refuseDuplicate({ kind: 'friend', requesterId, targetId, status: 'pending' });
      const draft: RequestDraft = {
        kind: 'friend',
        requesterId,
        targetId,
        groupId: 0,
        invitorId: 0,
        comment: options.comment ?? '',
        filtered: options.filtered ?? false,
      };
      // The target already asked the requester: asking back accepts that request, as QQ does.
      const [crossed] = this.ctx.store.requests.list({
        kind: 'friend',
        requesterId: targetId,
        targetId: requesterId,
        status: 'pending',
        limit: 1,
      });
      if (crossed) return this.answerFriendIn(tx, requesterId, crossed, true);
      // The target still has the requester in its list (a one-way friendship): QQ restores it at once.
      if (this.friends.get(targetId, requesterId)) {
        this.friends.befriendIn(tx, requesterId, targetId);
        return this.#ledger.insertApproved(tx, { ...draft, filtered: false });
      }
      const request = this.#ledger.insert(draft);
      if (!request.filtered) {
        tx.emit({
          type: 'request.friend',
          flag: flagOf(request),
          userId: requesterId,
          targetId,
          comment: request.comment,
          audience: [targetId],
        });
      }
      return request;
    });
  }

  /**
   * `requesterId` asks to join a group. The group's add option decides: 1 joins at once, 2 and 5
   * wait for an admin, 3 refuses, 4 joins at once when `answer` matches. A user kicked with
   * reject_add_request is refused.
   */
  raiseJoin(requesterId: number, groupId: number, options: RaiseOptions & { answer?: string } = {}): Promise<WorldRequest> {
    return transaction(this.ctx, (tx) => {
      this.groups.require(groupId);
      this.requireAccount(requesterId);
      this.refuseMember(groupId, requesterId);
      this.refuseBlocked(groupId, requesterId);
      this.#ledger.refuseDuplicate({ kind: 'join', requesterId, groupIds: [groupId], status: 'pending' });
      const settings = this.joinSettings(groupId);
      const given = options.answer ?? options.comment ?? '';
      const draft: RequestDraft = {
        kind: 'join',
        requesterId,
        targetId: 0,
        groupId,
        invitorId: 0,
        comment: options.comment ?? '',
        filtered: options.filtered ?? false,
      };
      switch (settings.addOption) {
        case 3:
          throw new WorldError('PERMISSION_DENIED', `group ${groupId} accepts no join requests (add option 3)`, { groupId });
        case 4:
          if (normalise(given) !== normalise(settings.answer)) {
            throw new WorldError('PERMISSION_DENIED', `wrong answer to the question of group ${groupId} ("${settings.question}")`, {
              groupId,
            });
          }
          return this.joinAtOnce(tx, { ...draft, comment: given });
        case 1:
          return this.joinAtOnce(tx, draft);
        case 5:
          return this.pendingJoin(tx, { ...draft, comment: `问题：${settings.question}\n答案：${given}` });
        default:
          return this.pendingJoin(tx, draft);
      }
    });
  }

  /** A member invites `inviteeId` into the group; the invitee answers. */
  invite(inviterId: number, groupId: number, inviteeId: number, options: RaiseOptions = {}): Promise<WorldRequest> {
    return transaction(this.ctx, (tx) => {
      const inviter = this.groups.requireSelf(groupId, inviterId);
      this.requireAccount(inviteeId);
      if (inviteeId === inviterId) throw fail.invalid(`user ${inviterId} cannot invite themselves into group ${groupId}`);
      this.refuseMember(groupId, inviteeId);
      if (inviter.role === 'member') {
        const settings = this.joinSettings(groupId);
        if (settings.addOption === 3) {
          throw new WorldError('PERMISSION_DENIED', `group ${groupId} accepts no new members (add option 3); only its admins may invite`);
        }
        if (settings.invitePolicy === 'disabled') {
          throw new WorldError(
            'PERMISSION_DENIED',
            `members of group ${groupId} may not invite (invite policy disabled); only its admins may`,
          );
        }
        this.refuseBlocked(groupId, inviteeId);
      }
      this.#ledger.refuseDuplicate({ kind: 'invite', targetId: inviteeId, groupIds: [groupId], status: 'pending' });
      const comment = options.comment ?? '';
      const request = this.#ledger.insert({
        kind: 'invite',
        requesterId: inviterId,
        targetId: inviteeId,
        groupId,
        invitorId: inviterId,
        comment,
        filtered: options.filtered ?? false,
      });
      if (!request.filtered) {
        tx.emit({
          type: 'request.group',
          flag: flagOf(request),
          subType: 'invite',
          groupId,
          userId: inviterId,
          invitorId: inviterId,
          comment,
          audience: [inviteeId],
        });
      }
      return request;
    });
  }

  /** The target of a friend request approves (befriend) or rejects it. */
  answerFriend(actorId: number, flag: string, approve: boolean, options: { remark?: string } = {}): Promise<WorldRequest> {
    return transaction(this.ctx, (tx) => this.answerFriendIn(tx, actorId, this.require(flag, ['friend']), approve, options));
  }

  /**
   * Answers a join request (an owner or admin of the group) or an invitation (the invitee).
   * An accepted invitation from a plain member becomes a join request for the admins, unless the
   * group lets anyone join or its invite policy needs no approval.
   */
  answerGroup(actorId: number, flag: string, approve: boolean, options: { reason?: string } = {}): Promise<WorldRequest> {
    return transaction(this.ctx, (tx) => {
      const request = this.require(flag, ['join', 'invite']);
      const { groupId } = request;
      if (request.kind === 'join') {
        this.groups.requireAdmin(groupId, actorId, `answer join requests of group ${groupId}`);
      } else if (request.targetId !== actorId) {
        throw new WorldError('PERMISSION_DENIED', `invitation ${flag} was sent to ${request.targetId}, not to ${actorId}`);
      }
      const answered = this.#ledger.answer(request, actorId, approve, approve ? '' : (options.reason ?? ''));
      if (approve && request.kind === 'join') this.admitJoin(tx, answered);
      if (approve && request.kind === 'invite') this.admitInvitee(tx, answered);
      this.#ledger.announceAnswer(tx, answered);
      return answered;
    });
  }

  /** Invitations sent to `userId`, and join requests of the groups `userId` administers. */
  systemMessages(userId: number, options: { filtered: boolean; count: number }): { invited: WorldRequest[]; joins: WorldRequest[] } {
    const administered = this.groups
      .listFor(userId)
      .filter((group) => this.groups.findMember(group.groupId, userId)?.role !== 'member')
      .map((group) => group.groupId);
    const { filtered, count } = options;
    return {
      invited: this.ctx.store.requests.list({ kind: 'invite', targetId: userId, filtered, limit: count }),
      joins: this.ctx.store.requests.list({ kind: 'join', groupIds: administered, filtered, limit: count }),
    };
  }

  /** Friend requests sent to `userId`, answered ones too, newest first (kept aside by QQ's filter or not). */
  friendRequests(userId: number, options: { filtered: boolean; count: number }): WorldRequest[] {
    return this.ctx.store.requests.list({ kind: 'friend', targetId: userId, filtered: options.filtered, limit: options.count });
  }

  /**
   * Friend requests `userId` sent, answered ones too, newest first. The target's filter is the
   * target's business: the sender's list shows its request either way.
   */
  sentFriendRequests(userId: number, count: number): WorldRequest[] {
    return this.ctx.store.requests.list({ kind: 'friend', requesterId: userId, limit: count });
  }

  /** Pending friend requests to `userId` that QQ's filter kept aside. */
  doubtfulFriendRequests(userId: number, count: number): WorldRequest[] {
    return this.ctx.store.requests.list({ kind: 'friend', targetId: userId, filtered: true, status: 'pending', limit: count });
  }

  /** Inside a unit of work: refuses `userId`'s pending join requests to a group (after a kick with reject_add_request). */
  rejectPendingJoinsIn(tx: Tx, groupId: number, userId: number, actorId: number): void {
    const pending = this.ctx.store.requests.list({ kind: 'join', requesterId: userId, groupIds: [groupId], status: 'pending' });
    for (const request of pending) this.#ledger.announceAnswer(tx, this.#ledger.answer(request, actorId, false, ''));
  }

  /** `ownerId` blocks `userId`: their later friend requests are refused. */
  blockFriend(ownerId: number, userId: number): Promise<void> {
    return transaction(this.ctx, (tx) => this.blockFriendIn(tx, ownerId, userId));
  }

  /** `blockFriend` inside a unit of work. */
  blockFriendIn(_tx: Tx, ownerId: number, userId: number): void {
    this.ctx.store.groupSettings.blockFriend(ownerId, userId, now(this.ctx));
  }

  private answerFriendIn(
    tx: Tx,
    actorId: number,
    request: WorldRequest,
    approve: boolean,
    options: { remark?: string } = {},
  ): WorldRequest {
    if (request.targetId !== actorId) {
      throw new WorldError('PERMISSION_DENIED', `friend request ${flagOf(request)} was sent to ${request.targetId}, not to ${actorId}`);
    }
    const answered = this.#ledger.answer(request, actorId, approve, '');
    if (approve) this.friends.befriendIn(tx, actorId, request.requesterId, options.remark ? { remark: options.remark } : {});
    this.#ledger.announceAnswer(tx, answered);
    return answered;
  }

  /** An approved join request adds the requester (if a race of approvals did not already). */
  private admitJoin(tx: Tx, request: WorldRequest): void {
    if (this.groups.findMember(request.groupId, request.requesterId)) return;
    this.groups.addMemberIn(tx, request.groupId, request.requesterId, {
      operatorId: request.actorId,
      subType: 'approve',
      invitorId: request.invitorId,
      approverId: request.actorId,
    });
    this.ctx.store.groupSettings.unblockJoin(request.groupId, request.requesterId);
  }

  /**
   * An accepted invitation adds the invitee at once when the inviter is an admin or the group
   * lets it; else it becomes a join request for the admins (the invitee's own, if one is pending).
   */
  private admitInvitee(tx: Tx, request: WorldRequest): void {
    const { groupId, targetId: invitee, requesterId: inviterId } = request;
    if (this.groups.findMember(groupId, invitee)) return;
    const inviter = this.groups.findMember(groupId, inviterId);
    if ((inviter && inviter.role !== 'member') || this.invitationAddsAtOnce(groupId)) {
      this.groups.addMemberIn(tx, groupId, invitee, { operatorId: inviterId, subType: 'invite' });
      this.ctx.store.groupSettings.unblockJoin(groupId, invitee);
      return;
    }
    this.refuseBlocked(groupId, invitee);
    const [pending] = this.ctx.store.requests.list({
      kind: 'join',
      requesterId: invitee,
      groupIds: [groupId],
      status: 'pending',
      limit: 1,
    });
    if (pending) return;
    this.pendingJoin(tx, {
      kind: 'join',
      requesterId: invitee,
      targetId: 0,
      groupId,
      invitorId: inviterId,
      comment: request.comment,
      filtered: false,
    });
  }

  /** Whether a plain member's accepted invitation adds the invitee without an admin. */
  private invitationAddsAtOnce(groupId: number): boolean {
    const settings = this.joinSettings(groupId);
    if (settings.addOption === 1 || settings.invitePolicy === 'no_approval') return true;
    return settings.invitePolicy === 'no_approval_under_100' && this.groups.memberCount(groupId) < 100;
  }

  private joinAtOnce(tx: Tx, draft: RequestDraft): WorldRequest {
    this.groups.addMemberIn(tx, draft.groupId, draft.requesterId, { subType: 'approve' });
    return this.#ledger.insertApproved(tx, { ...draft, filtered: false });
  }

  private pendingJoin(tx: Tx, draft: RequestDraft): WorldRequest {
    const request = this.#ledger.insert(draft);
    if (!request.filtered) {
      tx.emit({
        type: 'request.group',
        flag: flagOf(request),
        subType: 'add',
        groupId: draft.groupId,
        userId: draft.requesterId,
        invitorId: draft.invitorId,
        comment: draft.comment,
        audience: this.groups
          .members(draft.groupId)
          .filter((member) => member.role !== 'member')
          .map((member) => member.userId),
      });
    }
    return request;
  }

  private refuseMember(groupId: number, userId: number): void {
    if (this.groups.findMember(groupId, userId)) {
      throw new WorldError('ALREADY_EXISTS', `user ${userId} is already a member of group ${groupId}`, { groupId, userId });
    }
  }

  private refuseBlocked(groupId: number, userId: number): void {
    if (this.ctx.store.groupSettings.isJoinBlocked(groupId, userId)) {
      throw new WorldError(
        'PERMISSION_DENIED',
        `group ${groupId} refuses join requests from user ${userId} (removed with reject_add_request)`,
        {
          groupId,
          userId,
        },
      );
    }
  }

  private requireAccount(userId: number): void {
    if (!this.ctx.store.accounts.get(userId)) throw fail.userNotFound(userId);
  }
}

const normalise = (text: string): string => text.trim().toLowerCase();
