import { Type } from '@sinclair/typebox';
import { defineAction, type AnyActionSpec } from '../action.js';
import { P } from '../schema.js';
import { scanQrCodes } from '../../world/media/qr-scan.js';

const point = Type.Object({ x: Type.Integer(), y: Type.Integer() });

/** Reading images and text: OCR (a local PaddleOCR engine), QR codes, word slices, English-to-Chinese translation. */
export const ocrTranslateActions: AnyActionSpec[] = [
  defineAction({
    name: 'ocr_image',
    aliases: ['.ocr_image'],
    origin: 'go-cqhttp',
    summary: 'Read the text of an image (Chinese and English) with boxes and confidence',
    description: 'Runs PaddleOCR locally; the first call loads the models (a few seconds).',
    params: P.object({ image: P.str('The image: a path, file://, http(s)://, base64:// or a file id', { minLength: 1 }) }),
    result: Type.Object({
      texts: Type.Array(Type.Object({ text: Type.String(), confidence: Type.Number(), coordinates: Type.Array(point) })),
      language: Type.String(),
    }),
    async handler(ctx, params) {
      const result = await ctx.services.ocr.recognise(params.image, ctx.selfId);
      return {
        texts: result.lines.map((line) => ({ text: line.text, confidence: line.confidence, coordinates: [...line.box] })),
        language: result.language,
      };
    },
  }),
  defineAction({
    name: 'translate_en2zh',
    origin: 'napcat',
    summary: 'Translate English words and phrases into Chinese',
    description:
      'By default an offline dictionary (CC-CEDICT): good for words and set phrases, word by word for sentences. ' +
      'Set translation.provider to "libretranslate" in catnap.json for full sentences.',
    params: P.object({ words: Type.Array(P.str('English text'), { maxItems: 1000 }) }),
    result: Type.Object({ words: Type.Array(Type.String()) }),
    async handler(ctx, params) {
      return { words: await ctx.services.translator.translate(params.words) };
    },
  }),
  defineAction({
    name: 'scan_qrcode',
    origin: 'llbot',
    summary: 'Read the QR code in an image: [{text}] (none when the image has no readable code)',
    params: P.object({ file: P.str('The image: a path, file://, http(s)://, base64:// or a file id', { minLength: 1 }) }),
    result: Type.Array(Type.Object({ text: Type.String() })),
    handler: (ctx, params) => scanQrCodes(ctx.world.media, params.file, ctx.selfId),
  }),
  defineAction({
    name: '.get_word_slices',
    origin: 'go-cqhttp',
    summary: 'Split text into words (Chinese by its dictionary, other scripts at spaces); punctuation left out',
    params: P.object({ content: P.str('The text') }),
    result: Type.Object({ slices: Type.Array(Type.String()) }),
    handler(_ctx, params) {
      const words = wordSegmenter.segment(params.content);
      return { slices: [...words].filter((word) => word.isWordLike).map((word) => word.segment) };
    },
  }),
];

/** ICU's Chinese word breaker (dictionary based), which Node ships. */
const wordSegmenter = new Intl.Segmenter('zh', { granularity: 'word' });
