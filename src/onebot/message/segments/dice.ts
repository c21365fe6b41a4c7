import { defineSegment } from './codec.js';
import { optionalInt } from './fields.js';

/** A die roll. The world rolls it; a `result` (go-cqhttp: `value`) of 1-6 fixes the roll (handy in tests). */
export const diceSegment = defineSegment({
  type: 'dice',
  kind: 'dice',
  parse(data) {
    const result = optionalInt(data, 'result', 1, 6) ?? optionalInt(data, 'value', 1, 6);
    return result === undefined ? { kind: 'dice' } : { kind: 'dice', result };
  },
  render: (element, ctx) => ({ type: 'dice', data: { [ctx.dialect === 'go-cqhttp' ? 'value' : 'result']: String(element.result) } }),
  dialects: { 'go-cqhttp': 'The roll is `value`, not `result`: `[CQ:dice,value=3]`.' },
});
