import { defineSegment } from './codec.js';
import { SegmentError } from './fields.js';

/** Plain text. `text` may be empty when sent (it is then dropped); numbers are taken as text. */
export const textSegment = defineSegment({
  type: 'text',
  kind: 'text',
  parse(data) {
    const value = data.text;
    if (typeof value === 'string') return { kind: 'text', text: value };
    if (typeof value === 'number' || typeof value === 'boolean') return { kind: 'text', text: String(value) };
    throw new SegmentError(value === undefined || value === null ? 'data.text is required (a string)' : 'data.text must be a string');
  },
  render: (element) => ({ type: 'text', data: { text: element.text } }),
});
