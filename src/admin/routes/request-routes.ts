import { Type } from '@sinclair/typebox';
import type { WorldRequest } from '../../world/request-model.js';
import { flagOf } from '../../world/request-model.js';
import type { World } from '../../world/world.js';
import { AdminError } from '../admin-errors.js';
import type { AdminRoute } from '../admin-route.js';
import { parseBody } from '../validate.js';

/**
 * Requests as people raise them: QQ has no OneBot action to *send* a friend request or ask to
 * join a group (bots only answer them), so the console raises them here, as the requesting
 * account. They reach the target like any QQ request (a `request` event to the account, or to the
 * group's owner and admins) and are answered with set_friend_add_request / set_group_add_request.
 */
const tag = 'requests';
const strict = { additionalProperties: false } as const;
const Uin = Type.Integer({ minimum: 10000 });
const statuses = ['pending', 'approved', 'rejected'];

const FriendRequest = Type.Object({ user_id: Uin, target_id: Uin, comment: Type.Optional(Type.String({ maxLength: 200 })) }, strict);
const JoinRequest = Type.Object({ user_id: Uin, group_id: Uin, comment: Type.Optional(Type.String({ maxLength: 200 })) }, strict);
const Invitation = Type.Object({ user_id: Uin, group_id: Uin, invitee_id: Uin }, strict);

/** Who may answer a request: the account asked (friend, invite) or the group's owner and admins (join). */
async function answerers(world: World, request: WorldRequest): Promise<number[]> {
  if (request.kind !== 'join') return [request.targetId];
  const members = world.groups.members(request.groupId);
  return members.filter((member) => member.role !== 'member').map((member) => member.userId);
}

async function requestView(world: World, request: WorldRequest) {
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

export const requestRoutes: AdminRoute[] = [
  {
    method: 'GET',
    url: '/api/world/requests',
    summary: 'Requests of the world, newest first (?status=pending|approved|rejected, default pending); each names who may answer it',
    tag,
    async handler(request, _reply, { world }) {
      const status = (request.query as { status?: string }).status ?? 'pending';
      if (!statuses.includes(status))
        throw new AdminError(400, 'BAD_REQUEST', `status must be one of ${statuses.join(', ')}, got ${status}`);
      // The request service answers per account (get_group_system_msg); the console lists them all.
      const list = world.requests.list({ status: status as WorldRequest['status'], limit: 200 });
      return Promise.all(list.map((entry) => requestView(world, entry)));
    },
  },
  {
    method: 'POST',
    url: '/api/world/requests/friend',
    summary: '`user_id` asks `target_id` to be friends (the target receives a friend request event)',
    tag,
    body: FriendRequest,
    async handler(request, reply, { world }) {
      const body = parseBody(FriendRequest, request.body);
      const raised = await world.requests.raiseFriend(body.user_id, body.target_id, { comment: body.comment ?? '' });
      reply.code(201);
      return requestView(world, raised);
    },
  },
  {
    method: 'POST',
    url: '/api/world/requests/group',
    summary: "`user_id` asks to join `group_id` (its owner and admins receive a join request; the group's join setting may admit at once)",
    tag,
    body: JoinRequest,
    async handler(request, reply, { world }) {
      const body = parseBody(JoinRequest, request.body);
      const raised = await world.requests.raiseJoin(body.user_id, body.group_id, { comment: body.comment ?? '' });
      reply.code(201);
      return requestView(world, raised);
    },
  },
  {
    method: 'POST',
    url: '/api/world/requests/invite',
    summary: '`user_id`, a member of `group_id`, invites `invitee_id` (a bot invitee receives an invite request)',
    tag,
    body: Invitation,
    async handler(request, reply, { world }) {
      const body = parseBody(Invitation, request.body);
      const raised = await world.requests.invite(body.user_id, body.group_id, body.invitee_id);
      reply.code(201);
      return requestView(world, raised);
    },
  },
];
