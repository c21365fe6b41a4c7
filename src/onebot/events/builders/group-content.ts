import { defineBuilder } from '../types.js';
import { eventHead } from './common.js';

/** `group_upload`: a file was uploaded to the group's files. */
export const fileUploadedBuilder = defineBuilder({
  type: 'file.uploaded',
  build: (event, _prepared, selfId) => [
    {
      ...eventHead(event.time, selfId),
      post_type: 'notice',
      notice_type: 'group_upload',
      group_id: event.groupId,
      user_id: event.userId,
      file: { id: event.file.id, name: event.file.name, size: event.file.size, busid: event.file.busid },
    },
  ],
});

/**
 * `essence`: a message was set (add) or removed (delete) as essence; user_id is its sender. NapCat
 * builds the notice only from QQ's essence gray tip and never sets `delete` (napcat-onebot/api/
 * group.ts parseEssenceMsg, event/notice/OB11GroupEssenceEvent.ts `sub_type = 'add'`), LLBot the
 * same (src/onebot11/event/notice/OB11GroupEssenceEvent.ts). go-cqhttp reports both, without
 * user_id, and not the account's own changes (coolq/event.go groupEssenceMsg).
 */
export const essenceBuilder = defineBuilder({
  type: 'essence.changed',
  reportedIn: (event, dialect, selfId) => (dialect === 'go-cqhttp' ? event.operatorId !== selfId : event.added),
  build: (event, _prepared, selfId, _format, { dialect }) => [
    {
      ...eventHead(event.time, selfId),
      post_type: 'notice',
      notice_type: 'essence',
      sub_type: event.added ? 'add' : 'delete',
      group_id: event.groupId,
      ...(dialect !== 'go-cqhttp' && { user_id: event.message.senderId }),
      message_id: event.message.messageId,
      sender_id: event.message.senderId,
      operator_id: event.operatorId,
    },
  ],
  dialects: {
    'go-cqhttp':
      'A removal is reported too, as `sub_type: "delete"` (NapCat and LLBot send no notice for it); no `user_id`; the account\'s own changes are not reported.',
  },
});

/**
 * `group_msg_emoji_like`: someone added or removed an emoji reaction on a group message. `likes`
 * holds only the emoji that changed, with its count after the change: NapCat builds the notice
 * from QQ's push for that one reaction (napcat-onebot/api/group.ts createGroupEmojiLikeEvent),
 * not from the message's whole reaction list. QQ has no such notice for private messages.
 */
export const reactionBuilder = defineBuilder({
  type: 'message.reaction',
  emits: 'notice.group_msg_emoji_like',
  build(event, _prepared, selfId, _format, { dialect }) {
    const { message } = event;
    if (message.conversation.type !== 'group') return [];
    const count = dialect === 'llbot' ? 1 : (event.likes.find((like) => like.emojiId === event.emojiId)?.count ?? 0);
    return [
      {
        ...eventHead(event.time, selfId),
        post_type: 'notice',
        notice_type: 'group_msg_emoji_like',
        group_id: message.conversation.groupId,
        user_id: event.userId,
        message_id: message.messageId,
        likes: [{ emoji_id: event.emojiId, count }],
        is_add: event.isAdd,
      },
    ];
  },
  dialects: {
    llbot: "The changed emoji's `count` is always 1, whatever its count on the message.",
  },
});
