import { data, defineSegment } from './codec.js';
import { optionalInt, optionalString, requiredInt } from './fields.js';

/**
 * A QQ system face by id. NapCat's `resultId` / `chainCount` (face chains, animated results)
 * are kept when given; NapCat's `raw` (a leaked NT object) is not reproduced.
 */
export const faceSegment = defineSegment({
  type: 'face',
  kind: 'face',
  parse(input) {
    const faceId = requiredInt(input, 'id', 0, 100000);
    const resultId = optionalString(input, 'resultId');
    const chainCount = optionalInt(input, 'chainCount', 0);
    return { kind: 'face', faceId, ...(resultId ? { resultId } : {}), ...(chainCount !== undefined ? { chainCount } : {}) };
  },
  render: (element) => ({
    type: 'face',
    data: data({ id: String(element.faceId), resultId: element.resultId, chainCount: element.chainCount }),
  }),
});
