import { fail, WorldError } from '../errors.js';
import { roleRank, type Group, type Member, type Role } from '../model.js';
import { emit, now, operatorOf, type Actor, type ServiceContext } from './context.js';

export interface NewGroup {
  readonly groupId?: number;
  readonly name: string;
  readonly ownerId: number;
  readonly adminIds?: readonly number[];
  readonly memberIds?: readonly number[];
  readonly maxMembers?: number;
}

/** Groups start here when the world picks the number. */
const firstGroupId = 30001;

/**
 * Groups and their members, with QQ's rules: owner > admin > member, and nobody acts on an equal
 * or higher rank. `actor` 'world' (world file, admin console) bypasses the rules.
 */
export class GroupService {
  constructor(private readonly ctx: ServiceContext) {}

  find(groupId: number): Promise<Group | undefined> {
    return this.ctx.store.groups.get(groupId);
  }

  async require(groupId: number): Promise<Group> {
    const group = await this.ctx.store.groups.get(groupId);
    if (!group) throw fail.groupNotFound(groupId);
    return group;
  }

  list(): Promise<Group[]> {
    return this.ctx.store.groups.list();
  }

  listFor(userId: number): Promise<Group[]> {
    return this.ctx.store.groups.listFor(userId);
  }

  memberCount(groupId: number): Promise<number> {
    return this.ctx.store.groups.memberCount(groupId);
  }

  findMember(groupId: number, userId: number): Promise<Member | undefined> {
    return this.ctx.store.members.get(groupId, userId);
  }

  /** The member, or MEMBER_NOT_FOUND (the group must exist). */
  async requireMember(groupId: number, userId: number): Promise<Member> {
    await this.require(groupId);
    const member = await this.ctx.store.members.get(groupId, userId);
    if (!member) throw fail.memberNotFound(groupId, userId);
    return member;
  }

  /** The acting account's own membership, or NOT_A_MEMBER: used before an account acts in a group. */
  async requireSelf(groupId: number, userId: number): Promise<Member> {
    await this.require(groupId);
    const member = await this.ctx.store.members.get(groupId, userId);
    if (!member) throw fail.notAMember(groupId, userId);
    return member;
  }

  members(groupId: number): Promise<Member[]> {
    return this.ctx.store.members.list(groupId);
  }

  memberIds(groupId: number): Promise<number[]> {
    return this.ctx.store.members.userIds(groupId);
  }

  sharedGroups(a: number, b: number): Promise<number[]> {
    return this.ctx.store.members.sharedGroups(a, b);
  }

  /** Whether the member may not speak now: a personal mute, or a whole-group mute for plain members. */
  isMuted(group: Group, member: Member): boolean {
    if (member.muteUntil > now(this.ctx)) return true;
    return group.wholeMute && member.role === 'member';
  }

  async create(input: NewGroup): Promise<Group> {
    const groupId = input.groupId ?? (await this.nextGroupId());
    if (!Number.isSafeInteger(groupId) || groupId < 10000) {
      throw new WorldError('INVALID_ARGUMENT', `group_id ${groupId} is not a valid group number (an integer of at least 10000)`);
    }
    if (await this.ctx.store.groups.get(groupId)) {
      throw new WorldError('ALREADY_EXISTS', `group ${groupId} already exists`, { groupId });
    }
    const roles = new Map<number, Role>();
    for (const userId of input.memberIds ?? []) roles.set(userId, 'member');
    for (const userId of input.adminIds ?? []) roles.set(userId, 'admin');
    roles.set(input.ownerId, 'owner');
    const accounts = await this.ctx.store.accounts.getMany([...roles.keys()]);
    const missing = [...roles.keys()].filter((userId) => !accounts.has(userId));
    if (missing.length > 0) {
      throw new WorldError('USER_NOT_FOUND', `group ${groupId}: no such account(s) ${missing.join(', ')}`, { missing });
    }
    const time = now(this.ctx);
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
    if (roles.size > group.maxMembers) {
      throw new WorldError('LIMIT_REACHED', `group ${groupId} would have ${roles.size} members, more than its maximum ${group.maxMembers}`);
    }
    const members = [...roles].map(([userId, role]) => newMember(groupId, userId, role, time));
    await this.ctx.store.groups.create(group, members);
    emit(this.ctx, { type: 'group.created', group, audience: [] });
    for (const member of members) {
      emit(this.ctx, { type: 'member.joined', member, operatorId: input.ownerId, subType: 'approve', audience: [...roles.keys()] });
    }
    return group;
  }

