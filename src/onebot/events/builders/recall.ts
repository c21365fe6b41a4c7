import { defineBuilder } from '../types.js';
import { eventHead } from './common.js';

/** A recalled message: `group_recall` in groups, `friend_recall` in private chats. */
export const recallBuilder = defineBuilder({
  type: 'message.recalled',
  build(event, _prepared, selfId) {
    const { message } = event;
    const head = eventHead(event.time, selfId);
    if (message.conversation.type === 'group') {
      return [
        {
          ...head,
          post_type: 'notice',
          notice_type: 'group_recall',
          group_id: message.conversation.groupId,
          user_id: message.senderId,
          operator_id: event.operatorId,
          message_id: message.messageId,
        },
      ];
    }
    return [{ ...head, post_type: 'notice', notice_type: 'friend_recall', user_id: message.senderId, message_id: message.messageId }];
  },
});
