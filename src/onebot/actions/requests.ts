import { Type, type TSchema } from '@sinclair/typebox';
import { defineAction, type ActionContext, type AnyActionSpec } from '../action.js';
import { napcatFlag, yesUnlessFalse } from '../napcat-flags.js';
import { P } from '../schema.js';
import { DoubtFriendRequest, GroupNotify, toDoubtFriendRequest, toGroupNotify, type NameBook } from '../shapes/request.js';
import { flagOf, type WorldRequest } from '../../world/request-model.js';
import type { Group } from '../../world/model.js';

const flag = P.str('The request flag from the request event (or request_id from get_group_system_msg)', { minLength: 1 });
/** LLBot's and go-cqhttp's approve: a plain boolean, true when absent. */
const approve = P.bool('Approve (true) or reject (false)', true);
const approveNote =
  'Reads `approve` as a plain boolean (true/false, 1/0, "true"/"false", "1"/"0"; any other value is refused), so 0 and "0" reject.';
const comment = P.optional(P.str('Message shown to whoever answers', { maxLength: 300 }));
const filtered = P.optional(
  P.bool("Simulate QQ's filter: the request raises no event and is listed by the doubt/ignored lists instead", false),
);
const raised = Type.Object({
  flag: Type.String(),
  status: Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('rejected')]),
});
const raisedOf = (request: WorldRequest) => ({ flag: flagOf(request), status: request.status });

async function nameBook(ctx: ActionContext, requests: readonly WorldRequest[]): Promise<NameBook> {
  const userIds = requests.flatMap((request) => [request.requesterId, request.targetId, request.invitorId]).filter((id) => id > 0);
  const groups = new Map<number, Group>();
  for (const groupId of new Set(requests.map((request) => request.groupId).filter((id) => id > 0))) {
    const group = await ctx.world.groups.find(groupId);
    if (group) groups.set(groupId, group);
  }
  return { accounts: await ctx.world.accounts.getMany(userIds), groups };
}

/** set_friend_add_request's params around the dialect's `approve`. */
function friendAnswerParams<A extends TSchema>(approveParam: A) {
  return P.object({ flag, approve: approveParam, remark: P.optional(P.str('Remark for the new friend', { maxLength: 90 })) });
}

async function answerFriend(ctx: ActionContext, params: { flag: string; remark?: string }, approved: boolean): Promise<null> {
  await ctx.world.requests.answerFriend(ctx.selfId, params.flag, approved, { remark: params.remark });
  return null;
}

/** set_group_add_request's params around the dialect's `approve`. */
function groupAnswerParams<A extends TSchema>(approveParam: A) {
  return P.object({
    flag,
    sub_type: P.optional(Type.Union([Type.Literal('add'), Type.Literal('invite')], { description: 'add or invite (informative)' })),
    type: P.optional(Type.Union([Type.Literal('add'), Type.Literal('invite')], { description: 'Old name of sub_type' })),
    approve: approveParam,
    reason: P.optional(Type.Union([Type.String({ maxLength: 300 }), Type.Null()], { description: 'Why it was rejected' })),
    count: P.optional(P.int('Ignored (NapCat searches this many notifications)', { minimum: 1 })),
  });
}

async function answerGroup(ctx: ActionContext, params: { flag: string; reason?: string | null }, approved: boolean): Promise<null> {
  await ctx.world.requests.answerGroup(ctx.selfId, params.flag, approved, { reason: params.reason ?? '' });
  return null;
}

/** go-cqhttp's get_group_system_msg (with NapCat's `InvitedRequest`, the same list under its old name). */
const SystemMessages = Type.Object({
  invited_requests: Type.Array(GroupNotify),
  InvitedRequest: Type.Array(GroupNotify),
  join_requests: Type.Array(GroupNotify),
});

async function systemMessages(ctx: ActionContext, filteredOnes: boolean, count: number) {
  const { invited, joins } = await ctx.world.requests.systemMessages(ctx.selfId, { filtered: filteredOnes, count });
  const book = await nameBook(ctx, [...invited, ...joins]);
  const invitedRequests = invited.map((request) => toGroupNotify(request, book));
  return {
    invited_requests: invitedRequests,
    InvitedRequest: invitedRequests,
    join_requests: joins.map((request) => toGroupNotify(request, book)),
  };
}

/**
 * Requests, from raise to answer. NapCat has no action that raises a request (on QQ a person does
 * that in the app), so Catnap adds three (`send_friend_request`, `send_group_join_request`,
 * `send_group_invite`): run them as a simulated user through the admin `act` route, and the bot
 * receives the request event and answers it with NapCat's actions.
 */
