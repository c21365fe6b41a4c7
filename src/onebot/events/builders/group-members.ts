import { defineBuilder } from '../types.js';
import { eventHead } from './common.js';

/** `group_increase`: approve (joined on request, or added) or invite. */
export const memberJoinedBuilder = defineBuilder({
  type: 'member.joined',
  build: (event, _prepared, selfId) => [
    {
      ...eventHead(event.time, selfId),
      post_type: 'notice',
      notice_type: 'group_increase',
      sub_type: event.subType,
      group_id: event.member.groupId,
      user_id: event.member.userId,
      operator_id: event.operatorId,
    },
  ],
});

/**
 * `group_decrease`: leave, kick, or kick_me for the account that was kicked. A dismissed group
 * (`disband`) tells each member once, about itself, as QQ shows "the group was dissolved"
 * (LLBot's dialect says `group_dismiss` instead).
 */
export const memberLeftBuilder = defineBuilder({
  type: 'member.left',
  emits: 'notice.group_decrease',
  build(event, _prepared, selfId, _format, { dialect }) {
    if (event.subType === 'disband' && event.userId !== selfId) return [];
    if (event.subType === 'disband' && dialect === 'llbot') {
      const head = eventHead(event.time, selfId);
      return [{ ...head, post_type: 'notice', notice_type: 'group_dismiss', group_id: event.groupId, user_id: event.operatorId }];
    }
    return [
      {
        ...eventHead(event.time, selfId),
        post_type: 'notice',
        notice_type: 'group_decrease',
        sub_type: event.subType === 'kick' && event.userId === selfId ? 'kick_me' : event.subType,
        group_id: event.groupId,
        user_id: event.userId,
        operator_id: event.operatorId,
      },
    ];
  },
  dialects: {
    llbot: 'A dissolved group is `group_dismiss` `{group_id, user_id}` (user_id: who dissolved it), not `group_decrease` / `disband`.',
  },
});

/** `group_admin`: set when a member becomes an admin, unset when an admin becomes a member. Ownership moves have no OneBot notice. */
export const roleChangedBuilder = defineBuilder({
  type: 'member.role_changed',
  build(event, _prepared, selfId) {
    const subType = event.role === 'admin' ? 'set' : event.previous === 'admin' && event.role === 'member' ? 'unset' : undefined;
    if (!subType) return [];
    return [
      {
        ...eventHead(event.time, selfId),
        post_type: 'notice',
        notice_type: 'group_admin',
        sub_type: subType,
        group_id: event.groupId,
        user_id: event.userId,
      },
    ];
  },
});

/** `group_ban`: ban or lift_ban; a whole-group mute has user_id 0 and duration -1. */
export const mutedBuilder = defineBuilder({
  type: 'member.muted',
  build: (event, _prepared, selfId) => [
    {
      ...eventHead(event.time, selfId),
      post_type: 'notice',
      notice_type: 'group_ban',
      sub_type: event.duration === 0 ? 'lift_ban' : 'ban',
      group_id: event.groupId,
      operator_id: event.operatorId,
      user_id: event.userId,
      duration: event.userId === 0 && event.duration !== 0 ? -1 : event.duration,
    },
  ],
});
