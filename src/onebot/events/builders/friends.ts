import { defineBuilder } from '../types.js';
import { noticeEvent } from './common.js';

/** `friend_add`: each side learns the other's uin. */
export const friendAddedBuilder = defineBuilder({
  type: 'friend.added',
  build(event, _prepared, selfId) {
    const other = selfId === event.userId ? event.friendId : selfId === event.friendId ? event.userId : undefined;
    return other === undefined ? [] : [noticeEvent(event.time, selfId, 'friend_add', { user_id: other })];
  },
});
