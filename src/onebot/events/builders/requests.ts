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
 * `request` / `group`: `add` (user_id asks to join, or was invited by a member: invitor_id) goes to
 * the group's owner and admins; `invite` (user_id invites the account) goes to the invited account.
 * Answer with set_group_add_request(flag, sub_type).
 */
export const groupRequestBuilder = defineBuilder({
  type: 'request.group',
  build: (event, _prepared, selfId) => [
    {
      ...eventHead(event.time, selfId),
      post_type: 'request',
      request_type: 'group',
      sub_type: event.subType,
      group_id: event.groupId,
      user_id: event.userId,
      comment: event.comment,
      flag: event.flag,
      ...(event.subType === 'add' && event.invitorId ? { invitor_id: event.invitorId } : {}),
    },
  ],
});
