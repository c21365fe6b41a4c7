import type { TranscriptRepository } from '../transcript-store.js';
import type { SqliteDatabase } from './database.js';
import type { UnitJournal, WriteStatement } from './unit-journal.js';

/** Record transcripts (migration 022). */
export class SqliteTranscriptRepository implements TranscriptRepository {
  readonly #set: WriteStatement;
  readonly #get;

  constructor(db: SqliteDatabase, journal: UnitJournal) {
    this.#set = journal.write('INSERT OR REPLACE INTO record_transcripts (blob_id, text, time) VALUES (?, ?, ?)');
    this.#get = db.prepare<[string], { text: string }>('SELECT text FROM record_transcripts WHERE blob_id = ?');
  }

  get(blobId: string): string | undefined {
    return this.#get.get(blobId)?.text;
  }

  set(blobId: string, text: string, time: number): void {
    this.#set.run(blobId, text, time);
  }
}
