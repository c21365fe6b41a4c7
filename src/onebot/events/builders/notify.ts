import { uidOf } from '../../../world/services/account-service.js';
import type { Dialect } from '../../action.js';
import { defineBuilder } from '../types.js';
import { eventHead } from './common.js';

/**
 * The gray-tip items QQ shows for a poke ("A 戳了戳 B"), in the shape NapCat forwards as
 * `raw_info` (NT uids), or as LLBot builds it (QQ numbers as strings, the action text second).
 * Clients that display pokes read the `nor` items' text.
 */
function pokeRawInfo(senderId: number, targetId: number, dialect: Dialect): Record<string, string>[] {
  if (dialect === 'llbot') {
    return [
      { col: '1', jp: '', nm: '', tp: '0', type: 'qq', uid: String(senderId) },
      { col: '1', jp: '', txt: '戳了戳', type: 'nor' },
      { col: '1', jp: '', nm: '', tp: '0', type: 'qq', uid: String(targetId) },
    ];
  }
  return [
    { col: '1', nm: '', type: 'qq', uid: uidOf(senderId) },
    { jp: '', src: '', type: 'img' },
    { txt: '戳了戳', type: 'nor' },
    { col: '1', nm: '', tp: '0', type: 'qq', uid: uidOf(targetId) },
    { txt: '', type: 'nor' },
  ];
}

/**
 * `notify` / `poke`. In a group: group_id, user_id (who poked), target_id. Between friends:
 * user_id is the other side of the chat, sender_id who poked, target_id who was poked.
 */
export const pokeBuilder = defineBuilder({
  type: 'poke',
  emits: 'notice.notify.poke',
  build(event, _prepared, selfId, _format, { dialect }) {
    const poke = { ...eventHead(event.time, selfId), post_type: 'notice', notice_type: 'notify', sub_type: 'poke' } as const;
    const { senderId, targetId } = event;
    const peer = selfId === senderId ? targetId : senderId;
    if (dialect === 'go-cqhttp') {
      if (event.groupId) return [{ ...poke, group_id: event.groupId, user_id: senderId, sender_id: senderId, target_id: targetId }];
      return [{ ...poke, user_id: peer, sender_id: senderId, target_id: targetId }];
    }
    const raw_info = pokeRawInfo(senderId, targetId, dialect);
    if (event.groupId) return [{ ...poke, group_id: event.groupId, user_id: senderId, target_id: targetId, raw_info }];
    if (dialect === 'llbot') return [{ ...poke, user_id: peer, target_id: targetId, raw_info }];
    return [{ ...poke, user_id: peer, sender_id: senderId, target_id: targetId, raw_info }];
  },
  dialects: {
    llbot:
      "`raw_info` as LLBot builds it: the poker's and the target's QQ numbers (strings) as `uid`, the action text (`戳了戳`) as the second item; a friend poke has no `sender_id`.",
    'go-cqhttp': 'No `raw_info`; a group poke also carries the poker as `sender_id`.',
  },
});

/** `notify` / `input_status`: the other side of a private chat is typing (or stopped). */
export const inputStatusBuilder = defineBuilder({
  type: 'input_status',
  build(event, _prepared, selfId) {
    if (selfId === event.userId) return [];
    return [
      {
        ...eventHead(event.time, selfId),
        post_type: 'notice',
        notice_type: 'notify',
        sub_type: 'input_status',
        user_id: event.userId,
        group_id: 0,
        event_type: event.eventType,
        status_text: event.statusText,
      },
    ];
  },
});

/** `notify` / `profile_like`: someone liked the account's profile `times` times. */
export const profileLikeBuilder = defineBuilder({
  type: 'profile_like',
  prepare: async (event, world) => (await world.accounts.find(event.operatorId))?.nickname ?? '',
  build(event, operatorNick, selfId) {
    if (selfId !== event.targetId) return [];
    return [
      {
        ...eventHead(event.time, selfId),
        post_type: 'notice',
        notice_type: 'notify',
        sub_type: 'profile_like',
        operator_id: event.operatorId,
        operator_nick: operatorNick,
        times: event.times,
      },
    ];
  },
});
