import type { Database } from 'better-sqlite3';
import type { World } from '../../src/world/world.js';
import { png } from '../helpers/messages.js';

export interface Rng {
  next(): number;
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

/** One call of a wave: an action as an account, or a world-only change run on the services. */
export interface Call {
  readonly selfId: number | 'world';
  readonly action: string;
  readonly params: Record<string, unknown>;
  /** The params exactly as sent, when they are not an object (schema fuzz). */
  readonly raw?: unknown;
  readonly run?: (world: World) => Promise<unknown>;
}

export interface BurstContext {
  readonly db: Database;
  readonly rng: Rng;
  /** Recently acknowledged message ids, newest last. */
  readonly recent: readonly number[];
  readonly accounts: readonly number[];
}

/** A handful of calls aimed at the same group, member, request or message, fired together. */
export type Burst = (context: BurstContext) => Call[];

interface MemberRow {
  user_id: number;
  role: string;
}

const as = (selfId: number, action: string, params: Record<string, unknown>): Call => ({ selfId, action, params });
const world = (action: string, run: (world: World) => Promise<unknown>): Call => ({ selfId: 'world', action, params: {}, run });

function groupsOf(db: Database): number[] {
  return (db.prepare('SELECT group_id FROM groups').all() as { group_id: number }[]).map((row) => row.group_id);
}

function membersOf(db: Database, groupId: number): MemberRow[] {
  return db.prepare('SELECT user_id, role FROM members WHERE group_id = ?').all(groupId) as MemberRow[];
}

/** A group with its members split by rank, and the accounts outside it. */
function aGroup({ db, rng, accounts }: BurstContext) {
  const groups = groupsOf(db);
  if (groups.length === 0) return undefined;
  const groupId = rng.pick(groups);
  const members = membersOf(db, groupId);
  const ids = new Set(members.map((member) => member.user_id));
  return {
    groupId,
    owner: members.find((member) => member.role === 'owner')?.user_id ?? 10001,
    admins: members.filter((member) => member.role !== 'member').map((member) => member.user_id),
    plain: members.filter((member) => member.role === 'member').map((member) => member.user_id),
    members: [...ids],
    outsiders: accounts.filter((uin) => !ids.has(uin)),
  };
}

function pendingRequest(
  db: Database,
  rng: Rng,
  kind: string,
): { flag: string; requester_id: number; target_id: number; group_id: number } | undefined {
  const rows = db
    .prepare(
      "SELECT request_id, requester_id, target_id, group_id FROM requests WHERE status = 'pending' AND kind = ? ORDER BY request_id DESC LIMIT 8",
    )
    .all(kind) as { request_id: number; requester_id: number; target_id: number; group_id: number }[];
  const row = rows.length > 0 ? rng.pick(rows) : undefined;
  return row && { ...row, flag: String(row.request_id) };
}

const text = (value: string) => [{ type: 'text', data: { text: value } }];

const joinRace: Burst = (context) => {
  const { rng } = context;
  const group = aGroup(context);
  if (!group || group.outsiders.length === 0) return [];
  const calls: Call[] = [];
  for (let i = rng.int(1, 3); i > 0; i--) {
    const requester = rng.pick(group.outsiders);
    for (let copies = rng.int(1, 2); copies > 0; copies--) {
      calls.push(as(requester, 'send_group_join_request', { group_id: group.groupId, answer: rng.pick(['42', 'wrong']) }));
    }
  }
  if (rng.chance(0.4)) {
    const addType = rng.pick([1, 2, 2, 4, 5]);
    calls.push(
      as(rng.pick(group.admins), 'set_group_add_option', {
        group_id: group.groupId,
        add_type: addType,
        group_question: 'q?',
        group_answer: '42',
      }),
    );
  }
  if (rng.chance(0.3) && group.plain.length > 0) {
    calls.push(
      as(group.owner, 'set_group_kick', { group_id: group.groupId, user_id: rng.pick(group.plain), reject_add_request: rng.chance(0.3) }),
    );
  }
  return calls;
};

const approveRace: Burst = (context) => {
  const { db, rng } = context;
  const request = pendingRequest(db, rng, 'join');
  if (!request) return joinRace(context);
  const admins = membersOf(db, request.group_id).filter((member) => member.role !== 'member');
  const calls = admins
    .slice(0, 3)
    .map((admin) => as(admin.user_id, 'set_group_add_request', { flag: request.flag, approve: rng.chance(0.8) }));
  if (rng.chance(0.3)) calls.push(as(request.requester_id, 'send_group_join_request', { group_id: request.group_id }));
  if (rng.chance(0.2)) {
    calls.push(
      world('shrink group', async (w) => w.groups.update(request.group_id, { maxMembers: await w.groups.memberCount(request.group_id) })),
    );
  }
  return calls;
};

const inviteRace: Burst = (context) => {
  const { db, rng } = context;
  const invitation = pendingRequest(db, rng, 'invite');
  if (invitation && rng.chance(0.6)) {
    return [1, 2].map(() =>
      as(invitation.target_id, 'set_group_add_request', { flag: invitation.flag, sub_type: 'invite', approve: true }),
    );
  }
  const group = aGroup(context);
  if (!group || group.outsiders.length === 0) return [];
  const invitee = rng.pick(group.outsiders);
  return [1, 2].map(() => as(rng.pick(group.members), 'send_group_invite', { group_id: group.groupId, user_id: invitee }));
};

const kickRace: Burst = (context) => {
  const { rng } = context;
  const group = aGroup(context);
  const target = group && [...group.plain, ...group.admins.filter((uin) => uin !== group.owner)];
  if (!group || !target || target.length === 0) return [];
  const victim = rng.pick(target);
  const { groupId } = group;
  return [
    as(rng.pick(group.admins), 'set_group_kick', { group_id: groupId, user_id: victim }),
    as(rng.pick(group.admins), 'set_group_kick', { group_id: groupId, user_id: victim }),
    as(victim, 'set_group_leave', { group_id: groupId }),
    as(group.owner, 'set_group_admin', { group_id: groupId, user_id: victim, enable: rng.chance(0.5) }),
    as(rng.pick(group.admins), 'set_group_kick_members', { group_id: groupId, user_id: [victim, rng.pick(group.members)] }),
    as(victim, 'set_group_card', { group_id: groupId, user_id: victim, card: `card ${rng.int(0, 9)}` }),
    as(rng.pick(group.admins), 'set_group_ban', { group_id: groupId, user_id: victim, duration: rng.int(0, 120) }),
  ];
};

const ownerRace: Burst = (context) => {
  const { rng } = context;
  const group = aGroup(context);
  if (!group) return [];
  const { groupId } = group;
  const calls: Call[] = [
    world('transfer owner', (w) => w.groups.transferOwner(groupId, rng.pick(group.members))),
    world('transfer owner', (w) => w.groups.transferOwner(groupId, rng.pick(group.members))),
    as(group.owner, 'set_group_admin', { group_id: groupId, user_id: rng.pick(group.members), enable: rng.chance(0.5) }),
    as(rng.pick(group.admins), 'set_group_name', { group_id: groupId, group_name: `g${rng.int(0, 99)}` }),
  ];
  if (rng.chance(0.08)) calls.push(as(group.owner, 'set_group_leave', { group_id: groupId, is_dismiss: true }));
  if (rng.chance(0.3)) calls.push(world('grow group', (w) => w.groups.update(groupId, { maxMembers: rng.int(3, 9) })));
  return calls;
};

/** Brings back a dismissed group (as the world) while others try to join and add members to it. */
const recreate: Burst = ({ db, rng, accounts }) => {
  const missing = [30001, 30002, 30003].filter((groupId) => !groupsOf(db).includes(groupId));
  if (missing.length === 0) return [];
  const groupId = rng.pick(missing);
  const owner = rng.pick(accounts);
  return [
    world('create group', (w) =>
      w.groups.create({ groupId, name: 'Again', ownerId: owner, memberIds: [rng.pick(accounts)], maxMembers: 5 }),
    ),
    world('create group', (w) => w.groups.create({ groupId, name: 'Again', ownerId: rng.pick(accounts), maxMembers: 4 })),
    world('add member', (w) => w.groups.addMember(groupId, rng.pick(accounts))),
    as(rng.pick(accounts), 'send_group_join_request', { group_id: groupId }),
  ];
};

const friendRace: Burst = ({ db, rng, accounts }) => {
  const a = rng.pick(accounts);
  const b = rng.pick(accounts.filter((uin) => uin !== a));
  const calls = [as(a, 'send_friend_request', { user_id: b }), as(b, 'send_friend_request', { user_id: a })];
  const pending = pendingRequest(db, rng, 'friend');
  if (pending) {
    calls.push(as(pending.target_id, 'set_friend_add_request', { flag: pending.flag, approve: rng.chance(0.7) }));
    calls.push(as(pending.target_id, 'set_friend_add_request', { flag: pending.flag, approve: true }));
    calls.push(as(pending.requester_id, 'send_friend_request', { user_id: pending.target_id }));
  }
  if (rng.chance(0.25)) calls.push(as(a, 'delete_friend', { friend_id: b, temp_both_del: rng.chance(0.5) }));
  return calls;
};

const messageRace: Burst = (context) => {
  const { rng, recent } = context;
  const group = aGroup(context);
  if (!group) return [];
  const calls: Call[] = [];
  for (let i = rng.int(2, 6); i > 0; i--) {
    const sender = rng.pick(group.members);
    const reply = recent.length > 0 && rng.chance(0.3) ? [{ type: 'reply', data: { id: String(rng.pick(recent)) } }] : [];
    const atAll = rng.chance(0.1) ? [{ type: 'at', data: { qq: 'all' } }] : [];
    calls.push(as(sender, 'send_group_msg', { group_id: group.groupId, message: [...reply, ...atAll, ...text(`hello ${i}`)] }));
  }
  const peer = rng.pick(context.accounts);
  calls.push(as(rng.pick(context.accounts), 'send_private_msg', { user_id: peer, message: text('psst') }));
  if (recent.length > 0)
    calls.push(as(rng.pick(group.members), 'forward_group_single_msg', { group_id: group.groupId, message_id: rng.pick(recent) }));
  return calls;
};

const messageTargetRace: Burst = ({ db, rng, recent, accounts }) => {
  if (recent.length === 0) return [];
  const messageId = rng.pick(recent);
  const row = db.prepare('SELECT sender_id, conv FROM messages WHERE message_id = ?').get(messageId) as
    { sender_id: number; conv: string } | undefined;
  if (!row) return [];
  const groupId = row.conv.startsWith('g:') ? Number(row.conv.slice(2)) : 0;
  const admins = groupId
    ? membersOf(db, groupId)
        .filter((member) => member.role !== 'member')
        .map((member) => member.user_id)
    : [];
  const someone = () => rng.pick(accounts);
  const calls = [
    as(row.sender_id, 'delete_msg', { message_id: messageId }),
    as(someone(), 'set_msg_emoji_like', { message_id: messageId, emoji_id: rng.pick(['76', '124', '128077']), set: rng.chance(0.7) }),
    as(someone(), 'set_msg_emoji_like', { message_id: messageId, emoji_id: '76', set: true }),
    as(someone(), 'mark_msg_as_read', { message_id: messageId }),
  ];
  if (admins.length > 0) {
    calls.push(as(rng.pick(admins), 'delete_msg', { message_id: messageId }));
    calls.push(as(rng.pick(admins), 'set_essence_msg', { message_id: messageId }));
    calls.push(as(rng.pick(admins), 'set_essence_msg', { message_id: messageId }));
    if (rng.chance(0.5)) calls.push(as(rng.pick(admins), 'delete_essence_msg', { message_id: messageId }));
  }
  return calls;
};

const muteRace: Burst = (context) => {
  const { rng } = context;
  const group = aGroup(context);
  if (!group) return [];
  const enable = rng.chance(0.5);
  return [
    as(rng.pick(group.admins), 'set_group_whole_ban', { group_id: group.groupId, enable }),
    as(rng.pick(group.members), 'send_group_msg', { group_id: group.groupId, message: text('am I muted?') }),
    as(rng.pick(group.members), 'group_poke', { group_id: group.groupId, user_id: rng.pick(group.members) }),
    as(rng.pick(group.members), 'set_group_sign', { group_id: group.groupId }),
  ];
};

const fileRace: Burst = (context) => {
  const { db, rng } = context;
  const group = aGroup(context);
  if (!group) return [];
  const { groupId } = group;
  const folders = (db.prepare('SELECT folder_id FROM group_folders WHERE group_id = ?').all(groupId) as { folder_id: string }[]).map(
    (row) => row.folder_id,
  );
  const folder = folders.length > 0 ? rng.pick(folders) : '/';
  const name = rng.pick(['Docs', 'Pics']);
  const calls = [
    as(rng.pick(group.admins), 'create_group_file_folder', { group_id: groupId, folder_name: name }),
    as(rng.pick(group.admins), 'create_group_file_folder', { group_id: groupId, folder_name: name }),
    as(rng.pick(group.members), 'upload_group_file', {
      group_id: groupId,
      file: `base64://${Buffer.from(`file ${rng.int(0, 9)}`).toString('base64')}`,
      name: 'a.txt',
      folder_id: folder,
    }),
  ];
  if (folder !== '/' && rng.chance(0.4))
    calls.push(as(rng.pick(group.admins), 'delete_group_folder', { group_id: groupId, folder_id: folder }));
  return calls;
};

const personalRace: Burst = ({ rng, accounts }) => {
  const me = rng.pick(accounts);
  const other = rng.pick(accounts.filter((uin) => uin !== me));
  return [
    as(me, 'send_like', { user_id: other, times: rng.int(3, 7) }),
    as(me, 'send_like', { user_id: other, times: rng.int(3, 7) }),
    as(me, 'add_custom_face', { file: `base64://${png.toString('base64')}` }),
    as(me, 'add_custom_face', { file: `base64://${png.toString('base64')}` }),
    as(me, 'set_self_longnick', { longNick: `mood ${rng.int(0, 9)}` }),
  ];
};

const noticeRace: Burst = (context) => {
  const { db, rng } = context;
  const group = aGroup(context);
  if (!group) return [];
  const notices = (db.prepare('SELECT notice_id FROM group_notices WHERE group_id = ?').all(group.groupId) as { notice_id: string }[]).map(
    (row) => row.notice_id,
  );
  const calls = [as(rng.pick(group.admins), '_send_group_notice', { group_id: group.groupId, content: 'news' })];
  if (notices.length > 0) {
    const noticeId = rng.pick(notices);
    calls.push(as(rng.pick(group.admins), '_del_group_notice', { group_id: group.groupId, notice_id: noticeId }));
    calls.push(as(rng.pick(group.admins), '_del_group_notice', { group_id: group.groupId, notice_id: noticeId }));
  }
  return calls;
};

export const conflictBursts: readonly Burst[] = [
  joinRace,
  joinRace,
  approveRace,
  approveRace,
  inviteRace,
  kickRace,
  ownerRace,
  recreate,
  friendRace,
  friendRace,
  messageRace,
  messageRace,
  messageTargetRace,
  muteRace,
  fileRace,
  personalRace,
  noticeRace,
];
