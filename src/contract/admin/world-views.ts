import { Type, type Static } from '@sinclair/typebox';
import { Role, Sex } from '../people.js';

/**
 * How the admin API shows the world's records: snake_case, with the world file's field names, so
 * what the console reads back is what a world file writes.
 */
export const AccountView = Type.Object({
  user_id: Type.Integer(),
  nickname: Type.String(),
  bot: Type.Boolean({ description: 'A bot account: one a OneBot client drives' }),
  sex: Sex,
  age: Type.Integer(),
  long_nick: Type.String(),
  level: Type.Integer(),
  reg_time: Type.Integer({ description: 'Unix seconds' }),
  status: Type.Integer({ description: "QQ's online status: 10 online, 30 away, 40 invisible, 50 busy, 60 Q-me, 70 DND" }),
  ext_status: Type.Integer(),
  battery_status: Type.Integer(),
});
export type AccountView = Static<typeof AccountView>;

export const MemberView = Type.Object({
  user_id: Type.Integer(),
  role: Role,
  card: Type.String(),
  title: Type.String(),
  join_time: Type.Integer(),
  last_sent_time: Type.Integer(),
  mute_until: Type.Integer({ description: 'Unix seconds until which the member may not speak; 0 = not muted' }),
});
export type MemberView = Static<typeof MemberView>;

export const GroupView = Type.Object({
  group_id: Type.Integer(),
  group_name: Type.String(),
  owner_id: Type.Integer(),
  max_member_count: Type.Integer(),
  member_count: Type.Integer(),
  whole_mute: Type.Boolean(),
  create_time: Type.Integer(),
  members: Type.Array(MemberView),
});
export type GroupView = Static<typeof GroupView>;

export const AccountDetail = Type.Composite([
  AccountView,
  Type.Object({
    categories: Type.Array(Type.Object({ category_id: Type.Integer(), name: Type.String(), sort_id: Type.Integer() })),
    friends: Type.Array(Type.Object({ user_id: Type.Integer(), remark: Type.String(), category_id: Type.Integer() })),
    groups: Type.Array(Type.Object({ group_id: Type.Integer(), group_name: Type.String() })),
  }),
]);
export type AccountDetail = Static<typeof AccountDetail>;

export const FriendshipView = Type.Object({
  user_id: Type.Integer(),
  friend_id: Type.Integer(),
  remark: Type.String(),
  category_id: Type.Integer(),
  reverse_remark: Type.String(),
  reverse_category_id: Type.Integer(),
});
export type FriendshipView = Static<typeof FriendshipView>;

export const ApplySummary = Type.Object({
  accounts_created: Type.Integer(),
  accounts_updated: Type.Integer(),
  friendships: Type.Integer(),
  groups_created: Type.Integer(),
  groups_updated: Type.Integer(),
  onebot_configs_written: Type.Array(Type.Integer(), { description: 'Accounts whose onebot11_<uin>.json the file wrote' }),
  milky_configs_written: Type.Array(Type.Integer(), { description: 'Accounts whose milky_<uin>.json the file wrote' }),
});
export type ApplySummary = Static<typeof ApplySummary>;
