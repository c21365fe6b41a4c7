import { fail, WorldError } from '../errors.js';
import type { Group, Member, Role } from '../model.js';
import { GroupQueries } from './group-queries.js';
import { noteJoinIn } from '../group-features/history-floor.js';
import { now, operatorOf, transaction, type Actor, type ServiceContext, type Tx } from './context.js';

export interface NewGroup {
  readonly groupId?: number;
  readonly name: string;
  readonly ownerId: number;
  readonly adminIds?: readonly number[];
  readonly memberIds?: readonly number[];
  readonly maxMembers?: number;
}

export interface AddMemberOptions {
  readonly operatorId?: number;
  readonly subType?: 'approve' | 'invite';
  /** Whose invitation led to the join; an invite's defaults to its operator. */
  readonly invitorId?: number;
  /** The owner or admin who approved the join request, if one did. */
  readonly approverId?: number;
  readonly role?: Role;
}

/** What the world may change about a group directly. */
export interface GroupSettingsPatch {
  readonly maxMembers?: number;
  readonly memo?: string;
  readonly avatar?: string;
}

/** Groups start here when the world picks the number. */
const firstGroupId = 30001;

/**
 * Groups and their members, with QQ's rules: owner > admin > member, and nobody acts on an equal
 * or higher rank. `actor` 'world' (world file, admin console) bypasses the rules.
 *
 * Every change is a unit of work (see `transaction` in context.ts). The changes other units
 * compose (a request's answer adds a member, a batch kick removes several) have a synchronous
 * `...In(tx, ...)` form; the public method runs that form as its own unit.
 */
export class GroupService extends GroupQueries {
  constructor(private readonly ctx: ServiceContext) {
    super(ctx.store, ctx.clock);
  }

  create(input: NewGroup): Promise<Group> {
    return transaction(this.ctx, (tx) => this.createIn(tx, input));
  }

  /** `create` inside a unit of work. */
  createIn(tx: Tx, input: NewGroup): Group {
    return this.createManyIn(tx, [input])[0]!;
  }

  /**
   * Creates many groups in one go (a world file's 10,000), each exactly as `createIn` would, with
   * the same refusals: one read for every account they name, then one write per table.
   */
  createManyIn(tx: Tx, inputs: readonly NewGroup[]): Group[] {
    const time = now(this.ctx);
    const taken = new Set<number>();
    const planned = inputs.map((input) => this.#plan(input, time, taken));
    const named = new Set<number>();
    for (const { roles } of planned) for (const userId of roles.keys()) named.add(userId);
    const accounts = this.ctx.store.accounts.existing([...named]);
    const groups: Group[] = [];
    const members: Member[] = [];
    for (const { group, roles } of planned) {
      const missing = [...roles.keys()].filter((userId) => !accounts.has(userId));
      if (missing.length > 0) {
        throw new WorldError('USER_NOT_FOUND', `group ${group.groupId}: no such account(s) ${missing.join(', ')}`, { missing });
      }
      if (roles.size > group.maxMembers) {
        throw new WorldError(
          'LIMIT_REACHED',
          `group ${group.groupId} would have ${roles.size} members, more than its maximum ${group.maxMembers}`,
        );
      }
      groups.push(group);
      for (const [userId, role] of roles) members.push(newMember(group.groupId, userId, role, time));
    }
    this.ctx.store.groups.insertMany(groups);
    this.ctx.store.members.insertMany(members);
    let next = 0;
    for (const { group, roles } of planned) {
      tx.emit({ type: 'group.created', group, audience: [] });
      // One audience for every join: a group of 3,000 would otherwise build 3,000 lists of 3,000.
      const audience = [...roles.keys()];
      for (let i = 0; i < roles.size; i++) {
        tx.emit({
          type: 'member.joined',
          member: members[next++]!,
          operatorId: group.ownerId,
          subType: 'approve',
          invitorId: 0,
          approverId: 0,
          audience,
        });
      }
    }
    return groups;
  }

  /** A new group's record and its members' roles; `taken` holds the numbers planned before it in the same call. */
  #plan(input: NewGroup, time: number, taken: Set<number>): { group: Group; roles: Map<number, Role> } {
    const groupId = input.groupId ?? Math.max(this.nextGroupId(), ...[...taken].map((id) => id + 1));
    if (!Number.isSafeInteger(groupId) || groupId < 1) {
      throw new WorldError('INVALID_ARGUMENT', `group_id ${groupId} is not a valid group number (a positive integer up to 2^53 - 1)`);
    }
    if (taken.has(groupId) || this.ctx.store.groups.get(groupId)) {
      throw new WorldError('ALREADY_EXISTS', `group ${groupId} already exists`, { groupId });
    }
    taken.add(groupId);
    const roles = new Map<number, Role>();
    for (const userId of input.memberIds ?? []) roles.set(userId, 'member');
    for (const userId of input.adminIds ?? []) roles.set(userId, 'admin');
    roles.set(input.ownerId, 'owner');
    const group: Group = {
      groupId,
      name: input.name,
      ownerId: input.ownerId,
      maxMembers: input.maxMembers ?? 500,
      avatar: '',
      createTime: time,
      wholeMute: false,
      memo: '',
    };
    return { group, roles };
  }

