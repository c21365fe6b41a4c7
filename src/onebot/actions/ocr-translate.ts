import { Type } from '@sinclair/typebox';
import { defineAction, type AnyActionSpec } from '../action.js';
import { P } from '../schema.js';

const point = Type.Object({ x: Type.Integer(), y: Type.Integer() });

/** OCR (a local PaddleOCR engine) and English-to-Chinese translation. */
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
];
