import { Type } from '@sinclair/typebox';
import { defineAction, type AnyActionSpec } from '../action.js';
import { P } from '../schema.js';

const groupId = P.id('Group number');
const option = (description: string) => P.optional(P.int(description, { minimum: 0, maximum: 2147483647 }));

/**
 * QQ's numeric options that the world keeps as given (nothing in it depends on them yet): each
 * action takes two, left out keeps their value; owner or admin.
 */
const keptOptions = (
  [
    [
      'set_group_robot_add_option',
      "QQ's options for robot members joining (owner or admin; kept as given)",
      'setRobotAddOption',
      {
        robot_member_switch: ['robotMemberSwitch', 'Robot member switch'],
        robot_member_examine: ['robotMemberExamine', 'Robot member review'],
      },
    ],
    [
      'set_group_search',
      "QQ's options for finding the group by search (owner or admin; kept as given)",
      'setSearch',
      {
        no_code_finger_open: ['noCodeFingerOpen', 'QQ flag noCodeFingerOpenFlag'],
        no_finger_open: ['noFingerOpen', 'QQ flag noFingerOpenFlag'],
      },
    ],
  ] as const
).map(([name, summary, method, fields]) =>
  defineAction({
    name,
    origin: 'napcat',
    summary,
    params: P.object({
      group_id: groupId,
      ...Object.fromEntries(Object.entries(fields).map(([param, [, description]]) => [param, option(description)])),
    }),
    result: Type.Null(),
    async handler(ctx, params) {
      const input = params as Record<string, number | undefined>;
      const values = Object.fromEntries(Object.entries(fields).map(([param, [key]]) => [key, input[param]]));
      await ctx.world.groupFeatures[method](ctx.selfId, params.group_id, values);
      return null;
    },
  }),
);

/** NapCat's group settings: member permissions, history for new members, robot and search options, anonymous chat. */
export const groupFeatureActions: AnyActionSpec[] = [
  defineAction({
    name: 'set_group_member_permissions',
    origin: 'napcat',
    summary: 'Let plain members upload to albums, start temp chats, start new groups (owner or admin; switches left out keep their value)',
    params: P.object({
      group_id: groupId,
      allow_member_upload_album: P.optional(P.bool('Members may create albums and upload to them')),
      allow_member_temporary_session: P.optional(P.bool('Members may start temp chats through the group')),
      allow_member_create_group: P.optional(P.bool('Members may start a new group from this one')),
    }),
    result: Type.Null(),
    async handler(ctx, params) {
      await ctx.world.groupFeatures.setMemberPermissions(ctx.selfId, params.group_id, {
        allowMemberUploadAlbum: params.allow_member_upload_album,
        allowMemberTemporarySession: params.allow_member_temporary_session,
        allowMemberCreateGroup: params.allow_member_create_group,
      });
      return null;
    },
  }),
  defineAction({
    name: 'set_group_new_member_history_visibility',
    origin: 'napcat',
    summary: 'Whether members who join from now on see the messages sent before they joined (owner or admin)',
    params: P.object({ group_id: groupId, visible: P.bool('New members see the recent history') }),
    result: Type.Null(),
    async handler(ctx, params) {
      await ctx.world.groupFeatures.setNewMemberHistoryVisibility(ctx.selfId, params.group_id, params.visible);
      return null;
    },
  }),
  ...keptOptions,
  defineAction({
    name: 'set_group_anonymous',
    origin: 'onebot11',
    summary: "Switch the group's anonymous chat on or off (owner or admin); kept with the group's settings",
    params: P.object({ group_id: groupId, enable: P.bool('On (the default) or off', true) }),
    result: Type.Null(),
    async handler(ctx, params) {
      await ctx.world.groupFeatures.setAnonymous(ctx.selfId, params.group_id, params.enable);
      return null;
    },
  }),
];
