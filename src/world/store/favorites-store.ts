import type { Collection, CustomFace } from '../favorites/records.js';

/** An account's favourites (collections) and favourite stickers. Writes run inside a unit of work. */
export interface CollectionRepository {
  insert(collection: Omit<Collection, 'collectionId'>): Collection;
  /** Newest first; `category` 0 = every category. */
  list(ownerId: number, category: number, limit: number): Collection[];
  count(ownerId: number, category: number): number;
}

export interface CustomFaceRepository {
  insert(face: Omit<CustomFace, 'emojiId'>): CustomFace;
  /** Newest first. */
  list(ownerId: number, limit: number): CustomFace[];
  count(ownerId: number): number;
  findByMd5(ownerId: number, md5: string): CustomFace | undefined;
  get(ownerId: number, emojiId: number): CustomFace | undefined;
  findByResId(ownerId: number, resId: string): CustomFace | undefined;
  remove(ownerId: number, emojiIds: readonly number[]): number;
  setDescription(ownerId: number, emojiId: number, description: string): void;
}
