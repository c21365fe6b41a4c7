import { defineSegment } from './codec.js';
import { requiredString } from './fields.js';

/**
 * A flash transfer (闪传) card, as NapCat renders it: `{fileSetId}`. It is read so that a
 * received message parses, but the world refuses to send one: send_flash_msg posts it.
 */
export const flashTransferSegment = defineSegment({
  type: 'flashtransfer',
  kind: 'flashtransfer',
  parse: (data) => ({ kind: 'flashtransfer', filesetId: requiredString(data, 'fileSetId', 'the file set id') }),
  render: (element) => ({ type: 'flashtransfer', data: { fileSetId: element.filesetId } }),
});
