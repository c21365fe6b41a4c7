import { previewText } from '../../world/messages/elements.js';
import type { NoticeEntryFields, RequestEntryFields } from '../../contract/admin/transcript-entries.js';
import type { DomainEvent } from '../../world/events.js';
import type { MessageRecord } from '../../world/messages/message.js';
import { renderMessage, type RenderContext } from '../message/render.js';
import type { NewEntry } from './entry.js';

/** Where a message was said, as `message` and `recall` entries name it. */
function place(message: MessageRecord): { group_id?: number; user_id?: number; where: string } {
  if (message.conversation.type === 'group') {
    return { group_id: message.conversation.groupId, where: `group ${message.conversation.groupId}` };
  }
  return { user_id: message.targetId, where: `private ${message.senderId}->${message.targetId}` };
}

/** A new message's entry. */
export function messageEntry(message: MessageRecord, render: RenderContext): Omit<NewEntry, 'time'> {
  const { where, ...at } = place(message);
  const rendered = renderMessage(message.elements, 'array', render);
  // The line names Catnap's own media by path: the host and port of its URLs change run to run
  // (tests start on free ports) and the text form must not. The entry's segments keep full URLs.
  const mediaBase = render.urls.media('');
  const line = rendered.raw_message.includes(mediaBase) ? rendered.raw_message.replaceAll(mediaBase, '/media/') : rendered.raw_message;
  return {
    kind: 'message',
    message_id: message.messageId,
    from: message.senderId,
    ...at,
    segments: rendered.message,
    text: rendered.raw_message,
    plain: previewText(message.elements),
    line: `message ${where} from ${message.senderId}: ${line}`,
  };
}

/**
 * The transcript's view of a domain event: messages, recalls, reactions, notices and requests,
 * named as OneBot names them (notice_type, sub_type) so a wait can match what a bot receives.
 * Events that are nobody's business in a transcript (typing, pins, remarks) give nothing.
 */
export function entryOf(event: DomainEvent, render: RenderContext): Omit<NewEntry, 'time'> | undefined {
  switch (event.type) {
    case 'message.created':
      return messageEntry(event.message, render);
    case 'message.recalled': {
      const { where, ...at } = place(event.message);
      return {
        kind: 'recall',
        message_id: event.message.messageId,
        from: event.message.senderId,
        operator_id: event.operatorId,
        ...at,
        line: `recall message ${event.message.messageId} in ${where} by ${event.operatorId}`,
      };
    }
    case 'message.reaction':
      return {
        kind: 'reaction',
        message_id: event.message.messageId,
        user_id: event.userId,
        emoji_id: event.emojiId,
        is_add: event.isAdd,
        line: `reaction ${event.isAdd ? '+' : '-'}${event.emojiId} on message ${event.message.messageId} by ${event.userId}`,
      };
    case 'member.muted':
      return notice('group_ban', event.duration === 0 ? 'lift_ban' : 'ban', {
        group_id: event.groupId,
        user_id: event.userId,
        operator_id: event.operatorId,
        duration: event.duration,
      });
    case 'member.joined':
      return notice('group_increase', event.subType, {
        group_id: event.member.groupId,
        user_id: event.member.userId,
        operator_id: event.operatorId,
      });
    case 'member.left':
      return notice('group_decrease', event.subType, { group_id: event.groupId, user_id: event.userId, operator_id: event.operatorId });
    case 'member.role_changed':
      return notice('group_admin', event.role === 'admin' ? 'set' : 'unset', { group_id: event.groupId, user_id: event.userId });
    case 'member.card_changed':
      return notice('group_card', undefined, {
        group_id: event.groupId,
        user_id: event.userId,
        card_new: event.cardNew,
        card_old: event.cardOld,
      });
    case 'member.title_changed':
      return notice('notify', 'title', { group_id: event.groupId, user_id: event.userId, title: event.title });
    case 'group.name_changed':
      return notice('notify', 'group_name', { group_id: event.groupId, operator_id: event.operatorId, name_new: event.name });
    case 'friend.added':
      return notice('friend_add', undefined, { user_id: event.userId, friend_id: event.friendId });
    case 'friend.removed':
      return notice('friend_decrease', undefined, { user_id: event.userId, friend_id: event.friendId });
    case 'essence.changed':
      return notice('essence', event.added ? 'add' : 'delete', {
        group_id: event.groupId,
        message_id: event.message.messageId,
        operator_id: event.operatorId,
      });
    case 'poke':
      return notice('notify', 'poke', {
        ...(event.groupId ? { group_id: event.groupId } : {}),
        user_id: event.senderId,
        target_id: event.targetId,
      });
    case 'file.uploaded':
      return notice('group_upload', undefined, { group_id: event.groupId, user_id: event.userId, file_name: event.file.name });
    case 'group.notice':
      return notice('group_notice', event.action, { group_id: event.groupId, user_id: event.senderId, notice_id: event.noticeId });
    case 'group.signed':
      return notice('notify', 'sign', { group_id: event.groupId, user_id: event.userId });
    case 'profile_like':
      return notice('notify', 'profile_like', { operator_id: event.operatorId, user_id: event.targetId, times: event.times });
    case 'request.friend':
      return request('friend', undefined, { user_id: event.userId, target_id: event.targetId, flag: event.flag, comment: event.comment });
    case 'request.group':
      return request('group', event.subType, {
        group_id: event.groupId,
        user_id: event.userId,
        invitor_id: event.invitorId,
        flag: event.flag,
        comment: event.comment,
      });
    case 'request.answered':
      return request(event.kind === 'friend' ? 'friend' : 'group', event.approved ? 'approved' : 'rejected', {
        group_id: event.groupId,
        user_id: event.requesterId,
        operator_id: event.actorId,
        flag: event.flag,
        reason: event.reason,
      });
    default:
      return undefined;
  }
}

function fieldsText(fields: NoticeFields | RequestFields): string {
  return Object.entries(fields)
    .map(([key, value]) => `${key}=${typeof value === 'string' ? JSON.stringify(value) : String(value)}`)
    .join(' ');
}

/** The fields of a notice beside its type: those the contract declares (src/contract/admin/transcript-entries.ts). */
type NoticeFields = Omit<NoticeEntryFields, 'notice_type' | 'sub_type'>;
type RequestFields = Omit<RequestEntryFields, 'request_type' | 'sub_type'>;

function notice(noticeType: string, subType: string | undefined, fields: NoticeFields): Omit<NewEntry, 'time'> {
  return {
    kind: 'notice',
    notice_type: noticeType,
    ...(subType !== undefined && { sub_type: subType }),
    ...fields,
    line: `notice ${noticeType}${subType ? `/${subType}` : ''} ${fieldsText(fields)}`,
  };
}

function request(requestType: string, subType: string | undefined, fields: RequestFields): Omit<NewEntry, 'time'> {
  return {
    kind: 'request',
    request_type: requestType,
    ...(subType !== undefined && { sub_type: subType }),
    ...fields,
    line: `request ${requestType}${subType ? `/${subType}` : ''} ${fieldsText(fields)}`,
  };
}
