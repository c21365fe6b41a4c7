import { defineSegment } from './codec.js';
import { SegmentError, optionalString, requiredId } from './fields.js';

/** A recommended contact card: a user (`type` qq, the default) or a group. */
export const contactSegment = defineSegment({
  type: 'contact',
  kind: 'contact',
  parse(data) {
    const type = optionalString(data, 'type') || 'qq';
    if (type !== 'qq' && type !== 'group') throw new SegmentError(`data.type must be "qq" or "group" (got ${JSON.stringify(type)})`);
    return { kind: 'contact', contactType: type, id: requiredId(data, 'id') };
  },
  render: (element) => ({ type: 'contact', data: { type: element.contactType, id: String(element.id) } }),
});
