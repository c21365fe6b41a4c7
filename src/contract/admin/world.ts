import { Type } from '@sinclair/typebox';
import { WorldFileAccount, WorldFileFriend, WorldFileGroup, WorldFileSchema } from '../world-file.js';
import { defineRoute } from './route.js';
import { AccountDetail, AccountView, ApplySummary, FriendshipView, GroupView } from './world-views.js';

const tag = 'world';

/** A QQ number or group number in a path: a positive integer. */
export const Id = (description: string) => Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER, description });
export const UserParams = Type.Object({ user_id: Id('QQ number of the account') });
export const GroupParams = Type.Object({ group_id: Id('Group number') });

/**
 * Reading the world and adding to it with world-file pieces. These routes' paths, methods and
 * answers are used by scripts outside this repository: change them only compatibly.
 */
export const worldApi = {
  listAccounts: defineRoute({
    method: 'GET',
    url: '/api/world/accounts',
    summary: 'List every account of the world',
    tag,
    response: Type.Array(AccountView),
  }),
  getAccount: defineRoute({
    method: 'GET',
    url: '/api/world/accounts/:user_id',
    summary: 'One account, with its friends and groups',
    tag,
    params: UserParams,
    response: AccountDetail,
  }),
  createAccount: defineRoute({
    method: 'POST',
    url: '/api/world/accounts',
    summary:
      'Create an account (same fields as a world file account); 409 ADAPTER_FAILED if it was created and its configs saved but an adapter could not start',
    tag,
    body: WorldFileAccount,
    response: AccountView,
    status: 201,
  }),
  listGroups: defineRoute({
    method: 'GET',
    url: '/api/world/groups',
    summary: 'List every group with its members',
    tag,
    response: Type.Array(GroupView),
  }),
  createGroup: defineRoute({
    method: 'POST',
    url: '/api/world/groups',
    summary: 'Create a group (same fields as a world file group)',
    tag,
    body: WorldFileGroup,
    response: GroupView,
    status: 201,
  }),
  befriend: defineRoute({
    method: 'POST',
    url: '/api/world/friends',
    summary: 'Make two accounts friends (same fields as a world file friendship)',
    tag,
    body: WorldFileFriend,
    response: FriendshipView,
  }),
  apply: defineRoute({
    method: 'POST',
    url: '/api/world/apply',
    summary:
      'Apply a world file (JSON, or YAML with Content-Type application/yaml); idempotent. 409 ADAPTER_FAILED if it was applied and every config saved but some adapters could not start (error.problems names them)',
    tag,
    body: WorldFileSchema,
    bodyError: { code: 'WORLD_FILE_INVALID', message: 'the world file was rejected' },
    response: ApplySummary,
  }),
};