  /**
   * Adds an account to a group (after an approved request, an invitation, or by the world).
   * `operatorId` is who approved or invited it.
   */
  async addMember(
    groupId: number,
    userId: number,
    options: { operatorId?: number; subType?: 'approve' | 'invite'; role?: Role } = {},
  ): Promise<Member> {
    const group = await this.require(groupId);
    if (!(await this.ctx.store.accounts.get(userId))) throw fail.userNotFound(userId);
    if (await this.ctx.store.members.get(groupId, userId)) {
      throw new WorldError('ALREADY_EXISTS', `user ${userId} is already a member of group ${groupId}`, { groupId, userId });
    }
    if ((await this.ctx.store.groups.memberCount(groupId)) >= group.maxMembers) {
      throw new WorldError('LIMIT_REACHED', `group ${groupId} is full (${group.maxMembers} members)`, { groupId });
    }
    const member = newMember(groupId, userId, options.role === 'admin' ? 'admin' : 'member', now(this.ctx));
    await this.ctx.store.members.insert(member);
    emit(this.ctx, {
      type: 'member.joined',
      member,
      operatorId: options.operatorId ?? group.ownerId,
      subType: options.subType ?? 'approve',
      audience: await this.memberIds(groupId),
    });
    return member;
  }

  /** The member leaves on their own. The owner cannot leave; they dismiss the group instead. */
  async leave(groupId: number, userId: number): Promise<void> {
    const member = await this.requireSelf(groupId, userId);
    if (member.role === 'owner') {
      throw new WorldError('PERMISSION_DENIED', `the owner of group ${groupId} cannot leave it; dismiss the group instead`);
    }
    await this.removeMember(groupId, userId, userId, 'leave');
  }

  /** Removes `userId`; the actor must outrank them. */
  async kick(actor: Actor, groupId: number, userId: number): Promise<void> {
    const target = await this.requireMember(groupId, userId);
    if (actor !== 'world') {
      if (actor === userId) throw new WorldError('PERMISSION_DENIED', `account ${actor} cannot kick itself; leave the group instead`);
      await this.requireOutranks(actor, target);
    }
    if (target.role === 'owner') throw new WorldError('RANK_TOO_LOW', `the owner of group ${groupId} cannot be removed`);
    const group = await this.require(groupId);
    await this.removeMember(groupId, userId, operatorOf(actor, group.ownerId), 'kick');
  }

  /** Dismisses the group: owner only. Every member gets a group_decrease. */
  async dismiss(actor: Actor, groupId: number): Promise<void> {
    const group = await this.require(groupId);
    if (actor !== 'world' && actor !== group.ownerId) {
      await this.requireSelf(groupId, actor);
      throw new WorldError('PERMISSION_DENIED', `only the owner may dismiss group ${groupId}`);
    }
    const audience = await this.memberIds(groupId);
    await this.ctx.store.groups.delete(groupId);
    for (const userId of audience) {
      emit(this.ctx, {
        type: 'member.left',
        groupId,
        userId,
        operatorId: group.ownerId,
        subType: 'disband',
        audience,
      });
    }
  }