export const requestActions: AnyActionSpec[] = [
  defineAction({
    name: 'send_friend_request',
    origin: 'catnap',
    summary: 'Ask an account to be friends (the target gets a friend request event)',
    description:
      'If the target already asked the caller, this accepts that request; if the target still has the caller in its list, the friendship is restored at once.',
    params: P.object({ user_id: P.id('QQ number to befriend'), comment, filtered }),
    result: raised,
    async handler(ctx, params) {
      return raisedOf(
        await ctx.world.requests.raiseFriend(ctx.selfId, params.user_id, { comment: params.comment, filtered: params.filtered }),
      );
    },
  }),
  defineAction({
    name: 'send_group_join_request',
    origin: 'catnap',
    summary: 'Ask to join a group; its add option decides (the owner and admins get a group request event when they must approve)',
    params: P.object({
      group_id: P.id('Group to join'),
      comment,
      answer: P.optional(P.str('Answer to the group question (add_type 4 and 5); defaults to comment', { maxLength: 300 })),
      filtered,
    }),
    result: raised,
    async handler(ctx, params) {
      return raisedOf(
        await ctx.world.requests.raiseJoin(ctx.selfId, params.group_id, {
          comment: params.comment,
          answer: params.answer,
          filtered: params.filtered,
        }),
      );
    },
  }),
  defineAction({
    name: 'send_group_invite',
    origin: 'catnap',
    summary: 'Invite an account into a group the caller is in (the invitee gets a group invite event)',
    description:
      'An accepted invitation from an owner or admin adds the invitee at once; one from a plain member becomes a join request for the admins unless the group lets anyone join.',
    params: P.object({ group_id: P.id('Group to invite into'), user_id: P.id('QQ number to invite'), comment, filtered }),
    result: raised,
    async handler(ctx, params) {
      return raisedOf(
        await ctx.world.requests.invite(ctx.selfId, params.group_id, params.user_id, {
          comment: params.comment,
          filtered: params.filtered,
        }),
      );
    },
  }),
  defineAction({
    name: 'set_friend_add_request',
    origin: 'onebot11',
    summary: 'Approve or reject a friend request sent to the caller',
    description:
      'Only false or "false" rejects: NapCat reads `approve` as `approve?.toString() !== \'false\'`, and its schema turns a number into a string here, so 0 and "0" approve too.',
    params: friendAnswerParams(napcatFlag('Approve unless false or "false"', 'to-string')),
    result: Type.Null(),
    handler: (ctx, params) => answerFriend(ctx, params, yesUnlessFalse(params.approve)),
    dialects: {
      llbot: {
        note: approveNote,
        params: friendAnswerParams(approve),
        handler: (ctx, params) => answerFriend(ctx, params, params.approve),
      },
      'go-cqhttp': {
        note: approveNote,
        params: friendAnswerParams(approve),
        handler: (ctx, params) => answerFriend(ctx, params, params.approve),
      },
    },
  }),
  defineAction({
    name: 'set_doubt_friends_add_request',
    origin: 'napcat',
    summary: 'Approve or reject a friend request that QQ kept aside as doubtful',
    params: P.object({ flag, approve }),
    result: Type.Null(),
    async handler(ctx, params) {
      await ctx.world.requests.answerFriend(ctx.selfId, params.flag, params.approve);
      return null;
    },
  }),
  defineAction({
    name: 'set_group_add_request',
    origin: 'onebot11',
    summary: 'Approve or reject a join request (owner or admin) or an invitation (the invitee)',
    description:
      '`sub_type` / `type` may be given as OneBot 11 says; like NapCat, the flag alone identifies the request. Only false, "false" or 0 rejects: NapCat reads `approve` as `approve?.toString() !== \'false\'`, and its schema turns 0 into false but keeps "0" a string, which approves.',
    params: groupAnswerParams(napcatFlag('Approve unless false, "false" or 0')),
    result: Type.Null(),
    handler: (ctx, params) => answerGroup(ctx, params, yesUnlessFalse(params.approve)),
    dialects: {
      llbot: { note: approveNote, params: groupAnswerParams(approve), handler: (ctx, params) => answerGroup(ctx, params, params.approve) },
      'go-cqhttp': {
        note: approveNote,
        params: groupAnswerParams(approve),
        handler: (ctx, params) => answerGroup(ctx, params, params.approve),
      },
    },
  }),
  defineAction({
    name: 'get_group_system_msg',
    origin: 'go-cqhttp',
    summary: 'Invitations to the caller and join requests of the groups it administers, newest first',
    description: 'Answered ones stay listed with `checked: true` and the `actor` who answered.',
    params: P.object({ count: P.int('At most this many of each kind', { default: 50, minimum: 1, maximum: 1000 }) }),
    result: SystemMessages,
    async handler(ctx, params) {
      return systemMessages(ctx, false, params.count);
    },
  }),
  defineAction({
    name: 'get_group_ignored_notifies',
    origin: 'napcat',
    summary: "Invitations and join requests QQ's filter kept aside",
    params: P.none(),
    result: SystemMessages,
    async handler(ctx) {
      return systemMessages(ctx, true, 50);
    },
  }),
  defineAction({
    name: 'get_group_ignore_add_request',
    origin: 'napcat',
    summary: "Join requests of the caller's groups that QQ's filter kept aside",
    params: P.none(),
    result: Type.Array(GroupNotify),
    async handler(ctx) {
      return (await systemMessages(ctx, true, 50)).join_requests;
    },
  }),
  defineAction({
    name: 'get_doubt_friends_add_request',
    origin: 'napcat',
    summary: 'Pending friend requests to the caller that QQ kept aside as doubtful',
    params: P.object({ count: P.int('At most this many', { default: 50, minimum: 1, maximum: 1000 }) }),
    result: Type.Array(DoubtFriendRequest),
    async handler(ctx, params) {
      const requests = await ctx.world.requests.doubtfulFriendRequests(ctx.selfId, params.count);
      const book = await nameBook(ctx, requests);
      return Promise.all(
        requests.map(async (request) =>
          toDoubtFriendRequest(request, book, (await ctx.world.groups.sharedGroups(request.requesterId, ctx.selfId))[0]),
        ),
      );
    },
  }),
];
