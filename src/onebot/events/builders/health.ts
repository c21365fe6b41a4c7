import { qqKickNotice } from '../../../world/faults/health-service.js';
import { defineBuilder } from '../types.js';
import { eventHead } from './common.js';

/**
 * `bot_offline`: the account was logged out or kicked. NapCat forwards QQ's kick notice (its
 * title as `tag`, its text as `message`) to every adapter, over sockets that stay open. Coming
 * back online and becoming a zombie say nothing: QQ sends no notice for either.
 */
export const healthBuilder = defineBuilder({
  type: 'account.health',
  build(event, _prepared, selfId) {
    if (selfId !== event.userId || (event.state !== 'offline' && event.state !== 'kicked')) return [];
    if (event.previous === 'offline' || event.previous === 'kicked') return [];
    return [
      {
        ...eventHead(event.time, selfId),
        post_type: 'notice',
        notice_type: 'bot_offline',
        user_id: selfId,
        tag: qqKickNotice.tag,
        message: event.message,
      },
    ];
  },
});
