/** An unfinished chunked upload (upload_file_stream). */
export interface UploadStream {
  readonly streamId: string;
  readonly ownerId: number;
  readonly filename: string;
  readonly totalChunks: number;
  readonly fileSize?: number;
  readonly expectedSha256?: string;
  /** Unix seconds of the last chunk (or of the start). */
  readonly updatedAt: number;
}

/** Chunked uploads in progress (migration 023). Writes run inside a unit of work. */
export interface UploadStreamRepository {
  get(streamId: string): UploadStream | undefined;
  insert(stream: UploadStream): void;
  touch(streamId: string, time: number): void;
  /** Indexes of the chunks received so far, ascending. */
  chunkIndexes(streamId: string): number[];
  /** Bytes received so far (all chunks). */
  receivedBytes(streamId: string): number;
  putChunk(streamId: string, index: number, bytes: Buffer): void;
  /** The chunks in order. */
  chunks(streamId: string): Buffer[];
  delete(streamId: string): void;
  /** Streams of one account. */
  ownedBy(ownerId: number): UploadStream[];
}
