import { defineBuilder } from '../types.js';
import { eventHead } from './common.js';

/** `friend_add`: each side learns the other's uin. */
export const friendAddedBuilder = defineBuilder({
  type: 'friend.added',
  build(event, _prepared, selfId) {
    const other = selfId === event.userId ? event.friendId : selfId === event.friendId ? event.userId : undefined;
    return other === undefined
      ? []
      : [{ ...eventHead(event.time, selfId), post_type: 'notice', notice_type: 'friend_add', user_id: other }];
  },
});
