import { Type, type Static } from '@sinclair/typebox';
import type { WorldRequest } from '../../world/request-model.js';
import type { Account, Group } from '../../world/model.js';

/** Names a shape needs: accounts and groups by number. */
export interface NameBook {
  readonly accounts: ReadonlyMap<number, Account>;
  readonly groups: ReadonlyMap<number, Group>;
}

const nick = (book: NameBook, userId: number) => book.accounts.get(userId)?.nickname ?? '';

/**
 * One entry of get_group_system_msg / get_group_ignored_notifies / get_group_ignore_add_request,
 * NapCat's OB11Notify: `request_id` is the request's flag as a number. Like NapCat, `invitor_uin`
 * of a join request is the account that asked (or the member whose invitation led to it);
 * `requester_uin` (go-cqhttp's field) is always the account that wants to join.
 */
export const GroupNotify = Type.Object({
  request_id: Type.Integer({ description: 'The request flag as a number' }),
  invitor_uin: Type.Integer(),
  invitor_nick: Type.String(),
  group_id: Type.Integer(),
  message: Type.String(),
  group_name: Type.String(),
  checked: Type.Boolean({ description: 'Answered already' }),
  actor: Type.Integer({ description: 'Who answered it (0 while pending)' }),
  requester_nick: Type.String(),
  requester_uin: Type.Integer(),
});

export function toGroupNotify(request: WorldRequest, book: NameBook): Static<typeof GroupNotify> {
  const joiner = request.kind === 'join' ? request.requesterId : request.targetId;
  const invitor = request.kind === 'invite' ? request.requesterId : request.invitorId || request.requesterId;
  return {
    request_id: request.requestId,
    invitor_uin: invitor,
    invitor_nick: nick(book, invitor),
    group_id: request.groupId,
    message: request.comment,
    group_name: book.groups.get(request.groupId)?.name ?? '',
    checked: request.status !== 'pending',
    actor: request.actorId,
    requester_nick: nick(book, request.kind === 'join' ? joiner : request.requesterId),
    requester_uin: request.kind === 'join' ? joiner : request.requesterId,
  };
}

/** One entry of get_doubt_friends_add_request: NapCat passes NT's record through, every value a string. */
export const DoubtFriendRequest = Type.Object({
  flag: Type.String(),
  uin: Type.String(),
  nick: Type.String(),
  source: Type.String(),
  reason: Type.String(),
  msg: Type.String(),
  group_code: Type.String(),
  time: Type.String(),
  type: Type.String(),
});

export function toDoubtFriendRequest(
  request: WorldRequest,
  book: NameBook,
  sharedGroup: number | undefined,
): Static<typeof DoubtFriendRequest> {
  return {
    flag: String(request.requestId),
    uin: String(request.requesterId),
    nick: nick(book, request.requesterId),
    source: sharedGroup ? '群聊' : 'QQ号查找',
    reason: '',
    msg: request.comment,
    group_code: String(sharedGroup ?? 0),
    time: String(request.createdAt),
    type: '2',
  };
}