  /**
   * Adds an account to a group (after an approved request, an invitation, or by the world).
   * `operatorId` is who approved or invited it.
   */
  addMember(groupId: number, userId: number, options: AddMemberOptions = {}): Promise<Member> {
    return transaction(this.ctx, (tx) => this.addMemberIn(tx, groupId, userId, options));
  }

  /** `addMember` inside a unit of work. */
  addMemberIn(tx: Tx, groupId: number, userId: number, options: AddMemberOptions = {}): Member {
    const group = this.require(groupId);
    if (!this.ctx.store.accounts.get(userId)) throw fail.userNotFound(userId);
    if (this.ctx.store.members.get(groupId, userId)) {
      throw new WorldError('ALREADY_EXISTS', `user ${userId} is already a member of group ${groupId}`, { groupId, userId });
    }
    if (this.ctx.store.members.count(groupId) >= group.maxMembers) {
      throw new WorldError('LIMIT_REACHED', `group ${groupId} is full (${group.maxMembers} members)`, { groupId });
    }
    const member = newMember(groupId, userId, options.role === 'admin' ? 'admin' : 'member', now(this.ctx));
    this.ctx.store.members.insert(member);
    noteJoinIn(this.ctx.store, groupId, userId);
    const operatorId = options.operatorId ?? group.ownerId;
    const subType = options.subType ?? 'approve';
    tx.emit({
      type: 'member.joined',
      member,
      operatorId,
      subType,
      invitorId: options.invitorId ?? (subType === 'invite' ? operatorId : 0),
      approverId: options.approverId ?? 0,
      audience: this.memberIds(groupId),
    });
    return member;
  }

  /** The member leaves on their own. The owner cannot leave; they dismiss the group instead. */
  leave(groupId: number, userId: number): Promise<void> {
    return transaction(this.ctx, (tx) => this.leaveIn(tx, groupId, userId));
  }

  /** `leave` inside a unit of work. */
  leaveIn(tx: Tx, groupId: number, userId: number): void {
    const member = this.requireSelf(groupId, userId);
    if (member.role === 'owner') {
      throw new WorldError('PERMISSION_DENIED', `the owner of group ${groupId} cannot leave it; dismiss the group instead`);
    }
    this.removeMember(tx, groupId, userId, userId, 'leave');
  }

  /** Removes `userId`; the actor must outrank them. */
  kick(actor: Actor, groupId: number, userId: number): Promise<void> {
    return transaction(this.ctx, (tx) => this.kickIn(tx, actor, groupId, userId));
  }

  /** `kick` inside a unit of work. */
  kickIn(tx: Tx, actor: Actor, groupId: number, userId: number): void {
    const target = this.requireMember(groupId, userId);
    if (actor !== 'world') {
      if (actor === userId) throw new WorldError('PERMISSION_DENIED', `account ${actor} cannot kick itself; leave the group instead`);
      this.requireOutranks(actor, target);
    }
    if (target.role === 'owner') throw new WorldError('RANK_TOO_LOW', `the owner of group ${groupId} cannot be removed`);
    this.removeMember(tx, groupId, userId, operatorOf(actor, this.require(groupId).ownerId), 'kick');
  }

  /** Dismisses the group: owner only. Every member gets a group_decrease. */
  dismiss(actor: Actor, groupId: number): Promise<void> {
    return transaction(this.ctx, (tx) => this.dismissIn(tx, actor, groupId));
  }

  /** `dismiss` inside a unit of work. */
  dismissIn(tx: Tx, actor: Actor, groupId: number): void {
    const group = this.require(groupId);
    if (actor !== 'world' && actor !== group.ownerId) {
      this.requireSelf(groupId, actor);
      throw new WorldError('PERMISSION_DENIED', `only the owner may dismiss group ${groupId}`);
    }
    const audience = this.memberIds(groupId);
    this.ctx.store.messages.keepReadPositions(groupId);
    this.ctx.store.members.removeAll(groupId);
    this.ctx.store.groupMsgMasks.removeAll(groupId);
    this.ctx.store.groups.delete(groupId);
    for (const userId of audience) {
      tx.emit({ type: 'member.left', groupId, userId, operatorId: group.ownerId, subType: 'disband', audience });
    }
  }

