import { mediaFileName } from '../../../world/messages/media-ids.js';
import { data, defineSegment } from './codec.js';
import { mediaSource, optionalInt, optionalString } from './fields.js';

/**
 * An image. Sent from any media source (`url`, `file` or `path`: a path, file:// or http(s) URL,
 * base64://, data: URL, or a `file` Catnap gave); `type` "flash" makes a flash image. Received
 * with NapCat's fields: `file` (`<sha256>.<ext>`, usable as a source again), Catnap's own `url`,
 * `file_size`, `summary` and `sub_type` (0 picture, 1 sticker).
 */
export const imageSegment = defineSegment({
  type: 'image',
  kind: 'image',
  parse(input) {
    const source = mediaSource(input);
    const summary = optionalString(input, 'summary');
    const subType = optionalInt(input, 'sub_type', 0, 100) ?? optionalInt(input, 'subType', 0, 100);
    const flash = optionalString(input, 'type') === 'flash';
    return {
      kind: 'image',
      source,
      ...(summary ? { summary } : {}),
      ...(subType !== undefined ? { subType } : {}),
      ...(flash ? { flash } : {}),
    };
  },
  render: (element, ctx) => ({
    type: 'image',
    data: data({
      summary: element.summary ?? '',
      file: mediaFileName(element.media),
      sub_type: element.subType ?? 0,
      type: element.flash ? 'flash' : undefined,
      url: ctx.urls.media(element.media.blobId),
      file_size: String(element.media.size),
    }),
  }),
});
