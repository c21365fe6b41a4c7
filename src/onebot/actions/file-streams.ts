import { Type } from '@sinclair/typebox';
import { WorldError } from '../../world/errors.js';
import { imageSize } from '../../world/media/image-size.js';
import type { MediaRef } from '../../world/messages/elements.js';
import { defineAction, type ActionContext, type AnyActionSpec } from '../action.js';
import { badParams } from '../error-catalogue.js';
import { P } from '../schema.js';

/**
 * NapCat's stream transfer. A stream action answers with NapCat's stream packets: over the HTTP
 * API each packet is a whole envelope followed by "\r\n\r\n" in one chunked response, over a
 * WebSocket each is a frame with the call's echo; the last one (`data.type` "response") ends the
 * call, and every envelope carries `stream: "stream-action"`.
 */

const defaultChunk = 64 * 1024;
const downloadParams = {
  file: P.optional(
    P.str('The file: a file id, a received `file`, a Catnap media URL or path, base64://, a URL, or a path under media.fileRoots'),
  ),
  file_id: P.optional(P.str('Same as file')),
  chunk_size: P.optional(P.int('Bytes per chunk (default 65536)', { minimum: 1, maximum: 8 * 1024 * 1024 })),
};

const DownloadComplete = Type.Object({
  type: Type.Literal('response'),
  data_type: Type.Literal('file_complete'),
  total_chunks: Type.Integer(),
  total_bytes: Type.Integer(),
  message: Type.String(),
});

/** Resolves the file (as the account may see it), announces it, streams its chunks, and answers the closing packet. */
async function streamDownload(
  ctx: ActionContext,
  params: { file?: string; file_id?: string; chunk_size?: number },
  info: (ref: MediaRef, bytes: Buffer) => Record<string, unknown>,
) {
  const source = params.file || params.file_id;
  if (!source) throw badParams('file or file_id: one is required');
  if (!ctx.stream) {
    throw new WorldError('UNSUPPORTED', 'this action answers in stream packets: call it over the HTTP API or a WebSocket');
  }
  const chunkSize = params.chunk_size ?? defaultChunk;
  const ref = await ctx.world.media.ingest(source, ctx.selfId);
  const bytes = await ctx.world.media.blobs.read(ref.blobId);
  await ctx.stream({
    type: 'stream',
    data_type: 'file_info',
    file_name: ref.name,
    file_size: ref.size,
    chunk_size: chunkSize,
    ...info(ref, bytes),
  });
  let index = 0;
  for (let offset = 0; offset < bytes.length; offset += chunkSize, index++) {
    const chunk = bytes.subarray(offset, offset + chunkSize);
    const data = chunk.toString('base64');
    await ctx.stream({
      type: 'stream',
      data_type: 'file_chunk',
      index,
      data,
      size: chunk.length,
      progress: Math.round(((offset + chunk.length) / bytes.length) * 100),
      base64_size: data.length,
    });
  }
  return {
    type: 'response' as const,
    data_type: 'file_complete' as const,
    total_chunks: index,
    total_bytes: bytes.length,
    message: 'Download completed',
  };
}

