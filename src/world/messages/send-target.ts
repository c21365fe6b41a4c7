import { fail, WorldError } from '../errors.js';
import type { Group, Member } from '../model.js';
import type { FriendService } from '../services/friend-service.js';
import type { GroupService } from '../services/group-service.js';
import type { WorldStore } from '../store/store.js';
import { privateConversation, type Conversation } from './message.js';

/** Where a message goes: a group, or a user (optionally naming the group a temp chat goes through). */
export type SendTarget =
  { readonly type: 'group'; readonly groupId: number } | { readonly type: 'private'; readonly userId: number; readonly groupId?: number };

export interface ResolvedTarget {
  readonly conversation: Conversation;
  /** Private: the recipient; group: 0. */
  readonly targetId: number;
  /** Private temp chats: the shared group they go through; else 0. */
  readonly tempGroupId: number;
  /** Groups: the group and the sender's membership (for @ names and permissions). */
  readonly group?: Group;
  readonly sender?: Member;
}

interface Deps {
  readonly store: WorldStore;
  readonly groups: GroupService;
  readonly friends: FriendService;
}

/**
 * QQ's rules for who may send where. Groups: members only, and not while muted (a personal mute
 * binds everyone; a whole-group mute binds plain members, the owner and admins may still speak).
 * Private: mutual friends chat directly; strangers only as a temp chat through a group both are
 * in (the one given, else the first they share); otherwise NOT_FRIENDS.
 */
export function resolveSendTarget(deps: Deps, senderId: number, target: SendTarget): ResolvedTarget {
  if (target.type === 'group') {
    const group = deps.groups.require(target.groupId);
    const sender = deps.groups.requireSelf(target.groupId, senderId);
    if (deps.groups.isMuted(group, sender)) throw mutedError(group, sender);
    return { conversation: { type: 'group', groupId: group.groupId }, targetId: 0, tempGroupId: 0, group, sender };
  }
  const { userId } = target;
  if (!deps.store.accounts.get(userId)) throw fail.userNotFound(userId);
  if (userId === senderId) throw new WorldError('INVALID_ARGUMENT', `account ${senderId} cannot send a private message to itself`);
  const conversation = privateConversation(senderId, userId);
  if (deps.friends.areFriends(senderId, userId)) return { conversation, targetId: userId, tempGroupId: 0 };
  const reachable = deps.groups.sharedGroups(senderId, userId);
  const shared = reachable.filter((groupId) => tempChatsAllowed(deps, groupId, senderId));
  if (target.groupId !== undefined) {
    if (reachable.includes(target.groupId) && !shared.includes(target.groupId)) {
      throw new WorldError('PERMISSION_DENIED', `group ${target.groupId} does not let its members start temp chats`, {
        groupId: target.groupId,
      });
    }
    if (!shared.includes(target.groupId)) {
      throw new WorldError(
        'NOT_FRIENDS',
        `account ${senderId} and user ${userId} are not friends and do not share group ${target.groupId}, so no temp chat goes through it`,
        { userId, groupId: target.groupId },
      );
    }
    return { conversation, targetId: userId, tempGroupId: target.groupId };
  }
  const first = shared[0];
  if (first === undefined && reachable.length > 0) {
    throw new WorldError('PERMISSION_DENIED', `no group account ${senderId} shares with user ${userId} lets its members start temp chats`, {
      userId,
    });
  }
  if (first === undefined) {
    throw new WorldError(
      'NOT_FRIENDS',
      `account ${senderId} and user ${userId} are not friends and share no group; a private message needs one or the other`,
      { userId },
    );
  }
  return { conversation, targetId: userId, tempGroupId: first };
}

/** Whether a temp chat may go through the group: its switch allows it, or the sender administers it. */
function tempChatsAllowed(deps: Deps, groupId: number, senderId: number): boolean {
  if (deps.store.groupFeatures.get(groupId).allowMemberTemporarySession) return true;
  return deps.store.members.get(groupId, senderId)?.role !== 'member';
}

function mutedError(group: Group, member: Member): WorldError {
  if (member.muteUntil > 0 && !(group.wholeMute && member.role === 'member')) {
    return new WorldError(
      'MUTED',
      `account ${member.userId} is muted in group ${group.groupId} until ${new Date(member.muteUntil * 1000).toISOString()}`,
      {
        groupId: group.groupId,
        userId: member.userId,
        until: member.muteUntil,
      },
    );
  }
  return new WorldError('MUTED', `group ${group.groupId} is muted; only its owner and admins may speak`, {
    groupId: group.groupId,
    userId: member.userId,
  });
}
