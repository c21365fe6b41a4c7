import { mediaFileName } from '../../../world/messages/media-ids.js';
import type { MediaRef } from '../../../world/messages/elements.js';
import type { Segment } from '../segment.js';
import { defineSegment, type RenderContext } from './codec.js';
import { mediaSource } from './fields.js';

/** A voice message, from any media source; stored as given (no silk transcoding is needed here). */
export const recordSegment = defineSegment({
  type: 'record',
  kind: 'record',
  parse: (data) => ({ kind: 'record', source: mediaSource(data) }),
  render: (element, ctx) => mediaSegment('record', element.media, ctx),
  dialects: { 'go-cqhttp': '`{file, url}`: no `file_size`.' },
});

/** A received voice or video: `{file, url, file_size}`, without the size in the go-cqhttp dialect. */
export function mediaSegment(type: string, media: MediaRef, ctx: RenderContext): Segment {
  const file = mediaFileName(media);
  const url = ctx.urls.media(media.blobId);
  return { type, data: ctx.dialect === 'go-cqhttp' ? { file, url } : { file, url, file_size: String(media.size) } };
}
