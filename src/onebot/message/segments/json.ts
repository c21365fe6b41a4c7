import { defineSegment } from './codec.js';
import { SegmentError } from './fields.js';

/** An ark card as JSON: `data` is a JSON string, or an object that is serialised. */
export const jsonSegment = defineSegment({
  type: 'json',
  kind: 'json',
  parse(input) {
    const value = input.data;
    if (value !== null && typeof value === 'object') return { kind: 'json', data: JSON.stringify(value) };
    if (typeof value !== 'string' || value.trim() === '') throw new SegmentError('data.data is required (a JSON string or object)');
    try {
      JSON.parse(value);
    } catch {
      throw new SegmentError('data.data is not valid JSON');
    }
    return { kind: 'json', data: value };
  },
  render: (element) => ({ type: 'json', data: { data: element.data } }),
});
