import { mediaFileName } from '../../../world/messages/media-ids.js';
import { defineSegment } from './codec.js';
import { mediaSource, optionalString } from './fields.js';

/** A video, from any media source, with an optional `thumb` (also a media source). */
export const videoSegment = defineSegment({
  type: 'video',
  kind: 'video',
  parse(data) {
    const source = mediaSource(data);
    const thumb = optionalString(data, 'thumb');
    return thumb ? { kind: 'video', source, thumb: { uri: thumb } } : { kind: 'video', source };
  },
  render: (element, ctx) => ({
    type: 'video',
    data: { file: mediaFileName(element.media), url: ctx.urls.media(element.media.blobId), file_size: String(element.media.size) },
  }),
});
