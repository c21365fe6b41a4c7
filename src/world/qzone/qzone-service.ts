import { WorldError, fail } from '../errors.js';
import type { MediaService } from '../media/media-service.js';
import { now, transaction, type ServiceContext } from '../services/context.js';
import type { FriendService } from '../services/friend-service.js';
import { qzoneRights, type QzoneImage, type QzonePost, type QzoneRight } from './qzone-model.js';

export const qzoneLimits = { contentLength: 10000, images: 9 } as const;

export interface NewQzonePost {
  readonly content: string;
  /** Media sources, read and stored before the unit of work. */
  readonly images?: readonly string[];
  readonly right?: number;
  readonly targets?: readonly number[];
}

/**
 * QZone posts (说说): an account posts and deletes its own; who may read one follows its
 * visibility (`ugc_right`) and the poster's friends at the time of reading, as QZone shows it.
 */
export class QzoneService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly friends: FriendService,
    private readonly media: MediaService,
  ) {}

  async post(actor: number, input: NewQzonePost): Promise<QzonePost> {
    const right = (input.right ?? 1) as QzoneRight;
    if (!qzoneRights.includes(right)) throw fail.invalid(`ugc_right must be one of ${qzoneRights.join(', ')}`);
    const targets = [...new Set(input.targets ?? [])];
    if ((right === 16 || right === 128) && targets.length === 0) throw fail.invalid('ugc_right 16 and 128 need target_uins');
    const sources = input.images ?? [];
    if (input.content.trim() === '' && sources.length === 0) throw fail.invalid('a post needs some text or an image');
    if ([...input.content].length > qzoneLimits.contentLength)
      throw fail.invalid(`a post has at most ${qzoneLimits.contentLength} characters`);
    if (sources.length > qzoneLimits.images) throw fail.invalid(`a post has at most ${qzoneLimits.images} images`);
    this.requireAccount(actor);
    const images: QzoneImage[] = [];
    for (const source of sources) {
      const ref = await this.media.ingest(source, actor);
      if (!ref.mime.startsWith('image/')) throw new WorldError('MEDIA_UNREADABLE', `a QZone post shows images, not ${ref.mime}`);
      const size = await this.media.imageSizeOf(ref.blobId);
      images.push({ blobId: ref.blobId, name: ref.name, ...size });
    }
    return transaction(this.ctx, () => {
      this.requireAccount(actor);
      const post: QzonePost = {
        tid: this.ctx.random.uuid().replace(/-/g, '').slice(0, 24),
        ownerId: actor,
        content: input.content,
        images,
        right,
        targets: right === 16 || right === 128 ? targets : [],
        createTime: now(this.ctx),
      };
      this.ctx.store.qzone.insert(post);
      return post;
    });
  }

  remove(actor: number, tid: string): Promise<void> {
    return transaction(this.ctx, () => {
      const post = this.ctx.store.qzone.get(tid);
      if (!post || post.ownerId !== actor) {
        throw new WorldError('QZONE_POST_NOT_FOUND', `account ${actor} has no QZone post ${tid}`, { tid });
      }
      this.ctx.store.qzone.remove(tid);
    });
  }

  /** `ownerId`'s posts that `viewerId` may read, newest first. */
  feed(viewerId: number, ownerId: number): QzonePost[] {
    this.requireAccount(ownerId);
    return this.ctx.store.qzone.listByOwner(ownerId).filter((post) => this.canSee(viewerId, post));
  }

  canSee(viewerId: number, post: QzonePost): boolean {
    if (viewerId === post.ownerId) return true;
    switch (post.right) {
      case 1:
        return true;
      case 64:
        return false;
      case 4:
        return this.friends.areFriends(post.ownerId, viewerId);
      case 16:
        return this.friends.areFriends(post.ownerId, viewerId) && post.targets.includes(viewerId);
      case 128:
        return this.friends.areFriends(post.ownerId, viewerId) && !post.targets.includes(viewerId);
    }
  }

  private requireAccount(userId: number): void {
    if (!this.ctx.store.accounts.get(userId)) throw fail.userNotFound(userId);
  }
}
