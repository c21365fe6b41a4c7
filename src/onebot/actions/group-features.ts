import { Type } from '@sinclair/typebox';
import { defineAction, type AnyActionSpec } from '../action.js';
import { P } from '../schema.js';

const groupId = P.id('Group number');
const option = (description: string) => P.optional(P.int(description, { minimum: 0, maximum: 2147483647 }));

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
  defineAction({
    name: 'set_group_robot_add_option',
    origin: 'napcat',
    summary: "QQ's options for robot members joining (owner or admin; kept as given)",
    params: P.object({
      group_id: groupId,
      robot_member_switch: option('Robot member switch'),
      robot_member_examine: option('Robot member review'),
    }),
    result: Type.Null(),
    async handler(ctx, params) {
      await ctx.world.groupFeatures.setRobotAddOption(ctx.selfId, params.group_id, {
        robotMemberSwitch: params.robot_member_switch,
        robotMemberExamine: params.robot_member_examine,
      });
      return null;
    },
  }),
  defineAction({
    name: 'set_group_search',
    origin: 'napcat',
    summary: "QQ's options for finding the group by search (owner or admin; kept as given)",
    params: P.object({
      group_id: groupId,
      no_code_finger_open: option('QQ flag noCodeFingerOpenFlag'),
      no_finger_open: option('QQ flag noFingerOpenFlag'),
    }),
    result: Type.Null(),
    async handler(ctx, params) {
      await ctx.world.groupFeatures.setSearch(ctx.selfId, params.group_id, {
        noCodeFingerOpen: params.no_code_finger_open,
        noFingerOpen: params.no_finger_open,
      });
      return null;
    },
  }),
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
