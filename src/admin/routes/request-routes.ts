import { requestsApi, type RequestView } from '../../contract/admin/requests.js';
import type { WorldRequest } from '../../world/request-model.js';
import { flagOf } from '../../world/request-model.js';
import type { World } from '../../world/world.js';
import { implement } from '../admin-route.js';

/** Who may answer a request: the account asked (friend, invite) or the group's owner and admins (join). */
async function answerers(world: World, request: WorldRequest): Promise<number[]> {
  if (request.kind !== 'join') return [request.targetId];
  const members = world.groups.members(request.groupId);
  return members.filter((member) => member.role !== 'member').map((member) => member.userId);
}

async function requestView(world: World, request: WorldRequest): Promise<RequestView> {
  return {
    flag: flagOf(request),
    kind: request.kind,
    user_id: request.requesterId,
    target_id: request.targetId,
    group_id: request.groupId,
    invitor_id: request.invitorId,
    comment: request.comment,
    filtered: request.filtered,
    status: request.status,
    actor_id: request.actorId,
    reason: request.reason,
    time: request.createdAt,
    answerers: request.status === 'pending' ? await answerers(world, request) : [],
  };
}

/**
 * Requests as people raise them (QQ has no OneBot action to *send* one; bots only answer them).
 * They reach the target like any QQ request: a `request` event to the account, or to the group's
 * owner and admins, answered with set_friend_add_request / set_group_add_request.
 */
export const requestRoutes = implement(requestsApi, {
  async listRequests(request, _reply, { world }) {
    // The request service answers per account (get_group_system_msg); the console lists them all.
    const list = world.requests.list({ status: request.query.status ?? 'pending', limit: 200 });
    return Promise.all(list.map((entry) => requestView(world, entry)));
  },

  async raiseFriend(request, _reply, { world }) {
    const { user_id, target_id, comment } = request.body;
    return requestView(world, await world.requests.raiseFriend(user_id, target_id, { comment: comment ?? '' }));
  },

  async raiseJoin(request, _reply, { world }) {
    const { user_id, group_id, comment } = request.body;
    return requestView(world, await world.requests.raiseJoin(user_id, group_id, { comment: comment ?? '' }));
  },

  async invite(request, _reply, { world }) {
    const { user_id, group_id, invitee_id } = request.body;
    return requestView(world, await world.requests.invite(user_id, group_id, invitee_id));
  },
});
