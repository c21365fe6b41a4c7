import { WorldError } from '../errors.js';
import type { Element } from '../messages/elements.js';
import { conversationKey, type Conversation } from '../messages/message.js';
import { activitySince } from '../services/group-activity.js';
import type { WorldStore } from '../store/store.js';

/**
 * QQ's limits on sending, as rules of the world (catnap.json `limits`, docs/faults.md). QQ does
 * not publish its rate and size limits, so every one whose number is unknown is off (0) unless
 * configured; the @all allowance is QQ's known 10 a day per group and per admin.
 */
export interface SendLimits {
  /** Messages one account may send to one group within a minute (0: no limit). */
  readonly groupMessagesPerMinute: number;
  /** Messages one account may send within a minute, every chat together (0: no limit). */
  readonly accountMessagesPerMinute: number;
  /** Characters of text in one message (0: no limit; catnap.json `message.maxTextBytes` still bounds it). */
  readonly messageChars: number;
  /** Bytes of one image (0: no limit beyond `media.maxBytes`). */
  readonly imageBytes: number;
  /** @all messages a group's admins may send in a day, together. */
  readonly atAllPerGroupDaily: number;
  /** @all messages one admin may send in a group in a day. */
  readonly atAllPerUserDaily: number;
}

export const defaultSendLimits: SendLimits = {
  groupMessagesPerMinute: 0,
  accountMessagesPerMinute: 0,
  messageChars: 0,
  imageBytes: 0,
  atAllPerGroupDaily: 10,
  atAllPerUserDaily: 10,
};

/** What a send is checked with, inside its unit of work. */
export interface OutgoingSend {
  readonly senderId: number;
  readonly conversation: Conversation;
  readonly elements: readonly Element[];
  /** Unix seconds. */
  readonly time: number;
}

/**
 * Refuses a send that breaks one of QQ's configured limits, with `SEND_REFUSED` (the OneBot
 * layer answers NapCat's generic failure envelope for a failed send: NapCat publishes no
 * envelope of its own for these). Called inside the send's unit, so the counts it reads cannot
 * change before the message is stored and a refused send changes nothing.
 */
export function checkSendLimits(store: WorldStore, limits: SendLimits, send: OutgoingSend): void {
  const { senderId, elements } = send;
  if (limits.messageChars > 0) {
    const chars = elements.reduce((sum, element) => sum + (element.kind === 'text' ? [...element.text].length : 0), 0);
    if (chars > limits.messageChars) {
      throw refused(`the message has ${chars} characters of text, more than ${limits.messageChars}`, 'messageChars');
    }
  }
  if (limits.imageBytes > 0) {
    for (const element of elements) {
      if (element.kind === 'image' && element.media.size > limits.imageBytes) {
        throw refused(`an image of ${element.media.size} bytes is larger than ${limits.imageBytes}`, 'imageBytes');
      }
    }
  }
  if (limits.groupMessagesPerMinute === 0 && limits.accountMessagesPerMinute === 0) return;
  // "Within a minute": messages stored in the 60 seconds before this one (the world's clock).
  const since = send.time - 59;
  if (limits.groupMessagesPerMinute > 0 && send.conversation.type === 'group') {
    const sent = sentBy(store, senderId, conversationKey(send.conversation), since);
    if (sent >= limits.groupMessagesPerMinute) {
      throw refused(
        `account ${senderId} sent ${sent} messages to group ${send.conversation.groupId} within a minute`,
        'groupMessagesPerMinute',
      );
    }
  }
  if (limits.accountMessagesPerMinute > 0) {
    const groupIds = store.groups.listFor(senderId).map((group) => group.groupId);
    let sent = 0;
    // Newest conversations first: the first one quiet for a minute ends the count.
    for (const summary of store.messages.conversationsOf(senderId, groupIds, Number.MAX_SAFE_INTEGER)) {
      if (summary.lastTime < since) break;
      sent += sentBy(store, senderId, summary.key, since);
    }
    if (sent >= limits.accountMessagesPerMinute) {
      throw refused(`account ${senderId} sent ${sent} messages within a minute`, 'accountMessagesPerMinute');
    }
  }
}

function sentBy(store: WorldStore, senderId: number, key: string, since: number): number {
  return activitySince(store, key, since).filter((item) => item.senderId === senderId).length;
}

function refused(why: string, setting: keyof SendLimits): WorldError {
  return new WorldError('SEND_REFUSED', `send refused: ${why} (limits.${setting} in catnap.json)`);
}
