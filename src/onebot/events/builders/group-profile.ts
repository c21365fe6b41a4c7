import { defineBuilder } from '../types.js';
import { eventHead } from './common.js';

/** `group_card`: a member's group card changed. */
export const cardChangedBuilder = defineBuilder({
  type: 'member.card_changed',
  build: (event, _prepared, selfId) => [
    {
      ...eventHead(event.time, selfId),
      post_type: 'notice',
      notice_type: 'group_card',
      group_id: event.groupId,
      user_id: event.userId,
      card_new: event.cardNew,
      card_old: event.cardOld,
    },
  ],
});

/** `notify` / `title`: a member got a special title. */
export const titleChangedBuilder = defineBuilder({
  type: 'member.title_changed',
  build: (event, _prepared, selfId) => [
    {
      ...eventHead(event.time, selfId),
      post_type: 'notice',
      notice_type: 'notify',
      sub_type: 'title',
      group_id: event.groupId,
      user_id: event.userId,
      title: event.title,
    },
  ],
});

/** `notify` / `group_name`: the group was renamed; user_id is who renamed it. */
export const groupNameBuilder = defineBuilder({
  type: 'group.name_changed',
  build: (event, _prepared, selfId) => [
    {
      ...eventHead(event.time, selfId),
      post_type: 'notice',
      notice_type: 'notify',
      sub_type: 'group_name',
      group_id: event.groupId,
      user_id: event.operatorId,
      name_new: event.name,
    },
  ],
});
