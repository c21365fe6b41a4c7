/** Shapes of the admin API (snake_case, as src/admin/routes/world-views.ts writes them). */
export interface AccountView {
  user_id: number;
  nickname: string;
  bot: boolean;
  sex: 'male' | 'female' | 'unknown';
  age: number;
  long_nick: string;
  level: number;
  reg_time: number;
  status: number;
}

export interface MemberView {
  user_id: number;
  role: 'owner' | 'admin' | 'member';
  card: string;
  title: string;
  join_time: number;
  last_sent_time: number;
  mute_until: number;
}

export interface GroupView {
  group_id: number;
  group_name: string;
  owner_id: number;
  max_member_count: number;
  member_count: number;
  whole_mute: boolean;
  create_time: number;
  members: MemberView[];
}

export interface AccountDetail extends AccountView {
  categories: { category_id: number; name: string; sort_id: number }[];
  friends: { user_id: number; remark: string; category_id: number }[];
  groups: { group_id: number; group_name: string }[];
}

/** A OneBot message segment, as NapCat sends and receives them. */
export interface Segment {
  type: string;
  data: Record<string, unknown>;
}

/** A OneBot message (an event, a history entry or get_msg's answer). */
export interface OneBotMessage {
  message_id: number;
  message_type: 'group' | 'private';
  time: number;
  user_id: number;
  group_id?: number;
  target_id?: number;
  self_id?: number;
  post_type?: string;
  sub_type?: string;
  sender?: { user_id: number; nickname?: string; card?: string; role?: string };
  message: Segment[] | string;
  raw_message?: string;
  real_seq?: string | number;
  emoji_likes_list?: { emoji_id: string; emoji_type?: number; likes_cnt: number | string }[];
}

/** get_friends_with_category's entries. */
export interface FriendCategory {
  categoryId: number;
  categoryName: string;
  categorySortId?: number;
  buddyList: { user_id: number; nickname: string; remark?: string }[];
}

/** get_group_member_list's entries. */
export interface GroupMember {
  group_id: number;
  user_id: number;
  nickname: string;
  card: string;
  role: 'owner' | 'admin' | 'member';
  title?: string;
  shut_up_timestamp?: number;
  is_robot?: boolean;
}

/** A conversation as the chat views key it. */
export type Peer = { type: 'group'; id: number } | { type: 'private'; id: number };

export const peerKey = (peer: Peer): string => `${peer.type === 'group' ? 'g' : 'p'}:${peer.id}`;

export function parsePeerKey(key: string): Peer | undefined {
  const match = /^([gp]):(\d+)$/.exec(key);
  if (!match) return undefined;
  return { type: match[1] === 'g' ? 'group' : 'private', id: Number(match[2]) };
}
