import { defineSegment } from './codec.js';
import { optionalInt } from './fields.js';

/** Rock-paper-scissors. The world picks; a `result` of 1-3 fixes it (handy in tests). */
export const rpsSegment = defineSegment({
  type: 'rps',
  kind: 'rps',
  parse(data) {
    const result = optionalInt(data, 'result', 1, 3);
    return result === undefined ? { kind: 'rps' } : { kind: 'rps', result };
  },
  render: (element) => ({ type: 'rps', data: { result: String(element.result) } }),
});
