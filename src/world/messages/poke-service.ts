import { fail, WorldError } from '../errors.js';
import { notify, type ServiceContext } from '../services/context.js';
import type { FriendService } from '../services/friend-service.js';
import type { GroupService } from '../services/group-service.js';

/**
 * Pokes ("戳一戳"). They are notifications, not messages: nothing is stored, a `poke` domain
 * event goes to the group's members (group poke) or to both friends (friend poke).
 */
export class PokeService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly groups: GroupService,
    private readonly friends: FriendService,
  ) {}

  /** `actorId` pokes `targetId` (itself included) in a group both are members of; a muted member cannot. */
  groupPoke(actorId: number, groupId: number, targetId: number): void {
    const group = this.groups.require(groupId);
    const self = this.groups.requireSelf(groupId, actorId);
    this.groups.requireMember(groupId, targetId);
    if (this.groups.isMuted(group, self)) {
      throw new WorldError('MUTED', `account ${actorId} cannot poke in group ${groupId} while muted`, { groupId, userId: actorId });
    }
    notify(this.ctx, { type: 'poke', groupId, senderId: actorId, targetId, audience: this.groups.memberIds(groupId) });
  }

  /** In the private chat with friend `peerId`, `actorId` pokes the friend or itself. */
  friendPoke(actorId: number, peerId: number, targetId: number): void {
    if (!this.ctx.store.accounts.get(peerId)) throw fail.userNotFound(peerId);
    if (!this.friends.areFriends(actorId, peerId)) {
      throw new WorldError('NOT_FRIENDS', `account ${actorId} and user ${peerId} are not friends, so they cannot poke each other`, {
        userId: peerId,
      });
    }
    if (targetId !== peerId && targetId !== actorId) {
      throw new WorldError(
        'INVALID_ARGUMENT',
        `in the chat with ${peerId}, account ${actorId} can poke ${peerId} or itself, not ${targetId}`,
      );
    }
    notify(this.ctx, { type: 'poke', groupId: 0, senderId: actorId, targetId, audience: [...new Set([actorId, peerId])] });
  }
}
