import { uidOf } from '../../../world/services/account-service.js';
import { defineBuilder } from '../types.js';
import { eventHead } from './common.js';

/**
 * The gray-tip items QQ shows for a poke ("A 戳了戳 B"), in the shape NapCat forwards as
 * `raw_info`. Clients that display pokes read the `nor` items' text.
 */
function pokeRawInfo(senderId: number, targetId: number): Record<string, string>[] {
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
  build(event, _prepared, selfId) {
    const poke = { ...eventHead(event.time, selfId), post_type: 'notice', notice_type: 'notify', sub_type: 'poke' } as const;
    const raw_info = pokeRawInfo(event.senderId, event.targetId);
    if (event.groupId) return [{ ...poke, group_id: event.groupId, user_id: event.senderId, target_id: event.targetId, raw_info }];
    const peer = selfId === event.senderId ? event.targetId : event.senderId;
    return [{ ...poke, user_id: peer, sender_id: event.senderId, target_id: event.targetId, raw_info }];
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
