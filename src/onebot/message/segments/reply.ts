import { defineSegment } from './codec.js';
import { SegmentError, optionalInt } from './fields.js';

/**
 * A reply to a message: `id` is its message_id; NapCat's `seq` (the QQ seq of a message in the
 * conversation sent to) is accepted too and wins when both are given. Received: `id` as a string.
 */
export const replySegment = defineSegment({
  type: 'reply',
  kind: 'reply',
  parse(data) {
    const seq = optionalInt(data, 'seq', 1);
    if (seq !== undefined) return { kind: 'reply-seq', seq };
    const messageId = optionalInt(data, 'id', 1, 2147483647);
    if (messageId === undefined) throw new SegmentError('data.id is required (the message_id replied to)');
    return { kind: 'reply', messageId };
  },
  render: (element) => ({ type: 'reply', data: { id: String(element.messageId) } }),
});
