import { defineBuilder } from '../types.js';
import { eventHead } from './common.js';

/** `request` / `friend`: someone asks to be the account's friend; answer with set_friend_add_request(flag). */
export const friendRequestBuilder = defineBuilder({
  type: 'request.friend',
  build(event, _prepared, selfId) {
    if (selfId !== event.targetId) return [];
    return [
      {
        ...eventHead(event.time, selfId),
        post_type: 'request',
        request_type: 'friend',
        user_id: event.userId,
        comment: event.comment,
        flag: event.flag,
      },
    ];
  },
});

/**
 * `request` / `group`: `add` (user_id asks to join, or a member invited them) goes to the group's
 * owner and admins; `invite` (user_id invites the account) goes to the invited account. Answer
 * with set_group_add_request(flag, sub_type). NapCat's event has no inviter (napcat-onebot/event/
 * request/OB11GroupRequest.ts, built so for all three notify kinds in index.ts); its clients find
 * it in get_group_system_msg. LLBot and go-cqhttp name it `invitor_id`.
 */
export const groupRequestBuilder = defineBuilder({
  type: 'request.group',
  build(event, _prepared, selfId, _format, { dialect }) {
    const request = {
      ...eventHead(event.time, selfId),
      post_type: 'request',
      request_type: 'group',
      sub_type: event.subType,
      group_id: event.groupId,
      user_id: event.userId,
      comment: event.comment,
      flag: event.flag,
    } as const;
    if (event.subType !== 'add' || dialect === 'napcat') return [request];
    if (dialect === 'llbot') return [{ ...request, invitor_id: event.invitorId }];
    return [event.invitorId ? { ...request, invitor_id: event.invitorId } : request];
  },
  dialects: {
    llbot: 'A join request (`add`) carries `invitor_id`: the member who invited the requester, 0 when they asked themselves.',
    'go-cqhttp': "A join request (`add`) that a member's invitation led to carries that member as `invitor_id`.",
  },
});