  async setAdmin(actor: Actor, groupId: number, userId: number, enable: boolean): Promise<void> {
    const group = await this.require(groupId);
    if (actor !== 'world' && actor !== group.ownerId) {
      await this.requireSelf(groupId, actor);
      throw new WorldError('PERMISSION_DENIED', `only the owner of group ${groupId} may change admins`);
    }
    const target = await this.requireMember(groupId, userId);
    if (target.role === 'owner') throw new WorldError('RANK_TOO_LOW', `the owner of group ${groupId} cannot be made an admin or a member`);
    const role: Role = enable ? 'admin' : 'member';
    if (target.role === role) return;
    await this.ctx.store.members.update(groupId, userId, { role });
    emit(this.ctx, { type: 'member.role_changed', groupId, userId, role, previous: target.role, audience: await this.memberIds(groupId) });
  }

  /** Members change their own card; admins and the owner change those below them. */
  async setCard(actor: Actor, groupId: number, userId: number, card: string): Promise<void> {
    const target = await this.requireMember(groupId, userId);
    if (actor !== 'world' && actor !== userId) await this.requireOutranks(actor, target);
    if (target.card === card) return;
    await this.ctx.store.members.update(groupId, userId, { card });
    emit(this.ctx, {
      type: 'member.card_changed',
      groupId,
      userId,
      cardNew: card,
      cardOld: target.card,
      audience: await this.memberIds(groupId),
    });
  }

  /** Special titles: owner only. `durationSeconds` -1 or 0 = permanent. */
  async setTitle(actor: Actor, groupId: number, userId: number, title: string, durationSeconds = -1): Promise<void> {
    const group = await this.require(groupId);
    if (actor !== 'world' && actor !== group.ownerId) {
      await this.requireSelf(groupId, actor);
      throw new WorldError('PERMISSION_DENIED', `only the owner of group ${groupId} may set special titles`);
    }
    await this.requireMember(groupId, userId);
    const titleExpireTime = durationSeconds > 0 ? now(this.ctx) + durationSeconds : 0;
    await this.ctx.store.members.update(groupId, userId, { title, titleExpireTime });
    emit(this.ctx, { type: 'member.title_changed', groupId, userId, title, audience: await this.memberIds(groupId) });
  }

  /** Mutes a member for `durationSeconds` (0 lifts the mute). The actor must outrank the member. */
  async mute(actor: Actor, groupId: number, userId: number, durationSeconds: number): Promise<void> {
    const target = await this.requireMember(groupId, userId);
    if (actor !== 'world') {
      if (actor === userId) throw new WorldError('PERMISSION_DENIED', `account ${actor} cannot mute itself`);
      await this.requireOutranks(actor, target);
    } else if (target.role === 'owner') {
      throw new WorldError('RANK_TOO_LOW', `the owner of group ${groupId} cannot be muted`);
    }
    const duration = Math.max(0, Math.floor(durationSeconds));
    const muteUntil = duration > 0 ? now(this.ctx) + duration : 0;
    await this.ctx.store.members.update(groupId, userId, { muteUntil });
    const group = await this.require(groupId);
    emit(this.ctx, {
      type: 'member.muted',
      groupId,
      userId,
      operatorId: operatorOf(actor, group.ownerId),
      duration,
      audience: await this.memberIds(groupId),
    });
  }

  async setWholeMute(actor: Actor, groupId: number, enable: boolean): Promise<void> {
    const group = await this.require(groupId);
    if (actor !== 'world') await this.requireAdmin(groupId, actor, 'mute the whole group');
    if (group.wholeMute === enable) return;
    await this.ctx.store.groups.update(groupId, { wholeMute: enable });
    emit(this.ctx, {
      type: 'member.muted',
      groupId,
      userId: 0,
      operatorId: operatorOf(actor, group.ownerId),
      duration: enable ? -1 : 0,
      audience: await this.memberIds(groupId),
    });
  }

