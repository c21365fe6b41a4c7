import type { FriendRequest } from '@saltify/milky-types';
import type { z } from 'zod';
import { WorldError } from '../../world/errors.js';
import { flagOf, type WorldRequest } from '../../world/request-model.js';
import { uidOf } from '../../world/services/account-service.js';
import { defineApi, type MilkyApiSpec, type MilkyContext } from '../api.js';

/** QQ keeps a friend-request list of this length; the spec's `limit` is capped to it. */
const requestListLimit = 200;

export function requestState(request: WorldRequest): 'pending' | 'accepted' | 'rejected' {
  return request.status === 'approved' ? 'accepted' : request.status;
}

/** A request as the account's list shows it: one it sent is never filtered there (the filter is the target's). */
function friendRequestEntity(request: WorldRequest, selfId: number): z.input<typeof FriendRequest> {
  return {
    time: request.createdAt,
    initiator_id: request.requesterId,
    initiator_uid: uidOf(request.requesterId),
    target_user_id: request.targetId,
    target_user_uid: uidOf(request.targetId),
    state: requestState(request),
    comment: request.comment,
    via: '',
    is_filtered: request.requesterId !== selfId && request.filtered,
  };
}

/**
 * Up to `count` friend requests of the account, newest first: those sent to it (QQ's filtered or
 * unfiltered list), and in the unfiltered list also those it sent, as QQ's buddy request list
 * holds both directions.
 */
async function friendRequestsOf(ctx: MilkyContext, filtered: boolean, count: number): Promise<WorldRequest[]> {
  if (count === 0) return [];
  const received = await ctx.world.requests.friendRequests(ctx.selfId, { filtered, count });
  if (filtered) return received;
  const sent = await ctx.world.requests.sentFriendRequests(ctx.selfId, count);
  // Request ids grow with time, so the larger id is the newer request.
  return [...received, ...sent].sort((a, b) => b.requestId - a.requestId).slice(0, count);
}

/** Milky names a friend request by its sender's uid; the newest pending one from them is meant. */
async function pendingFrom(ctx: MilkyContext, initiatorUid: string, filtered: boolean): Promise<WorldRequest> {
  const requests = await ctx.world.requests.friendRequests(ctx.selfId, { filtered, count: requestListLimit });
  const request = requests.find((candidate) => candidate.status === 'pending' && uidOf(candidate.requesterId) === initiatorUid);
  if (!request) {
    throw new WorldError(
      'REQUEST_NOT_FOUND',
      `account ${ctx.selfId} has no pending${filtered ? ' filtered' : ''} friend request from uid ${JSON.stringify(initiatorUid.slice(0, 64))}`,
    );
  }
  return request;
}

/** Milky's friend APIs: nudges, likes, removing a friend and answering friend requests. */
export const friendApis: MilkyApiSpec[] = [
  defineApi('friend', 'send_friend_nudge', 'Poke a friend (or, with is_self, oneself) in the private chat', async (ctx, input) => {
    await ctx.world.pokes.friendPoke(ctx.selfId, input.user_id, input.is_self ? ctx.selfId : input.user_id);
  }),
  defineApi('friend', 'send_profile_like', "Like a user's profile, within QQ's daily limit", async (ctx, input) => {
    await ctx.world.likes.send(ctx.selfId, input.user_id, input.count);
  }),
  defineApi('friend', 'delete_friend', "Remove a friend from the account's list (they keep theirs, as in QQ)", async (ctx, input) => {
    await ctx.world.accounts.require(input.user_id);
    await ctx.world.friends.unfriend(ctx.selfId, input.user_id, true);
  }),
  defineApi('friend', 'get_friend_requests', 'Friend requests to the account, and those it sent, newest first', async (ctx, input) => {
    const requests = await friendRequestsOf(ctx, input.is_filtered, Math.min(input.limit, requestListLimit));
    return { requests: requests.map((request) => friendRequestEntity(request, ctx.selfId)) };
  }),
  defineApi('friend', 'accept_friend_request', 'Accept a pending friend request (by the sender’s uid)', async (ctx, input) => {
    const request = await pendingFrom(ctx, input.initiator_uid, input.is_filtered);
    await ctx.world.requests.answerFriend(ctx.selfId, flagOf(request), true);
  }),
  defineApi('friend', 'reject_friend_request', 'Reject a pending friend request (by the sender’s uid)', async (ctx, input) => {
    const request = await pendingFrom(ctx, input.initiator_uid, input.is_filtered);
    await ctx.world.requests.answerFriend(ctx.selfId, flagOf(request), false);
  }),
];
