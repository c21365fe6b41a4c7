import { createHash } from 'node:crypto';
import { WorldError } from '../errors.js';
import type { MediaService } from '../media/media-service.js';
import type { AccountService } from '../services/account-service.js';
import { now, transaction, type ServiceContext } from '../services/context.js';
import type { Collection, CustomFace } from './records.js';

/** QQ's collection type of a text favourite (create_collection makes these). */
export const textCollectionCategory = 1;
/** How many favourite stickers an ordinary account may keep. */
export const customFaceLimit = 300;

export interface NewCustomFace {
  readonly source: string;
  readonly name?: string;
  readonly packageId?: number;
  readonly isMarkFace?: boolean;
}

/** Which stickers to delete: by emoji id, resource id or md5 (any mix). */
export interface FaceSelector {
  readonly emojiIds?: readonly number[];
  readonly resIds?: readonly string[];
  readonly md5s?: readonly string[];
}

/** An account's favourites (收藏) and favourite stickers (收藏表情). */
export class FavoritesService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly media: MediaService,
    private readonly accounts: AccountService,
  ) {}

  createCollection(ownerId: number, rawData: string, brief: string): Promise<Collection> {
    return transaction(this.ctx, () => {
      this.accounts.require(ownerId);
      if (rawData.trim() === '') throw new WorldError('INVALID_ARGUMENT', 'rawData (the text to collect) cannot be empty');
      return this.ctx.store.collections.insert({ ownerId, category: textCollectionCategory, rawData, brief, createTime: now(this.ctx) });
    });
  }

  /** Newest first; `category` 0 = all. Also tells whether more remain. */
  listCollections(ownerId: number, category: number, count: number): { items: Collection[]; hasMore: boolean } {
    this.accounts.require(ownerId);
    const items = this.ctx.store.collections.list(ownerId, category, count + 1);
    return { items: items.slice(0, count), hasMore: items.length > count };
  }

  /** Adds a sticker; the image is read and hashed before the unit of work, which then checks and stores it. */
  async addCustomFace(ownerId: number, input: NewCustomFace): Promise<CustomFace> {
    this.accounts.require(ownerId);
    const ref = await this.media.ingest(input.source, ownerId, input.name);
    if (!ref.mime.startsWith('image/')) {
      throw new WorldError('MEDIA_UNREADABLE', `a sticker must be an image (png, jpeg, gif, webp or bmp); the file given is ${ref.mime}`);
    }
    const md5 = createHash('md5')
      .update(await this.media.blobs.read(ref.blobId))
      .digest('hex');
    return transaction(this.ctx, () => {
      this.accounts.require(ownerId);
      const existing = this.ctx.store.customFaces.findByMd5(ownerId, md5);
      if (existing) {
        throw new WorldError('ALREADY_EXISTS', `account ${ownerId} already has this sticker (emoji_id ${existing.emojiId})`, {
          emojiId: existing.emojiId,
        });
      }
      if (this.ctx.store.customFaces.count(ownerId) >= customFaceLimit) {
        throw new WorldError('LIMIT_REACHED', `account ${ownerId} already keeps ${customFaceLimit} stickers, QQ's maximum`);
      }
      return this.ctx.store.customFaces.insert({
        ownerId,
        blobId: ref.blobId,
        md5,
        resId: md5.toUpperCase(),
        name: ref.name,
        size: ref.size,
        description: '',
        packageId: input.packageId ?? 0,
        isMarkFace: input.isMarkFace ?? false,
        createTime: now(this.ctx),
      });
    });
  }

  listCustomFaces(ownerId: number, count: number): CustomFace[] {
    this.accounts.require(ownerId);
    return this.ctx.store.customFaces.list(ownerId, count);
  }

  /** Deletes the selected stickers; if any one is unknown, deletes none and names it. */
  deleteCustomFaces(ownerId: number, selector: FaceSelector): Promise<CustomFace[]> {
    return transaction(this.ctx, () => {
      this.accounts.require(ownerId);
      const found: CustomFace[] = [];
      const missing: string[] = [];
      const pick = (face: CustomFace | undefined, what: string) => {
        if (face) found.push(face);
        else missing.push(what);
      };
      const faces = this.ctx.store.customFaces;
      for (const emojiId of selector.emojiIds ?? []) pick(faces.get(ownerId, emojiId), `emoji_id ${emojiId}`);
      for (const resId of selector.resIds ?? []) pick(faces.findByResId(ownerId, resId), `res_id ${resId}`);
      for (const md5 of selector.md5s ?? []) pick(faces.findByMd5(ownerId, md5), `md5 ${md5}`);
      if (missing.length > 0) throw new WorldError('FILE_NOT_FOUND', `account ${ownerId} has no sticker with ${missing.join(', ')}`);
      if (found.length === 0) throw new WorldError('INVALID_ARGUMENT', 'name the stickers to delete (id, res_id or md5)');
      const unique = [...new Map(found.map((face) => [face.emojiId, face])).values()];
      faces.remove(
        ownerId,
        unique.map((face) => face.emojiId),
      );
      return unique;
    });
  }

  setCustomFaceDescription(ownerId: number, emojiId: number, description: string): Promise<CustomFace> {
    return transaction(this.ctx, () => {
      const face = this.ctx.store.customFaces.get(ownerId, emojiId);
      if (!face) throw new WorldError('FILE_NOT_FOUND', `account ${ownerId} has no sticker with emoji_id ${emojiId}`);
      this.ctx.store.customFaces.setDescription(ownerId, emojiId, description);
      return { ...face, description };
    });
  }
}
