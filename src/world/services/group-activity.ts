import type { Element } from '../messages/elements.js';
import type { Role } from '../model.js';
import { conversationKey, type MessageRecord } from '../messages/message.js';
import type { WorldStore } from '../store/store.js';

/** One message as activity: who, when, and what kind. */
export interface Activity {
  readonly senderId: number;
  readonly time: number;
  readonly atAll: boolean;
  /** A sticker: a QQ face, a market face, or an image sent as a sticker (sub type 1). */
  readonly sticker: boolean;
}

const pageSize = 500;

/**
 * A group's messages since a time, read through the message store's history: the first seq at
 * or after `since` is found by binary search (seq grows with time in a conversation), then the
 * pages after it are read in order. Recalled messages do not count.
 */
export function groupActivitySince(store: WorldStore, groupId: number, since: number): Activity[] {
  return activitySince(store, conversationKey({ type: 'group', groupId }), since);
}

/** `groupActivitySince` for any conversation, by its key. */
export function activitySince(store: WorldStore, key: string, since: number): Activity[] {
  const summary = store.messages.conversation(key);
  if (!summary) return [];
  let low = 1;
  let high = summary.lastSeq + 1;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    const message = store.messages.getBySeq(key, middle);
    if (message && message.time >= since) high = middle;
    else low = middle + 1;
  }
  const activity: Activity[] = [];
  for (let minSeq = low; minSeq <= summary.lastSeq;) {
    const page = store.messages.history(key, { minSeq, from: 'oldest', limit: pageSize });
    if (page.length === 0) break;
    for (const message of page) if (message.time >= since) activity.push(toActivity(message));
    minSeq = page.at(-1)!.seq + 1;
  }
  return activity;
}

function toActivity(message: MessageRecord): Activity {
  return {
    senderId: message.senderId,
    time: message.time,
    atAll: message.elements.some((element) => element.kind === 'at' && element.target === 'all'),
    sticker: message.elements.some(isSticker),
  };
}

const isSticker = (element: Element): boolean =>
  element.kind === 'face' || element.kind === 'mface' || (element.kind === 'image' && element.subType === 1);

/** QQ's daily @all allowance: per group (all admins together) and per admin (catnap.json `limits`). */
export interface AtAllQuota {
  readonly atAllPerGroupDaily: number;
  readonly atAllPerUserDaily: number;
}

const qqAtAllQuota: AtAllQuota = { atAllPerGroupDaily: 10, atAllPerUserDaily: 10 };

export interface AtAllAllowance {
  readonly remainForGroup: number;
  readonly remainForUser: number;
}

/** Midnight in China (UTC+8), QQ's day boundary, of the day `time` falls on. */
export const chinaDayStart = (time: number): number => Math.floor((time + 8 * 3600) / 86400) * 86400 - 8 * 3600;

/**
 * What is left of today's @all allowance in a group: for its admins together, and for one
 * account (none for plain members, who may not @all at all). Counts messages, not mentions.
 */
export function atAllAllowance(
  store: WorldStore,
  groupId: number,
  userId: number,
  role: Role,
  time: number,
  quota: AtAllQuota = qqAtAllQuota,
): AtAllAllowance {
  const today = groupActivitySince(store, groupId, chinaDayStart(time)).filter((item) => item.atAll);
  const remainForGroup = Math.max(0, quota.atAllPerGroupDaily - today.length);
  const usedBySelf = today.filter((item) => item.senderId === userId).length;
  const remainForUser = role === 'member' ? 0 : Math.min(remainForGroup, Math.max(0, quota.atAllPerUserDaily - usedBySelf));
  return { remainForGroup, remainForUser };
}
