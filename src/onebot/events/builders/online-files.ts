import { defineBuilder } from '../types.js';
import { eventHead } from './common.js';

/**
 * NapCat's online file notices: the sender hears its offer accepted or refused
 * (`online_file_send`), the receiver hears it cancelled (`online_file_receive`); `peer_id` is the
 * other side.
 */
export const onlineFileAnsweredBuilder = defineBuilder({
  type: 'online_file.answered',
  build: (event, _prepared, selfId) =>
    event.outcome === 'cancel'
      ? [
          {
            ...eventHead(event.time, selfId),
            post_type: 'notice',
            notice_type: 'online_file_receive',
            peer_id: event.senderId,
            sub_type: 'cancel',
          },
        ]
      : [
          {
            ...eventHead(event.time, selfId),
            post_type: 'notice',
            notice_type: 'online_file_send',
            peer_id: event.receiverId,
            sub_type: event.outcome,
          },
        ],
});
