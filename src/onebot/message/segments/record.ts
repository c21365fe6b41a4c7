import { mediaFileName } from '../../../world/messages/media-ids.js';
import { defineSegment } from './codec.js';
import { mediaSource } from './fields.js';

/** A voice message, from any media source; stored as given (no silk transcoding is needed here). */
export const recordSegment = defineSegment({
  type: 'record',
  kind: 'record',
  parse: (data) => ({ kind: 'record', source: mediaSource(data) }),
  render: (element, ctx) => ({
    type: 'record',
    data: { file: mediaFileName(element.media), url: ctx.urls.media(element.media.blobId), file_size: String(element.media.size) },
  }),
});
