import type { GroupNotification } from '@saltify/milky-types';
import type { z } from 'zod';
import { WorldError } from '../../world/errors.js';
import { flagOf, type WorldRequest } from '../../world/request-model.js';
import { defineApi, type MilkyApiSpec, type MilkyContext } from '../api.js';
import { requestState } from './friend.js';

/** How far back get_group_notifications looks; QQ's notification list is about this long. */
const notificationWindow = 1000;

type Notification = z.input<typeof GroupNotification>;
type JoinType = 'join_request' | 'invited_join_request';

/** A join request is "invited" when a member's invitation led to it; Milky lists the two apart. */
export const joinTypeOf = (request: WorldRequest): JoinType => (request.invitorId ? 'invited_join_request' : 'join_request');

function notificationOf(request: WorldRequest): Notification {
  const common = {
    group_id: request.groupId,
    notification_seq: request.requestId,
    state: requestState(request),
    operator_id: request.actorId || null,
  };
  if (request.invitorId) {
    return { type: 'invited_join_request', ...common, initiator_id: request.invitorId, target_user_id: request.requesterId };
  }
  return { type: 'join_request', ...common, is_filtered: request.filtered, initiator_id: request.requesterId, comment: request.comment };
}

/** The request a notification or invitation seq names, checked against the group and kind the caller gave. */
async function requestAt(ctx: MilkyContext, seq: number, groupId: number, kind: JoinType | 'invitation'): Promise<WorldRequest> {
  const request = await ctx.world.requests.find(String(seq));
  const matches =
    request !== undefined &&
    request.groupId === groupId &&
    (kind === 'invitation' ? request.kind === 'invite' : request.kind === 'join' && joinTypeOf(request) === kind);
  if (!matches) {
    const what = kind === 'invitation' ? 'invitation' : `${kind} notification`;
    throw new WorldError('REQUEST_NOT_FOUND', `group ${groupId} has no ${what} with seq ${seq}`, { seq, groupId });
  }
  return request;
}

/**
 * Milky's group notifications and their answers. Join requests (with or without a member's
 * invitation) are the world's requests, numbered by their request id, so a join request answered
 * by a NapCat admin shows as answered here too. Admin changes, kicks and quits are reported as
 * events when they happen; the world keeps no notification list of them.
 */
export const groupRequestApis: MilkyApiSpec[] = [
  defineApi('group', 'get_group_notifications', 'Join requests of the groups the account administers, newest first', async (ctx, input) => {
    const { joins } = await ctx.world.requests.systemMessages(ctx.selfId, { filtered: input.is_filtered, count: notificationWindow });
    const listed = joins
      .filter((request) => input.start_notification_seq == null || request.requestId <= input.start_notification_seq)
      .sort((a, b) => b.requestId - a.requestId);
    const page = listed.slice(0, input.limit);
    const next = listed[input.limit];
    return { notifications: page.map(notificationOf), next_notification_seq: next?.requestId ?? null };
  }),
  defineApi('group', 'accept_group_request', 'Approve a join request (owner or admin)', async (ctx, input) => {
    const request = await requestAt(ctx, input.notification_seq, input.group_id, input.notification_type);
    await ctx.world.requests.answerGroup(ctx.selfId, flagOf(request), true);
  }),
  defineApi('group', 'reject_group_request', 'Refuse a join request, with an optional reason (owner or admin)', async (ctx, input) => {
    const request = await requestAt(ctx, input.notification_seq, input.group_id, input.notification_type);
    await ctx.world.requests.answerGroup(ctx.selfId, flagOf(request), false, { reason: input.reason ?? '' });
  }),
  defineApi('group', 'accept_group_invitation', 'Accept an invitation into a group', async (ctx, input) => {
    const request = await requestAt(ctx, input.invitation_seq, input.group_id, 'invitation');
    await ctx.world.requests.answerGroup(ctx.selfId, flagOf(request), true);
  }),
  defineApi('group', 'reject_group_invitation', 'Decline an invitation into a group', async (ctx, input) => {
    const request = await requestAt(ctx, input.invitation_seq, input.group_id, 'invitation');
    await ctx.world.requests.answerGroup(ctx.selfId, flagOf(request), false);
  }),
];
