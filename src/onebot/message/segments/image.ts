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
  render(element, ctx) {
    const file = mediaFileName(element.media);
    const url = ctx.urls.media(element.media.blobId);
    const subType = element.subType ?? 0;
    if (ctx.dialect === 'llbot') return { type: 'image', data: { file, subType, url, file_size: String(element.media.size) } };
    if (ctx.dialect === 'go-cqhttp') {
      return { type: 'image', data: data({ file, subType: String(subType), url, type: element.flash ? 'flash' : undefined }) };
    }
    return {
      type: 'image',
      data: data({
        summary: element.summary ?? '',
        file,
        sub_type: subType,
        type: element.flash ? 'flash' : undefined,
        url,
        file_size: String(element.media.size),
      }),
    };
  },
  dialects: {
    llbot: '`{file, subType, url, file_size}`: `subType` in camelCase (a number), no `summary`, no flash `type`.',
    'go-cqhttp': '`{file, subType, url}` (+ `type: "flash"`): `subType` in camelCase, no `summary` nor `file_size`.',
  },
});
