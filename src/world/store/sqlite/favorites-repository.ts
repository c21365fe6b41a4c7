import type { Collection, CustomFace } from '../../favorites/records.js';
import type { CollectionRepository, CustomFaceRepository } from '../favorites-store.js';
import type { SqliteDatabase } from './database.js';
import type { UnitJournal, WriteStatement } from './unit-journal.js';

interface CollectionRow {
  collection_id: number;
  owner_id: number;
  category: number;
  raw_data: string;
  brief: string;
  create_time: number;
}

const toCollection = (row: CollectionRow): Collection => ({
  collectionId: row.collection_id,
  ownerId: row.owner_id,
  category: row.category,
  rawData: row.raw_data,
  brief: row.brief,
  createTime: row.create_time,
});

export class SqliteCollectionRepository implements CollectionRepository {
  readonly #insert: WriteStatement;
  constructor(
    private readonly db: SqliteDatabase,
    journal: UnitJournal,
  ) {
    this.#insert = journal.write('INSERT INTO collections (owner_id, category, raw_data, brief, create_time) VALUES (?, ?, ?, ?, ?)');
  }

  insert(collection: Omit<Collection, 'collectionId'>): Collection {
    const result = this.#insert.run(collection.ownerId, collection.category, collection.rawData, collection.brief, collection.createTime);
    return { collectionId: Number(result.lastInsertRowid), ...collection };
  }

  list(ownerId: number, category: number, limit: number): Collection[] {
    const where = category === 0 ? '' : 'AND category = @category';
    return this.db
      .prepare<{ ownerId: number; category: number; limit: number }, CollectionRow>(
        `SELECT * FROM collections WHERE owner_id = @ownerId ${where} ORDER BY collection_id DESC LIMIT @limit`,
      )
      .all({ ownerId, category, limit })
      .map(toCollection);
  }

  count(ownerId: number, category: number): number {
    const where = category === 0 ? '' : 'AND category = @category';
    return this.db
      .prepare<{ ownerId: number; category: number }, { n: number }>(
        `SELECT COUNT(*) AS n FROM collections WHERE owner_id = @ownerId ${where}`,
      )
      .get({ ownerId, category })!.n;
  }
}

interface FaceRow {
  emoji_id: number;
  owner_id: number;
  blob_id: string;
  md5: string;
  res_id: string;
  name: string;
  size: number;
  description: string;
  package_id: number;
  is_mark_face: number;
  create_time: number;
}

const toFace = (row: FaceRow): CustomFace => ({
  emojiId: row.emoji_id,
  ownerId: row.owner_id,
  blobId: row.blob_id,
  md5: row.md5,
  resId: row.res_id,
  name: row.name,
  size: row.size,
  description: row.description,
  packageId: row.package_id,
  isMarkFace: row.is_mark_face === 1,
  createTime: row.create_time,
});

export class SqliteCustomFaceRepository implements CustomFaceRepository {
  readonly #insert: WriteStatement;
  readonly #remove: WriteStatement;
  readonly #describe: WriteStatement;
  constructor(
    private readonly db: SqliteDatabase,
    journal: UnitJournal,
  ) {
    this.#insert = journal.write(`INSERT INTO custom_faces (owner_id, blob_id, md5, res_id, name, size, description, package_id,
      is_mark_face, create_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.#remove = journal.write('DELETE FROM custom_faces WHERE owner_id = ? AND emoji_id = ?');
    this.#describe = journal.write('UPDATE custom_faces SET description = ? WHERE owner_id = ? AND emoji_id = ?');
  }

  insert(face: Omit<CustomFace, 'emojiId'>): CustomFace {
    const result = this.#insert.run(
      face.ownerId,
      face.blobId,
      face.md5,
      face.resId,
      face.name,
      face.size,
      face.description,
      face.packageId,
      face.isMarkFace ? 1 : 0,
      face.createTime,
    );
    return { emojiId: Number(result.lastInsertRowid), ...face };
  }

  list(ownerId: number, limit: number): CustomFace[] {
    return this.db
      .prepare<[number, number], FaceRow>('SELECT * FROM custom_faces WHERE owner_id = ? ORDER BY emoji_id DESC LIMIT ?')
      .all(ownerId, limit)
      .map(toFace);
  }

  findByMd5(ownerId: number, md5: string): CustomFace | undefined {
    const row = this.db
      .prepare<[number, string], FaceRow>('SELECT * FROM custom_faces WHERE owner_id = ? AND md5 = ?')
      .get(ownerId, md5.toLowerCase());
    return row && toFace(row);
  }

  get(ownerId: number, emojiId: number): CustomFace | undefined {
    const row = this.db
      .prepare<[number, number], FaceRow>('SELECT * FROM custom_faces WHERE owner_id = ? AND emoji_id = ?')
      .get(ownerId, emojiId);
    return row && toFace(row);
  }

  findByResId(ownerId: number, resId: string): CustomFace | undefined {
    const row = this.db
      .prepare<[number, string], FaceRow>('SELECT * FROM custom_faces WHERE owner_id = ? AND res_id = ?')
      .get(ownerId, resId);
    return row && toFace(row);
  }

  count(ownerId: number): number {
    return this.db.prepare<[number], { n: number }>('SELECT count(*) AS n FROM custom_faces WHERE owner_id = ?').get(ownerId)!.n;
  }

  remove(ownerId: number, emojiIds: readonly number[]): number {
    return emojiIds.reduce((sum, emojiId) => sum + this.#remove.run(ownerId, emojiId).changes, 0);
  }

  setDescription(ownerId: number, emojiId: number, description: string): void {
    this.#describe.run(description, ownerId, emojiId);
  }
}