export const fileStreamActions: AnyActionSpec[] = [
  defineAction({
    name: 'upload_file_stream',
    origin: 'napcat',
    stream: true,
    summary: 'Upload a file in base64 chunks (any order), checked against its SHA-256; the last call answers a path to send it by',
    params: P.object({
      stream_id: P.str('Your id for this upload (a uuid)', { minLength: 1, maxLength: 128 }),
      chunk_data: P.optional(P.str('One chunk, base64')),
      chunk_index: P.optional(P.int('Its index, from 0', { minimum: 0 })),
      total_chunks: P.optional(P.int('How many chunks (required to start a stream)', { minimum: 1 })),
      file_size: P.optional(P.int('Total bytes', { minimum: 0 })),
      expected_sha256: P.optional(P.str('SHA-256 the joined file must have (hex)')),
      is_complete: P.optional(P.bool('Join the chunks now')),
      filename: P.optional(P.str('File name to keep')),
      reset: P.optional(P.bool('Drop the stream')),
      verify_only: P.optional(P.bool('Only report where the stream stands')),
      file_retention: P.optional(P.int('Ignored: finished files stay in the media store')),
    }),
    result: Type.Object({
      type: Type.Union([Type.Literal('stream'), Type.Literal('response'), Type.Literal('reset')]),
      stream_id: Type.String(),
      status: Type.Union([
        Type.Literal('file_created'),
        Type.Literal('chunk_received'),
        Type.Literal('file_complete'),
        Type.Literal('reset'),
      ]),
      received_chunks: Type.Integer(),
      total_chunks: Type.Integer(),
      file_path: Type.Optional(Type.String()),
      file_size: Type.Optional(Type.Integer()),
      sha256: Type.Optional(Type.String()),
    }),
    async handler(ctx, params) {
      if (params.chunk_data !== undefined && params.chunk_index === undefined) throw badParams('chunk_index: is required with chunk_data');
      const progress = await ctx.world.uploadStreams.call(ctx.selfId, {
        streamId: params.stream_id,
        chunkData: params.chunk_data,
        chunkIndex: params.chunk_index,
        totalChunks: params.total_chunks,
        fileSize: params.file_size,
        expectedSha256: params.expected_sha256,
        isComplete: params.is_complete,
        filename: params.filename,
        reset: params.reset,
        verifyOnly: params.verify_only,
      });
      const base = {
        stream_id: progress.streamId,
        status: progress.status,
        received_chunks: progress.receivedChunks,
        total_chunks: progress.totalChunks,
      };
      if (progress.status === 'reset') return { type: 'reset' as const, ...base };
      if (!progress.file) return { type: 'stream' as const, ...base };
      const { ref, sha256 } = progress.file;
      return {
        type: 'response' as const,
        ...base,
        file_path: ctx.world.media.blobs.pathOf(ref.blobId),
        file_size: ref.size,
        ...(sha256 !== undefined ? { sha256 } : {}),
      };
    },
  }),
  defineAction({
    name: 'download_file_stream',
    origin: 'napcat',
    stream: true,
    summary: 'Download a file the account may see as stream packets: file_info, base64 file_chunks, then file_complete',
    params: P.object(downloadParams),
    result: DownloadComplete,
    handler: (ctx, params) => streamDownload(ctx, params, () => ({})),
  }),
  defineAction({
    name: 'download_file_image_stream',
    origin: 'napcat',
    stream: true,
    summary: 'download_file_stream for an image: file_info also gives its width and height',
    params: P.object(downloadParams),
    result: DownloadComplete,
    handler: (ctx, params) => streamDownload(ctx, params, (_ref, bytes) => ({ ...(imageSize(bytes) ?? { width: 0, height: 0 }) })),
  }),
  defineAction({
    name: 'download_file_record_stream',
    origin: 'napcat',
    stream: true,
    summary: 'download_file_stream for a voice record; Catnap converts no audio, so out_format must be the record’s own',
    params: P.object({ ...downloadParams, out_format: P.optional(P.str('Wanted format (mp3, amr, wav, ...); only the record’s own')) }),
    result: DownloadComplete,
    handler: (ctx, params) =>
      streamDownload(ctx, params, (ref) => {
        const own = /\.([a-z0-9]+)$/i.exec(ref.name)?.[1]?.toLowerCase() ?? ref.mime.split('/')[1] ?? '';
        if (params.out_format !== undefined && params.out_format.toLowerCase() !== own) {
          throw new WorldError(
            'UNSUPPORTED',
            `Catnap converts no audio: this record is ${own || 'of an unknown format'}, not ${params.out_format}`,
          );
        }
        return { out_format: params.out_format ?? own };
      }),
  }),
  defineAction({
    name: 'clean_stream_temp_file',
    origin: 'napcat',
    summary: "Drop the account's unfinished upload streams",
    params: P.object({}),
    result: Type.Null(),
    async handler(ctx) {
      await ctx.world.uploadStreams.clean(ctx.selfId);
      return null;
    },
  }),
];
