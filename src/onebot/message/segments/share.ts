import { defineSegment } from './codec.js';
import { optionalString, requiredString } from './fields.js';

/** A link share card (`url`, `title`, optional `content` and `image`). */
export const shareSegment = defineSegment({
  type: 'share',
  kind: 'share',
  parse: (data) => ({
    kind: 'share',
    url: requiredString(data, 'url', 'the shared link'),
    title: requiredString(data, 'title', 'the card title'),
    content: optionalString(data, 'content') ?? '',
    image: optionalString(data, 'image') ?? '',
  }),
  render: (element) => ({
    type: 'share',
    data: { url: element.url, title: element.title, content: element.content, image: element.image },
  }),
});
