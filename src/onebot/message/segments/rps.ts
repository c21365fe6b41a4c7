import { defineSegment } from './codec.js';
import { optionalInt } from './fields.js';

/** Rock-paper-scissors. The world picks; a `result` (go-cqhttp: `value`) of 1-3 fixes it (handy in tests). */
export const rpsSegment = defineSegment({
  type: 'rps',
  kind: 'rps',
  parse(data) {
    const result = optionalInt(data, 'result', 1, 3) ?? optionalInt(data, 'value', 1, 3);
    return result === undefined ? { kind: 'rps' } : { kind: 'rps', result };
  },
  render: (element, ctx) => ({ type: 'rps', data: { [ctx.dialect === 'go-cqhttp' ? 'value' : 'result']: String(element.result) } }),
  dialects: { 'go-cqhttp': 'The pick is `value`, not `result`: `[CQ:rps,value=2]`.' },
});
