import { fail, WorldError } from '../errors.js';
import { roleRank, type Group, type Member } from '../model.js';
import type { WorldStore } from '../store/store.js';
import { nowSeconds, type Clock } from '../../util/clock.js';

/**
 * Reading groups and members, and QQ's rank rules (owner > admin > member; nobody acts on an
 * equal or higher rank). Everything here is a synchronous read, so the checks work the same
 * outside a unit of work and inside one, where they count. `GroupService` adds the changes.
 */
export class GroupQueries {
  constructor(
    protected readonly store: WorldStore,
    private readonly clock: Clock,
  ) {}

  find(groupId: number): Group | undefined {
    return this.store.groups.get(groupId);
  }

  require(groupId: number): Group {
    const group = this.store.groups.get(groupId);
    if (!group) throw fail.groupNotFound(groupId);
    return group;
  }

  list(): Group[] {
    return this.store.groups.list();
  }

  listFor(userId: number): Group[] {
    return this.store.groups.listFor(userId);
  }

  memberCount(groupId: number): number {
    return this.store.members.count(groupId);
  }

  findMember(groupId: number, userId: number): Member | undefined {
    return this.store.members.get(groupId, userId);
  }

  /** The member, or MEMBER_NOT_FOUND (the group must exist). */
  requireMember(groupId: number, userId: number): Member {
    this.require(groupId);
    const member = this.store.members.get(groupId, userId);
    if (!member) throw fail.memberNotFound(groupId, userId);
    return member;
  }

  /** The acting account's own membership, or NOT_A_MEMBER: used before an account acts in a group. */
  requireSelf(groupId: number, userId: number): Member {
    this.require(groupId);
    const member = this.store.members.get(groupId, userId);
    if (!member) throw fail.notAMember(groupId, userId);
    return member;
  }

  members(groupId: number): Member[] {
    return this.store.members.list(groupId);
  }

  memberIds(groupId: number): readonly number[] {
    return this.store.members.userIds(groupId);
  }

  sharedGroups(a: number, b: number): number[] {
    return this.store.members.sharedGroups(a, b);
  }

  /** Whether the member may not speak now: a personal mute, or a whole-group mute for plain members. */
  isMuted(group: Group, member: Member): boolean {
    if (member.muteUntil > nowSeconds(this.clock)) return true;
    return group.wholeMute && member.role === 'member';
  }

  /** Throws unless `actorId` is an admin or the owner of the group. */
  requireAdmin(groupId: number, actorId: number, what: string): Member {
    const self = this.requireSelf(groupId, actorId);
    if (self.role === 'member') {
      throw new WorldError('PERMISSION_DENIED', `account ${actorId} is not an admin of group ${groupId} and cannot ${what}`);
    }
    return self;
  }

  /** Throws unless the actor is a member of strictly higher rank than `target`. */
  requireOutranks(actorId: number, target: Member): Member {
    const self = this.requireSelf(target.groupId, actorId);
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
}
