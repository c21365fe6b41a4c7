import { defineSegment } from './codec.js';
import { requiredString } from './fields.js';

/**
 * A merged-forward card. Sent with `id` = a res_id from send_forward_msg (or from a received
 * forward); received with `id` = its res_id, which get_forward_msg opens. History and get_msg
 * add the nodes as `content` (NapCat's parse_mult_msg).
 */
export const forwardSegment = defineSegment({
  type: 'forward',
  kind: 'forward',
  parse: (data) => ({ kind: 'forward', forwardId: requiredString(data, 'id', 'the res_id of a merged forward') }),
  render: (element) => ({ type: 'forward', data: { id: element.forwardId } }),
});
