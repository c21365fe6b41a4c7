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
  render(element, ctx) {
    if (ctx.dialect === 'go-cqhttp') return { type: 'text', data: { text: element.summary } };
    const mface = { emoji_package_id: element.packageId, emoji_id: element.emojiId, key: element.key, summary: element.summary };
    if (ctx.dialect === 'llbot') return { type: 'mface', data: { ...mface, url: marketFaceUrl(element.emojiId) } };
    return { type: 'mface', data: mface };
  },
  dialects: {
    llbot: "Adds `url`, the sticker's image on QQ's sticker CDN (as LLBot builds it from the emoji id).",
    'go-cqhttp': "A `text` segment with the sticker's name.",
  },
});

/** Where QQ's sticker CDN serves a marketplace sticker (LLBot's formula: the id's first two characters name the folder). */
function marketFaceUrl(emojiId: string): string {
  return `https://gxh.vip.qq.com/club/item/parcel/item/${emojiId.slice(0, 2)}/${emojiId}/raw300.gif`;
}
