import { Type } from '@sinclair/typebox';
import { WorldFileSchema } from '../world-file.js';
import { defineRoute } from './route.js';
import { GroupParams, Id, UserParams } from './world.js';
import { Sex } from '../people.js';
import { AccountView, GroupView, MemberView } from './world-views.js';

const tag = 'world';
const strict = { additionalProperties: false } as const;
const MemberRole = Type.Union([Type.Literal('admin'), Type.Literal('member')]);
const MemberParams = Type.Object({ group_id: Id('Group number'), user_id: Id('QQ number of the member') });

/**
 * World management as the world itself (the console's "god mode"): these changes are not bound
 * by QQ's permission rules, like a world file. To do the same thing *as an account*, with QQ's
 * rules (an admin muting a member, ...), use `act` with the OneBot action instead.
 */
export const worldManageApi = {
  patchAccount: defineRoute({
    method: 'PATCH',
    url: '/api/world/accounts/:user_id',
    summary: "Change an account's profile (nickname, sex, age, long_nick, level, bot)",
    tag,
    params: UserParams,
    body: Type.Object(
      {
        nickname: Type.Optional(Type.String({ minLength: 1 })),
        bot: Type.Optional(Type.Boolean()),
        sex: Type.Optional(Sex),
        age: Type.Optional(Type.Integer({ minimum: 0 })),
        long_nick: Type.Optional(Type.String()),
        level: Type.Optional(Type.Integer({ minimum: 0 })),
      },
      strict,
    ),
    response: AccountView,
  }),
  unfriend: defineRoute({
    method: 'DELETE',
    url: '/api/world/friends/:user_id/:friend_id',
    summary: 'End a friendship (both sides)',
    tag,
    params: Type.Object({ user_id: Id('QQ number of one side'), friend_id: Id('QQ number of the other side') }),
    response: Type.Object({ user_id: Type.Integer(), friend_id: Type.Integer(), removed: Type.Literal(true) }),
  }),
  patchGroup: defineRoute({
    method: 'PATCH',
    url: '/api/world/groups/:group_id',
    summary: 'Rename a group, mute it as a whole, resize it or hand it to another member',
    tag,
    params: GroupParams,
    body: Type.Object(
      {
        group_name: Type.Optional(Type.String({ minLength: 1 })),
        whole_mute: Type.Optional(Type.Boolean()),
        max_member_count: Type.Optional(Type.Integer({ minimum: 2, maximum: 3000 })),
        owner_id: Type.Optional(Id('QQ number of the new owner')),
      },
      strict,
    ),
    response: GroupView,
  }),
  dismissGroup: defineRoute({
    method: 'DELETE',
    url: '/api/world/groups/:group_id',
    summary: 'Dismiss a group (every member gets group_decrease "disband")',
    tag,
    params: GroupParams,
    response: Type.Object({ group_id: Type.Integer(), dismissed: Type.Literal(true) }),
  }),
  addMember: defineRoute({
    method: 'POST',
    url: '/api/world/groups/:group_id/members',
    summary: 'Add an account to a group (as if the owner approved it)',
    tag,
    params: GroupParams,
    body: Type.Object({ user_id: Id('QQ number of the account to add'), role: Type.Optional(MemberRole) }, strict),
    response: MemberView,
    status: 201,
  }),
  patchMember: defineRoute({
    method: 'PATCH',
    url: '/api/world/groups/:group_id/members/:user_id',
    summary: "Change a member's role (admin/member), card, special title or mute (mute_seconds, 0 lifts it)",
    tag,
    params: MemberParams,
    body: Type.Object(
      {
        role: Type.Optional(MemberRole),
        card: Type.Optional(Type.String()),
        title: Type.Optional(Type.String()),
        mute_seconds: Type.Optional(Type.Integer({ minimum: 0, maximum: 30 * 24 * 3600, description: 'Seconds from now; 0 lifts a mute' })),
      },
      strict,
    ),
    response: MemberView,
  }),
  removeMember: defineRoute({
    method: 'DELETE',
    url: '/api/world/groups/:group_id/members/:user_id',
    summary: 'Remove a member from a group (group_decrease "kick" by the owner)',
    tag,
    params: MemberParams,
    response: Type.Object({ group_id: Type.Integer(), user_id: Type.Integer(), removed: Type.Literal(true) }),
  }),
  exportWorld: defineRoute({
    method: 'GET',
    url: '/api/world/export',
    summary: 'The current world as a world file (JSON; ?format=yaml for YAML), with every OneBot and Milky config and the live fault rules',
    tag,
    query: Type.Object({ format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('yaml')])) }),
    response: WorldFileSchema,
  }),
};
