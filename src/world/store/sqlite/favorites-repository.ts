import type { Collection, CustomFace } from '../../favorites/records.js';
import type { CollectionRepository, CustomFaceRepository } from '../extras-repositories.js';
import type { SqliteDatabase } from './database.js';

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
  constructor(private readonly db: SqliteDatabase) {}

  async insert(collection: Omit<Collection, 'collectionId'>): Promise<Collection> {
    const result = this.db
      .prepare('INSERT INTO collections (owner_id, category, raw_data, brief, create_time) VALUES (?, ?, ?, ?, ?)')
      .run(collection.ownerId, collection.category, collection.rawData, collection.brief, collection.createTime);
    return { collectionId: Number(result.lastInsertRowid), ...collection };
  }

  async list(ownerId: number, category: number, limit: number): Promise<Collection[]> {
    const where = category === 0 ? '' : 'AND category = @category';
    return this.db
      .prepare<{ ownerId: number; category: number; limit: number }, CollectionRow>(
        `SELECT * FROM collections WHERE owner_id = @ownerId ${where} ORDER BY collection_id DESC LIMIT @limit`,
      )
      .all({ ownerId, category, limit })
      .map(toCollection);
  }

  async count(ownerId: number, category: number): Promise<number> {
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
  constructor(private readonly db: SqliteDatabase) {}

  async insert(face: Omit<CustomFace, 'emojiId'>): Promise<CustomFace> {
    const result = this.db
      .prepare(
        `INSERT INTO custom_faces (owner_id, blob_id, md5, res_id, name, size, description, package_id, is_mark_face, create_time)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
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

  async list(ownerId: number, limit: number): Promise<CustomFace[]> {
    return this.db
      .prepare<[number, number], FaceRow>('SELECT * FROM custom_faces WHERE owner_id = ? ORDER BY emoji_id DESC LIMIT ?')
      .all(ownerId, limit)
      .map(toFace);
  }

  async findByMd5(ownerId: number, md5: string): Promise<CustomFace | undefined> {
    const row = this.db
      .prepare<[number, string], FaceRow>('SELECT * FROM custom_faces WHERE owner_id = ? AND md5 = ?')
      .get(ownerId, md5.toLowerCase());
    return row && toFace(row);
  }

  async get(ownerId: number, emojiId: number): Promise<CustomFace | undefined> {
    const row = this.db
      .prepare<[number, number], FaceRow>('SELECT * FROM custom_faces WHERE owner_id = ? AND emoji_id = ?')
      .get(ownerId, emojiId);
    return row && toFace(row);
  }

  async findByResId(ownerId: number, resId: string): Promise<CustomFace | undefined> {
    const row = this.db
      .prepare<[number, string], FaceRow>('SELECT * FROM custom_faces WHERE owner_id = ? AND res_id = ?')
      .get(ownerId, resId);
    return row && toFace(row);
  }

  async remove(ownerId: number, emojiIds: readonly number[]): Promise<number> {
    const statement = this.db.prepare('DELETE FROM custom_faces WHERE owner_id = ? AND emoji_id = ?');
    return this.db.transaction(() => emojiIds.reduce((sum, emojiId) => sum + statement.run(ownerId, emojiId).changes, 0))();
  }

  async setDescription(ownerId: number, emojiId: number, description: string): Promise<void> {
    this.db.prepare('UPDATE custom_faces SET description = ? WHERE owner_id = ? AND emoji_id = ?').run(description, ownerId, emojiId);
  }
}
