import { publicUrls } from '../../src/onebot/public-urls.js';
import type { MessageRecord } from '../../src/world/messages/message.js';

/** How the event builders and message shapes render in tests: NapCat's dialect, a fixed host. */
export const renderCtx = { urls: publicUrls(() => 'http://catnap.test'), dialect: 'napcat' } as const;

/** A stored group message to build events from, with `overrides`. */
export function messageRecord(overrides: Partial<MessageRecord>): MessageRecord {
  return {
    messageId: 1234,
    conversation: { type: 'group', groupId: 30001 },
    seq: 9,
    time: 1767225600,
    senderId: 20001,
    targetId: 0,
    tempGroupId: 0,
    elements: [{ kind: 'text', text: 'hi & [you]' }],
    replyTo: 0,
    recalled: false,
    recalledBy: 0,
    recallTime: 0,
    random: 3,
    ...overrides,
  };
}
