import { defineSegment } from './codec.js';
import { SegmentError, optionalString } from './fields.js';

/**
 * @someone or @all. `qq` is "all" or a QQ number; a `name` given is ignored (the world uses the
 * member's card or nickname). Received: `qq` only, as NapCat sends it (LLBot adds the `name`).
 */
export const atSegment = defineSegment({
  type: 'at',
  kind: 'at',
  parse(data) {
    const qq = optionalString(data, 'qq')?.trim();
    if (!qq) throw new SegmentError('data.qq is required ("all" or a QQ number)');
    if (qq === 'all') return { kind: 'at', target: 'all' };
    if (!/^\d{1,15}$/.test(qq) || Number(qq) < 1)
      throw new SegmentError(`data.qq must be "all" or a QQ number (got ${JSON.stringify(qq)})`);
    return { kind: 'at', target: Number(qq) };
  },
  render: (element, ctx) =>
    ctx.dialect === 'llbot' && element.target !== 'all'
      ? { type: 'at', data: { qq: String(element.target), name: element.name ?? String(element.target) } }
      : { type: 'at', data: { qq: String(element.target) } },
  dialects: { llbot: '`{qq, name}`: `name` is the @ text without the @ (the card or nickname when it was sent); @all has no name.' },
});
