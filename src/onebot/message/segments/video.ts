import { defineSegment } from './codec.js';
import { mediaSegment } from './record.js';
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
  render: (element, ctx) => mediaSegment('video', element.media, ctx),
  dialects: { 'go-cqhttp': '`{file, url}`: no `file_size`.' },
});
