import { data, defineSegment } from './codec.js';
import { optionalInt, optionalString, requiredInt } from './fields.js';

/**
 * QQ's face type as LLBot derives it when the sender named none: ids below 222 are the classic
 * faces (1), the rest of the small ids the newer ones (2), larger ids extended (4).
 */
export function faceTypeOf(faceId: number): number {
  return faceId < 222 ? 1 : faceId < 100000 ? 2 : 4;
}

/**
 * A QQ system face by id. NapCat's `resultId` / `chainCount` (face chains, animated results)
 * are kept when given, and LLBot's `sub_type` (the face type); NapCat's `raw` (a leaked NT object)
 * is not reproduced.
 */
export const faceSegment = defineSegment({
  type: 'face',
  kind: 'face',
  parse(input) {
    const faceId = requiredInt(input, 'id', 0, 100000);
    const resultId = optionalString(input, 'resultId');
    const chainCount = optionalInt(input, 'chainCount', 0);
    const faceType = optionalInt(input, 'sub_type', 1, 5);
    return {
      kind: 'face',
      faceId,
      ...(resultId ? { resultId } : {}),
      ...(chainCount !== undefined ? { chainCount } : {}),
      ...(faceType !== undefined ? { faceType } : {}),
    };
  },
  render(element, ctx) {
    const id = String(element.faceId);
    if (ctx.dialect === 'llbot') return { type: 'face', data: { id, sub_type: element.faceType ?? faceTypeOf(element.faceId) } };
    if (ctx.dialect === 'go-cqhttp') return { type: 'face', data: { id } };
    return { type: 'face', data: data({ id, resultId: element.resultId, chainCount: element.chainCount }) };
  },
  dialects: {
    llbot:
      '`{id, sub_type}`: sub_type is the face type (the one sent, else 1 for ids below 222, 2 up to 99999, 4 above), as in `[CQ:face,id=178,sub_type=1]`.',
    'go-cqhttp': '`{id}` only.',
  },
});