  async rename(actor: Actor, groupId: number, name: string): Promise<void> {
    const group = await this.require(groupId);
    if (actor !== 'world') await this.requireAdmin(groupId, actor, 'rename the group');
    if (group.name === name) return;
    const updated = await this.ctx.store.groups.update(groupId, { name });
    const audience = await this.memberIds(groupId);
    const operatorId = operatorOf(actor, group.ownerId);
    emit(this.ctx, { type: 'group.name_changed', groupId, operatorId, name, audience });
    emit(this.ctx, { type: 'group.updated', group: updated, operatorId, changed: ['name'], audience: [] });
  }

  /** World-level changes to a group's settings (max members, memo, avatar). */
  async update(groupId: number, patch: { maxMembers?: number; memo?: string; avatar?: string }, operatorId = 0): Promise<Group> {
    const group = await this.require(groupId);
    const changed = (Object.keys(patch) as (keyof typeof patch)[]).filter((key) => patch[key] !== undefined && patch[key] !== group[key]);
    if (changed.length === 0) return group;
    const updated = await this.ctx.store.groups.update(groupId, patch);
    emit(this.ctx, { type: 'group.updated', group: updated, operatorId: operatorId || group.ownerId, changed, audience: [] });
    return updated;
  }

  /** Hands the group to another member (world only, as QQ's transfer needs the owner's phone). */
  async transferOwner(groupId: number, toUserId: number): Promise<void> {
    const group = await this.require(groupId);
    if (group.ownerId === toUserId) return;
    const target = await this.requireMember(groupId, toUserId);
    await this.ctx.store.groups.transferOwner(groupId, group.ownerId, toUserId);
    const audience = await this.memberIds(groupId);
    emit(this.ctx, { type: 'member.role_changed', groupId, userId: group.ownerId, role: 'member', previous: 'owner', audience });
    emit(this.ctx, { type: 'member.role_changed', groupId, userId: toUserId, role: 'owner', previous: target.role, audience });
    emit(this.ctx, {
      type: 'group.updated',
      group: { ...group, ownerId: toUserId },
      operatorId: group.ownerId,
      changed: ['ownerId'],
      audience: [],
    });
  }

  /** Throws unless `actorId` is an admin or the owner of the group. */
  async requireAdmin(groupId: number, actorId: number, what: string): Promise<Member> {
    const self = await this.requireSelf(groupId, actorId);
    if (self.role === 'member') {
      throw new WorldError('PERMISSION_DENIED', `account ${actorId} is not an admin of group ${groupId} and cannot ${what}`);
    }
    return self;
  }

  /** Throws unless the actor is a member of strictly higher rank than `target`. */
  async requireOutranks(actorId: number, target: Member): Promise<Member> {
    const self = await this.requireSelf(target.groupId, actorId);
    if (roleRank[self.role] <= roleRank[target.role]) {
      if (self.role === 'member') {
        throw new WorldError(
          'PERMISSION_DENIED',
          `account ${actorId} is a plain member of group ${target.groupId} and cannot act on user ${target.userId}`,
        );
      }
      throw new WorldError(
        'RANK_TOO_LOW',
        `account ${actorId} (${self.role}) cannot act on user ${target.userId} (${target.role}) in group ${target.groupId}`,
      );
    }
    return self;
  }

  private async removeMember(groupId: number, userId: number, operatorId: number, subType: 'leave' | 'kick'): Promise<void> {
    const audience = await this.memberIds(groupId);
    await this.ctx.store.members.remove(groupId, userId);
    emit(this.ctx, { type: 'member.left', groupId, userId, operatorId, subType, audience });
  }

  private async nextGroupId(): Promise<number> {
    const groups = await this.ctx.store.groups.list();
    return Math.max(firstGroupId - 1, ...groups.map((group) => group.groupId)) + 1;
  }
}

function newMember(groupId: number, userId: number, role: Role, time: number): Member {
  return { groupId, userId, role, card: '', title: '', titleExpireTime: 0, joinTime: time, lastSentTime: 0, level: 1, muteUntil: 0 };
}
