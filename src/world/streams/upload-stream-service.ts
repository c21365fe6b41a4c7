import { createHash } from 'node:crypto';
import { WorldError } from '../errors.js';
import type { MediaRef } from '../messages/elements.js';
import type { MediaService } from '../media/media-service.js';
import { now, transaction, type ServiceContext } from '../services/context.js';
import type { UploadStream } from '../store/upload-stream-store.js';

/** One call of upload_file_stream, as NapCat's params say it. */
export interface StreamCall {
  readonly streamId: string;
  readonly chunkData?: string;
  readonly chunkIndex?: number;
  readonly totalChunks?: number;
  readonly fileSize?: number;
  readonly expectedSha256?: string;
  readonly isComplete?: boolean;
  readonly filename?: string;
  readonly reset?: boolean;
  readonly verifyOnly?: boolean;
}

/** Where a stream stands after a call; `file` once it is complete. */
export interface StreamProgress {
  readonly streamId: string;
  readonly status: 'file_created' | 'chunk_received' | 'file_complete' | 'reset';
  readonly receivedChunks: number;
  readonly totalChunks: number;
  readonly file?: { readonly ref: MediaRef; readonly sha256?: string };
}

/** NapCat drops a stream nobody has sent a chunk to for ten minutes. */
export const streamIdleSeconds = 600;
const maxChunks = 100_000;

/**
 * NapCat's chunked upload (upload_file_stream): an account opens a stream with its chunk count,
 * sends base64 chunks in any order (a repeated chunk is ignored), and completes it; the chunks
 * are joined, checked against the expected SHA-256 when one was given, and stored in the media
 * store, where the answered path names the file. Streams are the account's own (another
 * account's stream id is unknown to it), persist across restarts, and are dropped after ten idle
 * minutes of world time. The whole upload is bounded by media.maxBytes.
 */
