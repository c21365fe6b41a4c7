import { data, defineSegment } from './codec.js';
import { SegmentError, optionalString, requiredString } from './fields.js';

const platforms = ['qq', '163', 'kugou', 'kuwo', 'migu'];

/**
 * A music card: a song on a platform (`type` qq/163/kugou/kuwo/migu + `id`), or a custom card
 * (`type` custom + `url`, with optional `audio`, `title`, `content`, `image`). Catnap stores the
 * card itself, so no signing service is involved.
 */
export const musicSegment = defineSegment({
  type: 'music',
  kind: 'music',
  parse(input) {
    const platform = requiredString(input, 'type', `one of ${[...platforms, 'custom'].join(', ')}`);
    if (platform === 'custom') {
      const card = {
        url: requiredString(input, 'url', 'the link the card opens'),
        audio: optionalString(input, 'audio'),
        title: optionalString(input, 'title'),
        content: optionalString(input, 'content') ?? optionalString(input, 'singer'),
        image: optionalString(input, 'image'),
      };
      return { kind: 'music', platform, ...(data(card) as typeof card) };
    }
    if (!platforms.includes(platform)) {
      throw new SegmentError(`data.type must be one of ${[...platforms, 'custom'].join(', ')} (got ${JSON.stringify(platform)})`);
    }
    return { kind: 'music', platform, songId: requiredString(input, 'id', 'the song id on that platform') };
  },
  render(element) {
    if (element.platform !== 'custom') return { type: 'music', data: { type: element.platform, id: element.songId ?? '' } };
    const { url, audio, title, content, image } = element;
    return { type: 'music', data: data({ type: 'custom', url, audio, title, content, image }) };
  },
});
