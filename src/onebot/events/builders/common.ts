import type { OneBotEvent } from '../types.js';

/**
 * The envelopes every OneBot event shares. Field names and values follow NapCat's event classes
 * (`time`, `self_id`, `post_type`, then the type's own fields).
 */
export function noticeEvent(time: number, selfId: number, noticeType: string, fields: Record<string, unknown>): OneBotEvent {
  return { time, self_id: selfId, post_type: 'notice', notice_type: noticeType, ...fields };
}

/** `notice_type: "notify"` events (poke, title, group_name, input_status, profile_like). */
export function notifyEvent(time: number, selfId: number, subType: string, fields: Record<string, unknown>): OneBotEvent {
  return noticeEvent(time, selfId, 'notify', { sub_type: subType, ...fields });
}

export function requestEvent(time: number, selfId: number, requestType: 'friend' | 'group', fields: Record<string, unknown>): OneBotEvent {
  return { time, self_id: selfId, post_type: 'request', request_type: requestType, ...fields };
}
