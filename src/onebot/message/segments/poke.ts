import { defineSegment } from './codec.js';
import { SegmentError, requiredInt } from './fields.js';

/**
 * OneBot 11's poke segment (a "戳一戳" message with a poke style `type` and `id`). go-cqhttp's
 * `qq` form, which pokes a member, is not a message: the actions group_poke / friend_poke do that.
 */
export const pokeSegment = defineSegment({
  type: 'poke',
  kind: 'poke',
  parse(data) {
    if (data.type === undefined && data.qq !== undefined) {
      throw new SegmentError('a poke segment with data.qq pokes a user; use the group_poke or friend_poke action for that');
    }
    return { kind: 'poke', pokeType: requiredInt(data, 'type', 0), pokeId: requiredInt(data, 'id') };
  },
  render: (element) => ({ type: 'poke', data: { type: String(element.pokeType), id: String(element.pokeId) } }),
});
