import { fail, WorldError } from '../errors.js';
import { defaultJoinSettings, flagOf, type GroupJoinSettings, type RequestKind, type WorldRequest } from '../extras-model.js';
import type { RequestFilter } from '../store/extras-store.js';
import { emit, now, type ServiceContext } from './context.js';
import type { FriendService } from './friend-service.js';
import type { GroupService } from './group-service.js';

export interface RaiseOptions {
  readonly comment?: string;
  /** Simulates QQ's filter: the request is kept aside (doubtful / ignored) and raises no event. */
  readonly filtered?: boolean;
}

const kindNames: Record<RequestKind, string> = { friend: 'friend request', join: 'group join request', invite: 'group invitation' };

/**
 * Friend requests, group join requests and group invitations, from raise to answer. Raising one
 * emits `request.friend` / `request.group` to whoever must answer (the target account; a group's
 * owner and admins); answering changes the world (befriend, addMember) and emits
 * `request.answered`. A request is answered once: a second answer is a CONFLICT. A group's join
 * setting (add option) may answer a join request at once.
 */
export class RequestService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly groups: GroupService,
    private readonly friends: FriendService,
  ) {}

  /** The request a flag names, whatever its state. */
  async find(flag: string): Promise<WorldRequest | undefined> {
    const id = /^\s*(\d{1,15})\s*$/.exec(flag)?.[1];
    return id === undefined ? undefined : this.ctx.store.extras.requests.get(Number(id));
  }

  async require(flag: string, kinds: readonly RequestKind[]): Promise<WorldRequest> {
    const request = await this.find(flag);
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

  async joinSettings(groupId: number): Promise<GroupJoinSettings> {
    return (await this.ctx.store.extras.groupSettings.joinSettings(groupId)) ?? defaultJoinSettings(groupId);
  }

  /** `requesterId` asks `targetId` to be friends. */
  async raiseFriend(requesterId: number, targetId: number, options: RaiseOptions = {}): Promise<WorldRequest> {
    await this.requireAccount(requesterId);
    await this.requireAccount(targetId);
    if (requesterId === targetId) throw fail.invalid(`user ${requesterId} cannot send a friend request to themselves`);
    if (await this.friends.areFriends(requesterId, targetId)) {
      throw new WorldError('ALREADY_EXISTS', `user ${targetId} is already a friend of ${requesterId}`, { requesterId, targetId });
    }
    if (await this.ctx.store.extras.groupSettings.isFriendBlocked(targetId, requesterId)) {
      throw new WorldError('PERMISSION_DENIED', `user ${targetId} has blocked ${requesterId} and refuses their friend requests`);
    }
    await this.refuseDuplicate({ kind: 'friend', requesterId, targetId, status: 'pending' });
    const comment = options.comment ?? '';
    // The target already asked the requester: asking back accepts that request, as QQ does.
    const [crossed] = await this.ctx.store.extras.requests.list({
      kind: 'friend',
      requesterId: targetId,
      targetId: requesterId,
      status: 'pending',
      limit: 1,
    });
    if (crossed) return this.answerFriend(requesterId, flagOf(crossed), true);
    // The target still has the requester in its list (a one-way friendship): QQ restores it at once.
    if (await this.friends.get(targetId, requesterId)) {
      await this.friends.befriend(requesterId, targetId);
      const request = await this.insert({ kind: 'friend', requesterId, targetId, groupId: 0, invitorId: 0, comment, filtered: false }, 0);
      this.emitAnswered(request);
      return request;
    }
    const request = await this.insert({
      kind: 'friend',
      requesterId,
      targetId,
      groupId: 0,
      invitorId: 0,
      comment,
      filtered: options.filtered ?? false,
    });
    if (!request.filtered) {
      emit(this.ctx, { type: 'request.friend', flag: flagOf(request), userId: requesterId, targetId, comment, audience: [targetId] });
    }
    return request;
  }

  /**
   * `requesterId` asks to join a group. The group's add option decides: 1 joins at once, 2 and 5
   * wait for an admin, 3 refuses, 4 joins at once when `answer` matches. A user kicked with
   * reject_add_request is refused.
   */
  async raiseJoin(requesterId: number, groupId: number, options: RaiseOptions & { answer?: string } = {}): Promise<WorldRequest> {
    await this.groups.require(groupId);
    await this.requireAccount(requesterId);
    if (await this.groups.findMember(groupId, requesterId)) {
      throw new WorldError('ALREADY_EXISTS', `user ${requesterId} is already a member of group ${groupId}`, {
        groupId,
        userId: requesterId,
      });
    }
    await this.refuseBlocked(groupId, requesterId);
    await this.refuseDuplicate({ kind: 'join', requesterId, groupIds: [groupId], status: 'pending' });
    const settings = await this.joinSettings(groupId);
    const given = options.answer ?? options.comment ?? '';
    const base = { kind: 'join' as const, requesterId, targetId: 0, groupId, invitorId: 0, filtered: options.filtered ?? false };
    switch (settings.addOption) {
      case 3:
        throw new WorldError('PERMISSION_DENIED', `group ${groupId} accepts no join requests (add option 3)`, { groupId });
      case 4:
        if (normalise(given) !== normalise(settings.answer)) {
          throw new WorldError('PERMISSION_DENIED', `wrong answer to the question of group ${groupId} ("${settings.question}")`, {
            groupId,
          });
        }
        return this.joinAtOnce({ ...base, comment: given });
      case 1:
        return this.joinAtOnce({ ...base, comment: options.comment ?? '' });
      case 5: {
        const comment = `问题：${settings.question}\n答案：${given}`;
        return this.pendingJoin({ ...base, comment });
      }
      default:
        return this.pendingJoin({ ...base, comment: options.comment ?? '' });
    }
  }

  /** A member invites `inviteeId` into the group; the invitee answers. */
  async invite(inviterId: number, groupId: number, inviteeId: number, options: RaiseOptions = {}): Promise<WorldRequest> {
    const inviter = await this.groups.requireSelf(groupId, inviterId);
    await this.requireAccount(inviteeId);
    if (inviteeId === inviterId) throw fail.invalid(`user ${inviterId} cannot invite themselves into group ${groupId}`);
    if (await this.groups.findMember(groupId, inviteeId)) {
      throw new WorldError('ALREADY_EXISTS', `user ${inviteeId} is already a member of group ${groupId}`, { groupId, userId: inviteeId });
    }
    if (inviter.role === 'member') {
      const settings = await this.joinSettings(groupId);
      if (settings.addOption === 3) {
        throw new WorldError('PERMISSION_DENIED', `group ${groupId} accepts no new members (add option 3); only its admins may invite`);
      }
      if (settings.invitePolicy === 'disabled') {
        throw new WorldError(
          'PERMISSION_DENIED',
          `members of group ${groupId} may not invite (invite policy disabled); only its admins may`,
        );
      }
      await this.refuseBlocked(groupId, inviteeId);
    }
    await this.refuseDuplicate({ kind: 'invite', targetId: inviteeId, groupIds: [groupId], status: 'pending' });
    const comment = options.comment ?? '';
    const request = await this.insert({
      kind: 'invite',
      requesterId: inviterId,
      targetId: inviteeId,
      groupId,
      invitorId: inviterId,
      comment,
      filtered: options.filtered ?? false,
    });
    if (!request.filtered) {
      emit(this.ctx, {
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
  }

  /** The target of a friend request approves (befriend) or rejects it. */
  async answerFriend(actorId: number, flag: string, approve: boolean, options: { remark?: string } = {}): Promise<WorldRequest> {
    const request = await this.require(flag, ['friend']);
    if (request.targetId !== actorId) {
      throw new WorldError('PERMISSION_DENIED', `friend request ${flag} was sent to ${request.targetId}, not to ${actorId}`);
    }
    const answered = await this.claim(request, actorId, approve, '');
    if (approve) {
      await this.undoOnFailure(answered, () =>
        this.friends.befriend(actorId, request.requesterId, options.remark ? { remark: options.remark } : {}),
      );
    }
    this.emitAnswered(answered);
    return answered;
  }

  /**
   * Answers a join request (an owner or admin of the group) or an invitation (the invitee).
   * An accepted invitation from a plain member becomes a join request for the admins, unless the
   * group lets anyone join or its invite policy needs no approval.
   */
  async answerGroup(actorId: number, flag: string, approve: boolean, options: { reason?: string } = {}): Promise<WorldRequest> {
    const request = await this.require(flag, ['join', 'invite']);
    const { groupId } = request;
    if (request.kind === 'join') {
      await this.groups.requireAdmin(groupId, actorId, `answer join requests of group ${groupId}`);
    } else if (request.targetId !== actorId) {
      throw new WorldError('PERMISSION_DENIED', `invitation ${flag} was sent to ${request.targetId}, not to ${actorId}`);
    }
    const answered = await this.claim(request, actorId, approve, approve ? '' : (options.reason ?? ''));
    if (approve) await this.undoOnFailure(answered, () => this.admit(answered));
    this.emitAnswered(answered);
    return answered;
  }

  /** Invitations sent to `userId`, and join requests of the groups `userId` administers. */
  async systemMessages(
    userId: number,
    options: { filtered: boolean; count: number },
  ): Promise<{ invited: WorldRequest[]; joins: WorldRequest[] }> {
    const administered: number[] = [];
    for (const group of await this.groups.listFor(userId)) {
      const self = await this.groups.findMember(group.groupId, userId);
      if (self && self.role !== 'member') administered.push(group.groupId);
    }
    const { filtered, count } = options;
    const requests = this.ctx.store.extras.requests;
    return {
      invited: await requests.list({ kind: 'invite', targetId: userId, filtered, limit: count }),
      joins: await requests.list({ kind: 'join', groupIds: administered, filtered, limit: count }),
    };
  }

  /** Friend requests sent to `userId`, answered ones too, newest first (kept aside by QQ's filter or not). */
  friendRequests(userId: number, options: { filtered: boolean; count: number }): Promise<WorldRequest[]> {
    return this.ctx.store.extras.requests.list({ kind: 'friend', targetId: userId, filtered: options.filtered, limit: options.count });
  }

  /** Pending friend requests to `userId` that QQ's filter kept aside. */
  doubtfulFriendRequests(userId: number, count: number): Promise<WorldRequest[]> {
    return this.ctx.store.extras.requests.list({ kind: 'friend', targetId: userId, filtered: true, status: 'pending', limit: count });
  }

  /** Refuses `userId`'s pending join requests to a group (after a kick with reject_add_request). */
  async rejectPendingJoins(groupId: number, userId: number, actorId: number): Promise<void> {
    const pending = await this.ctx.store.extras.requests.list({
      kind: 'join',
      requesterId: userId,
      groupIds: [groupId],
      status: 'pending',
    });
    for (const request of pending) {
      const answered = await this.ctx.store.extras.requests.answer(request.requestId, {
        status: 'rejected',
        actorId,
        reason: '',
        time: now(this.ctx),
      });
      if (answered) this.emitAnswered(answered);
    }
  }

  /** `ownerId` blocks `userId`: their later friend requests are refused. */
  blockFriend(ownerId: number, userId: number): Promise<void> {
    return this.ctx.store.extras.groupSettings.blockFriend(ownerId, userId, now(this.ctx));
  }

  private async admit(request: WorldRequest): Promise<void> {
    const { groupId } = request;
    const joiner = request.kind === 'join' ? request.requesterId : request.targetId;
    if (await this.groups.findMember(groupId, joiner)) return;
    const settings = this.ctx.store.extras.groupSettings;
    if (request.kind === 'join') {
      await this.groups.addMember(groupId, joiner, { operatorId: request.actorId, subType: 'approve' });
      await settings.unblockJoin(groupId, joiner);
      return;
    }
    const inviter = await this.groups.findMember(groupId, request.requesterId);
    if ((inviter && inviter.role !== 'member') || (await this.invitationAddsAtOnce(groupId))) {
      await this.groups.addMember(groupId, joiner, { operatorId: request.requesterId, subType: 'invite' });
      await settings.unblockJoin(groupId, joiner);
      return;
    }
    await this.refuseBlocked(groupId, joiner);
    await this.pendingJoin({
      kind: 'join',
      requesterId: joiner,
      targetId: 0,
      groupId,
      invitorId: request.requesterId,
      comment: request.comment,
      filtered: false,
    });
  }

  /** Whether a plain member's accepted invitation adds the invitee without an admin. */
  private async invitationAddsAtOnce(groupId: number): Promise<boolean> {
    const settings = await this.joinSettings(groupId);
    if (settings.addOption === 1 || settings.invitePolicy === 'no_approval') return true;
    return settings.invitePolicy === 'no_approval_under_100' && (await this.groups.memberCount(groupId)) < 100;
  }

  private async joinAtOnce(
    base: Omit<WorldRequest, 'requestId' | 'status' | 'actorId' | 'reason' | 'createdAt' | 'handledAt'>,
  ): Promise<WorldRequest> {
    await this.groups.addMember(base.groupId, base.requesterId, { subType: 'approve' });
    const request = await this.insert({ ...base, filtered: false }, 0);
    this.emitAnswered(request);
    return request;
  }

  private async pendingJoin(
    base: Omit<WorldRequest, 'requestId' | 'status' | 'actorId' | 'reason' | 'createdAt' | 'handledAt'>,
  ): Promise<WorldRequest> {
    const request = await this.insert(base);
    if (!request.filtered) {
      const admins = (await this.groups.members(base.groupId)).filter((member) => member.role !== 'member').map((member) => member.userId);
      emit(this.ctx, {
        type: 'request.group',
        flag: flagOf(request),
        subType: 'add',
        groupId: base.groupId,
        userId: base.requesterId,
        invitorId: base.invitorId,
        comment: base.comment,
        audience: admins,
      });
    }
    return request;
  }

  /** Marks the request answered if it is still pending; a second answer is a CONFLICT. */
  private async claim(request: WorldRequest, actorId: number, approve: boolean, reason: string): Promise<WorldRequest> {
    const answered = await this.ctx.store.extras.requests.answer(request.requestId, {
      status: approve ? 'approved' : 'rejected',
      actorId,
      reason,
      time: now(this.ctx),
    });
    if (answered) return answered;
    const current = (await this.ctx.store.extras.requests.get(request.requestId)) ?? request;
    const by = current.actorId ? ` by ${current.actorId}` : " by the group's join setting";
    throw new WorldError('CONFLICT', `${kindNames[current.kind]} ${flagOf(current)} was already ${current.status}${by}`, {
      flag: flagOf(current),
    });
  }

  /** Runs the change an answer causes; if it fails, the request goes back to pending. */
  private async undoOnFailure(request: WorldRequest, change: () => Promise<void>): Promise<void> {
    try {
      await change();
    } catch (error) {
      await this.ctx.store.extras.requests.reopen(request.requestId);
      throw error;
    }
  }

  private emitAnswered(request: WorldRequest): void {
    emit(this.ctx, {
      type: 'request.answered',
      flag: flagOf(request),
      kind: request.kind,
      requesterId: request.requesterId,
      groupId: request.groupId,
      actorId: request.actorId,
      approved: request.status === 'approved',
      reason: request.reason,
      audience: [request.requesterId],
    });
  }

  private insert(
    request: Omit<WorldRequest, 'requestId' | 'status' | 'actorId' | 'reason' | 'createdAt' | 'handledAt'>,
    approvedBy?: number,
  ): Promise<WorldRequest> {
    return this.ctx.store.extras.requests.insert({
      ...request,
      createdAt: now(this.ctx),
      ...(approvedBy !== undefined && { answered: { status: 'approved', actorId: approvedBy, reason: '' } }),
    });
  }

  private async refuseDuplicate(filter: RequestFilter): Promise<void> {
    const [existing] = await this.ctx.store.extras.requests.list({ ...filter, limit: 1 });
    if (existing) {
      throw new WorldError('ALREADY_EXISTS', `the same ${kindNames[existing.kind]} is already pending (flag ${flagOf(existing)})`, {
        flag: flagOf(existing),
      });
    }
  }

  private async refuseBlocked(groupId: number, userId: number): Promise<void> {
    if (await this.ctx.store.extras.groupSettings.isJoinBlocked(groupId, userId)) {
      throw new WorldError(
        'PERMISSION_DENIED',
        `group ${groupId} refuses join requests from user ${userId} (removed with reject_add_request)`,
        { groupId, userId },
      );
    }
  }

  private async requireAccount(userId: number): Promise<void> {
    if (!(await this.ctx.store.accounts.get(userId))) throw fail.userNotFound(userId);
  }
}

const normalise = (text: string): string => text.trim().toLowerCase();
