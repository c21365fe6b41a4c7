import { Type, type Static } from '@sinclair/typebox';
import { defineRoute } from './route.js';

/** Any positive id up to 2^53 - 1, as everywhere in the admin API. */
const Uin = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER });
const strict = { additionalProperties: false } as const;
const Comment = Type.Optional(Type.String({ maxLength: 200 }));
const RequestStatus = Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('rejected')]);

/** A friend request, a request to join a group or an invitation, as the console lists them. */
export const RequestView = Type.Object({
  flag: Type.String({ description: 'The OneBot flag that set_friend_add_request / set_group_add_request answer' }),
  kind: Type.Union([Type.Literal('friend'), Type.Literal('join'), Type.Literal('invite')]),
  user_id: Type.Integer({ description: 'Who asks (friend, join) or invites (invite)' }),
  target_id: Type.Integer({ description: 'friend: the account asked; invite: the account invited; join: 0' }),
  group_id: Type.Integer({ description: 'join and invite: the group; friend: 0' }),
  invitor_id: Type.Integer({ description: 'join: the member whose invitation led to it, else 0' }),
  comment: Type.String(),
  filtered: Type.Boolean({ description: 'QQ filtered it (a doubtful friend request): no event was raised' }),
  status: RequestStatus,
  actor_id: Type.Integer({ description: 'Who answered it; 0 while pending or when the group answered by its join setting' }),
  reason: Type.String(),
  time: Type.Integer(),
  answerers: Type.Array(Type.Integer(), { description: "Who may answer it now: the target, or the group's owner and admins" }),
});
export type RequestView = Static<typeof RequestView>;

const tag = 'requests';

/**
 * Requests as people raise them: QQ has no OneBot action to *send* a friend request or ask to
 * join a group (bots only answer them), so the console raises them here, as the requesting
 * account. They reach the target like any QQ request and are answered with
 * set_friend_add_request / set_group_add_request.
 */
export const requestsApi = {
  listRequests: defineRoute({
    method: 'GET',
    url: '/api/world/requests',
    summary: 'Requests of the world, newest first (?status=pending|approved|rejected, default pending); each names who may answer it',
    tag,
    query: Type.Object({ status: Type.Optional(RequestStatus) }),
    response: Type.Array(RequestView),
  }),
  raiseFriend: defineRoute({
    method: 'POST',
    url: '/api/world/requests/friend',
    summary: '`user_id` asks `target_id` to be friends (the target receives a friend request event)',
    tag,
    body: Type.Object({ user_id: Uin, target_id: Uin, comment: Comment }, strict),
    response: RequestView,
    status: 201,
  }),
  raiseJoin: defineRoute({
    method: 'POST',
    url: '/api/world/requests/group',
    summary: "`user_id` asks to join `group_id` (its owner and admins receive a join request; the group's join setting may admit at once)",
    tag,
    body: Type.Object({ user_id: Uin, group_id: Uin, comment: Comment }, strict),
    response: RequestView,
    status: 201,
  }),
  invite: defineRoute({
    method: 'POST',
    url: '/api/world/requests/invite',
    summary: '`user_id`, a member of `group_id`, invites `invitee_id` (a bot invitee receives an invite request)',
    tag,
    body: Type.Object({ user_id: Uin, group_id: Uin, invitee_id: Uin }, strict),
    response: RequestView,
    status: 201,
  }),
};
