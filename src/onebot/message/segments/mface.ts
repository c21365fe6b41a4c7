import { defineSegment } from './codec.js';
import { optionalString, requiredInt, requiredString } from './fields.js';

/** A marketplace sticker (商城表情), as Lagrange and LLBot receive it (NapCat turns it into an image). */
export const mfaceSegment = defineSegment({
  type: 'mface',
  kind: 'mface',
  parse: (data) => ({
    kind: 'mface',
    packageId: requiredInt(data, 'emoji_package_id', 0),
    emojiId: requiredString(data, 'emoji_id', 'the sticker id'),
    key: requiredString(data, 'key', "the sticker's key"),
    summary: optionalString(data, 'summary') || '[商城表情]',
  }),
  render: (element) => ({
    type: 'mface',
    data: { emoji_package_id: element.packageId, emoji_id: element.emojiId, key: element.key, summary: element.summary },
  }),
});
