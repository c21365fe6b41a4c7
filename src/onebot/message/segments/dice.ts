import { defineSegment } from './codec.js';
import { optionalInt } from './fields.js';

/** A die roll. The world rolls it; a `result` of 1-6 fixes the roll (handy in tests). */
export const diceSegment = defineSegment({
  type: 'dice',
  kind: 'dice',
  parse(data) {
    const result = optionalInt(data, 'result', 1, 6);
    return result === undefined ? { kind: 'dice' } : { kind: 'dice', result };
  },
  render: (element) => ({ type: 'dice', data: { result: String(element.result) } }),
});
