import type { UploadStream, UploadStreamRepository } from '../upload-stream-store.js';
import type { SqliteDatabase } from './database.js';
import type { UnitJournal, WriteStatement } from './unit-journal.js';

interface Row {
  stream_id: string;
  owner_id: number;
  filename: string;
  total_chunks: number;
  file_size: number | null;
  expected_sha256: string | null;
  updated_at: number;
}

const toStream = (row: Row): UploadStream => ({
  streamId: row.stream_id,
  ownerId: row.owner_id,
  filename: row.filename,
  totalChunks: row.total_chunks,
  ...(row.file_size === null ? {} : { fileSize: row.file_size }),
  ...(row.expected_sha256 === null ? {} : { expectedSha256: row.expected_sha256 }),
  updatedAt: row.updated_at,
});

/** Chunked uploads in progress (migration 023). */
export class SqliteUploadStreamRepository implements UploadStreamRepository {
  readonly #insert: WriteStatement;
  readonly #touch: WriteStatement;
  readonly #putChunk: WriteStatement;
  readonly #deleteChunks: WriteStatement;
  readonly #delete: WriteStatement;
  readonly #get;
  readonly #indexes;
  readonly #bytes;
  readonly #chunks;
  readonly #owned;

  constructor(db: SqliteDatabase, journal: UnitJournal) {
    this.#insert = journal.write(
      'INSERT INTO upload_streams (stream_id, owner_id, filename, total_chunks, file_size, expected_sha256, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.#touch = journal.write('UPDATE upload_streams SET updated_at = ? WHERE stream_id = ?');
    this.#putChunk = journal.write('INSERT OR IGNORE INTO upload_chunks (stream_id, idx, bytes) VALUES (?, ?, ?)');
    this.#deleteChunks = journal.write('DELETE FROM upload_chunks WHERE stream_id = ?');
    this.#delete = journal.write('DELETE FROM upload_streams WHERE stream_id = ?');
    this.#get = db.prepare<[string], Row>('SELECT * FROM upload_streams WHERE stream_id = ?');
    this.#indexes = db.prepare<[string], { idx: number }>('SELECT idx FROM upload_chunks WHERE stream_id = ? ORDER BY idx');
    this.#bytes = db.prepare<[string], { total: number | null }>(
      'SELECT SUM(LENGTH(bytes)) AS total FROM upload_chunks WHERE stream_id = ?',
    );
    this.#chunks = db.prepare<[string], { bytes: Buffer }>('SELECT bytes FROM upload_chunks WHERE stream_id = ? ORDER BY idx');
    this.#owned = db.prepare<[number], Row>('SELECT * FROM upload_streams WHERE owner_id = ?');
  }

  get(streamId: string): UploadStream | undefined {
    const row = this.#get.get(streamId);
    return row && toStream(row);
  }

  insert(stream: UploadStream): void {
    this.#insert.run(
      stream.streamId,
      stream.ownerId,
      stream.filename,
      stream.totalChunks,
      stream.fileSize ?? null,
      stream.expectedSha256 ?? null,
      stream.updatedAt,
    );
  }

  touch(streamId: string, time: number): void {
    this.#touch.run(time, streamId);
  }

  chunkIndexes(streamId: string): number[] {
    return this.#indexes.all(streamId).map((row) => row.idx);
  }

  receivedBytes(streamId: string): number {
    return this.#bytes.get(streamId)?.total ?? 0;
  }

  putChunk(streamId: string, index: number, bytes: Buffer): void {
    this.#putChunk.run(streamId, index, bytes);
  }

  chunks(streamId: string): Buffer[] {
    return this.#chunks.all(streamId).map((row) => row.bytes);
  }

  delete(streamId: string): void {
    // Chunks first, through this repository, so no cascade writes behind its back.
    this.#deleteChunks.run(streamId);
    this.#delete.run(streamId);
  }

  ownedBy(ownerId: number): UploadStream[] {
    return this.#owned.all(ownerId).map(toStream);
  }
}