  setAdmin(actor: Actor, groupId: number, userId: number, enable: boolean): Promise<void> {
    return transaction(this.ctx, (tx) => this.setAdminIn(tx, actor, groupId, userId, enable));
  }

  /** `setAdmin` inside a unit of work. */
  setAdminIn(tx: Tx, actor: Actor, groupId: number, userId: number, enable: boolean): void {
    const group = this.require(groupId);
    if (actor !== 'world' && actor !== group.ownerId) {
      this.requireSelf(groupId, actor);
      throw new WorldError('PERMISSION_DENIED', `only the owner of group ${groupId} may change admins`);
    }
    const target = this.requireMember(groupId, userId);
    if (target.role === 'owner') throw new WorldError('RANK_TOO_LOW', `the owner of group ${groupId} cannot be made an admin or a member`);
    const role: Role = enable ? 'admin' : 'member';
    if (target.role === role) return;
    this.ctx.store.members.update(groupId, userId, { role });
    tx.emit({
      type: 'member.role_changed',
      groupId,
      userId,
      role,
      previous: target.role,
      operatorId: group.ownerId,
      audience: this.memberIds(groupId),
    });
  }

  /** Members change their own card; admins and the owner change those below them. */
  setCard(actor: Actor, groupId: number, userId: number, card: string): Promise<void> {
    return transaction(this.ctx, (tx) => this.setCardIn(tx, actor, groupId, userId, card));
  }

  /** `setCard` inside a unit of work. */
  setCardIn(tx: Tx, actor: Actor, groupId: number, userId: number, card: string): void {
    const target = this.requireMember(groupId, userId);
    if (actor !== 'world' && actor !== userId) this.requireOutranks(actor, target);
    if (target.card === card) return;
    this.ctx.store.members.update(groupId, userId, { card });
    tx.emit({ type: 'member.card_changed', groupId, userId, cardNew: card, cardOld: target.card, audience: this.memberIds(groupId) });
  }

  /** Special titles: owner only. `durationSeconds` -1 or 0 = permanent. */
  setTitle(actor: Actor, groupId: number, userId: number, title: string, durationSeconds = -1): Promise<void> {
    return transaction(this.ctx, (tx) => this.setTitleIn(tx, actor, groupId, userId, title, durationSeconds));
  }

  /** `setTitle` inside a unit of work. */
  setTitleIn(tx: Tx, actor: Actor, groupId: number, userId: number, title: string, durationSeconds = -1): void {
    const group = this.require(groupId);
    if (actor !== 'world' && actor !== group.ownerId) {
      this.requireSelf(groupId, actor);
      throw new WorldError('PERMISSION_DENIED', `only the owner of group ${groupId} may set special titles`);
    }
    this.requireMember(groupId, userId);
    const titleExpireTime = durationSeconds > 0 ? now(this.ctx) + durationSeconds : 0;
    this.ctx.store.members.update(groupId, userId, { title, titleExpireTime });
    tx.emit({ type: 'member.title_changed', groupId, userId, title, audience: this.memberIds(groupId) });
  }

  /** Mutes a member for `durationSeconds` (0 lifts the mute). The actor must outrank the member. */
  mute(actor: Actor, groupId: number, userId: number, durationSeconds: number): Promise<void> {
    return transaction(this.ctx, (tx) => this.muteIn(tx, actor, groupId, userId, durationSeconds));
  }

  /** `mute` inside a unit of work. */
  muteIn(tx: Tx, actor: Actor, groupId: number, userId: number, durationSeconds: number): void {
    const target = this.requireMember(groupId, userId);
    if (actor !== 'world') {
      if (actor === userId) throw new WorldError('PERMISSION_DENIED', `account ${actor} cannot mute itself`);
      this.requireOutranks(actor, target);
    } else if (target.role === 'owner') {
      throw new WorldError('RANK_TOO_LOW', `the owner of group ${groupId} cannot be muted`);
    }
    const duration = Math.max(0, Math.floor(durationSeconds));
    const muteUntil = duration > 0 ? now(this.ctx) + duration : 0;
    this.ctx.store.members.update(groupId, userId, { muteUntil });
    const operatorId = operatorOf(actor, this.require(groupId).ownerId);
    tx.emit({ type: 'member.muted', groupId, userId, operatorId, duration, audience: this.memberIds(groupId) });
  }

  setWholeMute(actor: Actor, groupId: number, enable: boolean): Promise<void> {
    return transaction(this.ctx, (tx) => this.setWholeMuteIn(tx, actor, groupId, enable));
  }

