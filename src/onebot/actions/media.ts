import { Type } from '@sinclair/typebox';
import { WorldError } from '../../world/errors.js';
import type { MediaRef } from '../../world/messages/elements.js';
import { extensionOf } from '../../world/media/mime.js';
import { audioFormats, transcodeAudio, type AudioFormat } from '../../world/media/transcode.js';
import { defineAction, type ActionContext, type AnyActionSpec } from '../action.js';
import { badParams } from '../error-catalogue.js';
import { P } from '../schema.js';

const fileParams = {
  file: P.optional(P.str('The `file` of a received image/record/video, a file name, a file_id, or a Catnap media URL')),
  file_id: P.optional(P.str('The `file_id` of a received file (or any value `file` takes)')),
};

const fileResult = Type.Object({
  file: Type.String({ description: 'Local path of the stored bytes' }),
  url: Type.String({ description: 'Catnap’s URL of the bytes' }),
  file_size: Type.String(),
  file_name: Type.String(),
  base64: Type.Optional(Type.String({ description: 'get_record with out_format: the converted bytes' })),
});

/** Media Catnap handed out earlier, by any of the names it gave it. */
async function lookup(ctx: ActionContext, params: { file?: string; file_id?: string }): Promise<MediaRef> {
  const key = (params.file || params.file_id || '').trim();
  if (key === '') throw badParams('give file or file_id');
  const ref = await ctx.world.media.lookup(key, ctx.selfId);
  if (!ref)
    throw new WorldError(
      'FILE_NOT_FOUND',
      `no media or file is known as ${JSON.stringify(key.length > 80 ? `${key.slice(0, 77)}...` : key)}`,
    );
  return ref;
}

function describe(ctx: ActionContext, ref: MediaRef) {
  return {
    file: ctx.world.media.blobs.pathOf(ref.blobId),
    url: ctx.services.urls.media(ref.blobId, ref.name),
    file_size: String(ref.size),
    file_name: ref.name,
  };
}

export const mediaActions: AnyActionSpec[] = [
  defineAction({
    name: 'get_image',
    origin: 'onebot11',
    summary: 'Where a received image is stored',
    params: P.object(fileParams),
    result: fileResult,
    handler: async (ctx, params) => describe(ctx, await lookup(ctx, params)),
  }),
  defineAction({
    name: 'get_file',
    origin: 'napcat',
    summary: 'Where a received file (or any received media) is stored',
    params: P.object(fileParams),
    result: fileResult,
    handler: async (ctx, params) => describe(ctx, await lookup(ctx, params)),
  }),
  defineAction({
    name: 'get_record',
    origin: 'onebot11',
    summary: 'A received voice message, optionally converted to another audio format',
    description: `out_format: one of ${audioFormats.join(', ')}. The same format as stored needs nothing; another needs ffmpeg on the PATH.`,
    params: P.object({
      ...fileParams,
      out_format: P.optional(
        Type.Union(
          audioFormats.map((format) => Type.Literal(format)),
          { description: 'Audio format wanted' },
        ),
      ),
    }),
    result: fileResult,
    async handler(ctx, params) {
      const ref = await lookup(ctx, params);
      const format = params.out_format as AudioFormat | undefined;
      if (!format) return describe(ctx, ref);
      const bytes = await ctx.world.media.blobs.read(ref.blobId);
      const same = extensionOf(ref.mime) === format;
      const out = same
        ? ref
        : await ctx.world.media.put(await transcodeAudio(bytes, format), `${ref.name.replace(/\.[^.]*$/, '')}.${format}`);
      const outBytes = same ? bytes : await ctx.world.media.blobs.read(out.blobId);
      return { ...describe(ctx, out), base64: outBytes.toString('base64') };
    },
  }),
];