export class UploadStreamService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly media: MediaService,
  ) {}

  async call(ownerId: number, call: StreamCall): Promise<StreamProgress> {
    if (call.reset) {
      return transaction(this.ctx, () => {
        const stream = this.#live(ownerId, call.streamId);
        if (stream) this.ctx.store.uploadStreams.delete(stream.streamId);
        return { streamId: call.streamId, status: 'reset', receivedChunks: 0, totalChunks: stream?.totalChunks ?? 0 };
      });
    }
    if (call.verifyOnly) return this.#progress(this.#require(ownerId, call.streamId), 'file_created');
    const chunk = call.chunkData !== undefined && call.chunkIndex !== undefined ? decodeChunk(call.chunkData) : undefined;
    const stream = await transaction(this.ctx, () => {
      const stream = this.#live(ownerId, call.streamId) ?? this.#open(ownerId, call);
      if (chunk && call.chunkIndex !== undefined) {
        if (call.chunkIndex < 0 || call.chunkIndex >= stream.totalChunks) {
          throw new WorldError('INVALID_ARGUMENT', `chunk_index ${call.chunkIndex} is outside 0..${stream.totalChunks - 1}`);
        }
        if (!this.ctx.store.uploadStreams.chunkIndexes(stream.streamId).includes(call.chunkIndex)) {
          if (this.ctx.store.uploadStreams.receivedBytes(stream.streamId) + chunk.length > this.media.limits.maxBytes) {
            throw new WorldError('MEDIA_TOO_LARGE', `the upload is larger than the limit of ${this.media.limits.maxBytes} bytes`);
          }
          this.ctx.store.uploadStreams.putChunk(stream.streamId, call.chunkIndex, chunk);
          this.ctx.store.uploadStreams.touch(stream.streamId, now(this.ctx));
        }
      }
      return stream;
    });
    if (chunk) return this.#progress(stream, 'chunk_received');
    const received = this.ctx.store.uploadStreams.chunkIndexes(stream.streamId).length;
    if (call.isComplete || received === stream.totalChunks) return this.#complete(ownerId, stream.streamId);
    return this.#progress(stream, 'file_created');
  }

  /** Drops every unfinished stream of the account (clean_stream_temp_file); answers how many. */
  clean(ownerId: number): Promise<number> {
    return transaction(this.ctx, () => {
      const streams = this.ctx.store.uploadStreams.ownedBy(ownerId);
      for (const stream of streams) this.ctx.store.uploadStreams.delete(stream.streamId);
      return streams.length;
    });
  }

  /**
   * Joins the chunks and takes the stream in one unit, then stores the bytes. Taken in the unit
   * that read them, so two completes of one stream do not both succeed, and a complete never
   * deletes a stream that a reset and a new start put under the same id while the bytes were being
   * stored (that one's chunks would be lost).
   */
  async #complete(ownerId: number, streamId: string): Promise<StreamProgress> {
    const { stream, bytes, sha256 } = await transaction(this.ctx, () => {
      const stream = this.#require(ownerId, streamId);
      const indexes = this.ctx.store.uploadStreams.chunkIndexes(stream.streamId);
      const missing = Array.from({ length: stream.totalChunks }, (_, index) => index).filter((index) => !indexes.includes(index));
      if (missing.length > 0) {
        throw new WorldError('INVALID_ARGUMENT', `stream ${stream.streamId} is missing chunks ${missing.slice(0, 10).join(', ')}`);
      }
      const bytes = Buffer.concat(this.ctx.store.uploadStreams.chunks(stream.streamId));
      // The hash is checked before anything is stored, and only when one was promised: storing
      // hashes the bytes again anyway (a blob id is their SHA-256), and this runs inside the unit.
      const sha256 = stream.expectedSha256 === undefined ? undefined : createHash('sha256').update(bytes).digest('hex');
      if (sha256 !== undefined && stream.expectedSha256!.toLowerCase() !== sha256) {
        throw new WorldError('INVALID_ARGUMENT', `SHA256 mismatch: expected ${stream.expectedSha256}, got ${sha256}`);
      }
      this.ctx.store.uploadStreams.delete(stream.streamId);
      return { stream, bytes, sha256 };
    });
    const ref = await this.media.put(bytes, stream.filename);
    return {
      ...this.#progress(stream, 'file_complete', stream.totalChunks),
      file: { ref, ...(sha256 !== undefined && { sha256 }) },
    };
  }

  #progress(stream: UploadStream, status: StreamProgress['status'], received?: number): StreamProgress {
    return {
      streamId: stream.streamId,
      status,
      receivedChunks: received ?? this.ctx.store.uploadStreams.chunkIndexes(stream.streamId).length,
      totalChunks: stream.totalChunks,
    };
  }

  #open(ownerId: number, call: StreamCall): UploadStream {
    if (!this.ctx.store.accounts.get(ownerId)) throw new WorldError('USER_NOT_FOUND', `user ${ownerId} does not exist`);
    const other = this.ctx.store.uploadStreams.get(call.streamId);
    if (other && other.ownerId !== ownerId) {
      throw new WorldError('CONFLICT', `stream id ${call.streamId} is taken; choose another (a uuid)`);
    }
    if (other) this.ctx.store.uploadStreams.delete(other.streamId); // idle for too long: start again
    if (call.totalChunks === undefined) throw new WorldError('INVALID_ARGUMENT', 'total_chunks is required to start a new stream');
    if (call.totalChunks < 1 || call.totalChunks > maxChunks) {
      throw new WorldError('INVALID_ARGUMENT', `total_chunks must be between 1 and ${maxChunks}`);
    }
    if (call.fileSize !== undefined && call.fileSize > this.media.limits.maxBytes) {
      throw new WorldError('MEDIA_TOO_LARGE', `file_size ${call.fileSize} is over the limit of ${this.media.limits.maxBytes} bytes`);
    }
    if (call.expectedSha256 !== undefined && !/^[0-9a-f]{64}$/i.test(call.expectedSha256)) {
      throw new WorldError('INVALID_ARGUMENT', 'expected_sha256 must be 64 hexadecimal digits');
    }
    const filename = (call.filename ?? '').trim();
    if (/[/\\\0]/.test(filename) || filename.length > 255) {
      throw new WorldError('INVALID_ARGUMENT', `the file name ${JSON.stringify(call.filename)} is too long or contains "/", "\\" or NUL`);
    }
    const stream: UploadStream = {
      streamId: call.streamId,
      ownerId,
      filename: filename || `upload_${call.streamId}`,
      totalChunks: call.totalChunks,
      ...(call.fileSize !== undefined ? { fileSize: call.fileSize } : {}),
      ...(call.expectedSha256 !== undefined ? { expectedSha256: call.expectedSha256.toLowerCase() } : {}),
      updatedAt: now(this.ctx),
    };
    this.ctx.store.uploadStreams.insert(stream);
    return stream;
  }

  /** The account's stream, unless it has been idle too long (then it is as good as gone). */
  #live(ownerId: number, streamId: string): UploadStream | undefined {
    const stream = this.ctx.store.uploadStreams.get(streamId);
    if (!stream || stream.ownerId !== ownerId || now(this.ctx) - stream.updatedAt > streamIdleSeconds) return undefined;
    return stream;
  }

  #require(ownerId: number, streamId: string): UploadStream {
    const stream = this.#live(ownerId, streamId);
    if (!stream)
      throw new WorldError('FILE_NOT_FOUND', `no upload stream ${streamId} of this account (streams idle for ten minutes are dropped)`);
    return stream;
  }
}

function decodeChunk(data: string): Buffer {
  const compact = data.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 === 1) {
    throw new WorldError('INVALID_ARGUMENT', 'chunk_data is not base64');
  }
  return Buffer.from(compact, 'base64');
}