  /** `setWholeMute` inside a unit of work. */
  setWholeMuteIn(tx: Tx, actor: Actor, groupId: number, enable: boolean): void {
    const group = this.require(groupId);
    if (actor !== 'world') this.requireAdmin(groupId, actor, 'mute the whole group');
    if (group.wholeMute === enable) return;
    this.ctx.store.groups.update(groupId, { wholeMute: enable });
    tx.emit({
      type: 'member.muted',
      groupId,
      userId: 0,
      operatorId: operatorOf(actor, group.ownerId),
      duration: enable ? -1 : 0,
      audience: this.memberIds(groupId),
    });
  }

  rename(actor: Actor, groupId: number, name: string): Promise<void> {
    return transaction(this.ctx, (tx) => this.renameIn(tx, actor, groupId, name));
  }

  /** `rename` inside a unit of work. */
  renameIn(tx: Tx, actor: Actor, groupId: number, name: string): void {
    const group = this.require(groupId);
    if (actor !== 'world') this.requireAdmin(groupId, actor, 'rename the group');
    if (group.name === name) return;
    const updated = this.ctx.store.groups.update(groupId, { name });
    const operatorId = operatorOf(actor, group.ownerId);
    tx.emit({ type: 'group.name_changed', groupId, operatorId, name, audience: this.memberIds(groupId) });
    tx.emit({ type: 'group.updated', group: updated, operatorId, changed: ['name'], audience: [] });
  }

  /** World-level changes to a group's settings (max members, memo, avatar). */
  update(groupId: number, patch: GroupSettingsPatch, operatorId = 0): Promise<Group> {
    return transaction(this.ctx, (tx) => this.updateIn(tx, groupId, patch, operatorId));
  }

  /** `update` inside a unit of work. */
  updateIn(tx: Tx, groupId: number, patch: GroupSettingsPatch, operatorId = 0): Group {
    const group = this.require(groupId);
    const changed = (Object.keys(patch) as (keyof typeof patch)[]).filter((key) => patch[key] !== undefined && patch[key] !== group[key]);
    if (changed.length === 0) return group;
    if (patch.maxMembers !== undefined) {
      const count = this.ctx.store.members.count(groupId);
      if (patch.maxMembers < count) {
        throw new WorldError(
          'LIMIT_REACHED',
          `group ${groupId} has ${count} members; its maximum cannot go below that (asked ${patch.maxMembers})`,
        );
      }
    }
    const updated = this.ctx.store.groups.update(groupId, patch);
    tx.emit({ type: 'group.updated', group: updated, operatorId: operatorId || group.ownerId, changed, audience: [] });
    return updated;
  }

  /** Hands the group to another member (world only, as QQ's transfer needs the owner's phone). */
  transferOwner(groupId: number, toUserId: number): Promise<void> {
    return transaction(this.ctx, (tx) => this.transferOwnerIn(tx, groupId, toUserId));
  }

  /** `transferOwner` inside a unit of work. */
  transferOwnerIn(tx: Tx, groupId: number, toUserId: number): void {
    const group = this.require(groupId);
    if (group.ownerId === toUserId) return;
    const target = this.requireMember(groupId, toUserId);
    // The old owner steps down first: a group never has two owner members, even inside a unit.
    this.ctx.store.members.update(groupId, group.ownerId, { role: 'member' });
    this.ctx.store.members.update(groupId, toUserId, { role: 'owner' });
    const updated = this.ctx.store.groups.update(groupId, { ownerId: toUserId });
    const audience = this.memberIds(groupId);
    const operatorId = group.ownerId;
    tx.emit({ type: 'member.role_changed', groupId, userId: group.ownerId, role: 'member', previous: 'owner', operatorId, audience });
    tx.emit({ type: 'member.role_changed', groupId, userId: toUserId, role: 'owner', previous: target.role, operatorId, audience });
    tx.emit({ type: 'group.updated', group: updated, operatorId: group.ownerId, changed: ['ownerId'], audience: [] });
  }

  private removeMember(tx: Tx, groupId: number, userId: number, operatorId: number, subType: 'leave' | 'kick'): void {
    const audience = this.memberIds(groupId);
    this.ctx.store.messages.keepReadPositions(groupId, userId);
    this.ctx.store.members.remove(groupId, userId);
    tx.emit({ type: 'member.left', groupId, userId, operatorId, subType, audience });
  }

  private nextGroupId(): number {
    return Math.max(firstGroupId - 1, ...this.ctx.store.groups.list().map((group) => group.groupId)) + 1;
  }
}

function newMember(groupId: number, userId: number, role: Role, time: number): Member {
  return { groupId, userId, role, card: '', title: '', titleExpireTime: 0, joinTime: time, lastSentTime: 0, level: 1, muteUntil: 0 };
}
