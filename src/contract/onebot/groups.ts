import { Type, type Static } from '@sinclair/typebox';
import { Role, Sex } from '../people.js';

/**
 * NapCat's OB11Group (get_group_list entries, get_group_info), plus `avatar_url` (Catnap's extra:
 * the avatar set with set_group_portrait, served by Catnap). `group_remark` is the caller's own
 * remark for the group (set_group_remark). No creation time nor owner: NapCat's has neither
 * (types/data.ts OB11Group, helper/data.ts OB11Construct.group).
 */
export const GroupInfo = Type.Object({
  group_id: Type.Integer(),
  group_name: Type.String(),
  member_count: Type.Integer(),
  max_member_count: Type.Integer(),
  group_all_shut: Type.Integer({ description: '-1 while the whole group is muted, else 0' }),
  group_remark: Type.String(),
  avatar_url: Type.Optional(Type.String()),
});
export type GroupInfo = Static<typeof GroupInfo>;

/** LLBot's and go-cqhttp's group object has the group's creation time (Unix seconds) too. */
export const GroupInfoWithCreateTime = Type.Composite([GroupInfo, Type.Object({ group_create_time: Type.Integer() })]);

/** NapCat's OB11GroupMember (get_group_member_info, get_group_member_list entries). */
export const GroupMemberInfo = Type.Object({
  group_id: Type.Integer(),
  user_id: Type.Integer(),
  nickname: Type.String(),
  card: Type.String(),
  sex: Sex,
  age: Type.Integer(),
  area: Type.String(),
  level: Type.String({ description: 'The member level, a string as OneBot 11 says' }),
  qq_level: Type.Integer(),
  join_time: Type.Integer(),
  last_sent_time: Type.Integer(),
  title_expire_time: Type.Integer(),
  unfriendly: Type.Boolean(),
  card_changeable: Type.Boolean(),
  is_robot: Type.Boolean(),
  shut_up_timestamp: Type.Integer({ description: "When the member's mute ends; 0 when not muted" }),
  role: Role,
  title: Type.String(),
});
export type GroupMemberInfo = Static<typeof GroupMemberInfo>;
