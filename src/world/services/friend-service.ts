import { fail, WorldError } from '../errors.js';
import type { FriendCategory, Friendship } from '../model.js';
import { defaultCategory } from './account-service.js';
import { emit, now, type ServiceContext } from './context.js';

export interface FriendOptions {
  /** How the first account sees the second. */
  readonly remark?: string;
  readonly categoryId?: number;
  /** How the second account sees the first. */
  readonly reverseRemark?: string;
  readonly reverseCategoryId?: number;
}

/**
 * Friendships and friend categories. QQ friendships are mutual; each side keeps its own remark
 * and category. A one-way entry (the other side deleted you) shows up in
 * get_unidirectional_friend_list and does not allow private messages.
 */
export class FriendService {
  constructor(private readonly ctx: ServiceContext) {}

  /** Everyone in `ownerId`'s friend list. */
  list(ownerId: number): Promise<Friendship[]> {
    return this.ctx.store.friends.list(ownerId);
  }

  get(ownerId: number, friendId: number): Promise<Friendship | undefined> {
    return this.ctx.store.friends.get(ownerId, friendId);
  }

  /** Mutual friends: both have the other in their list. */
  async areFriends(a: number, b: number): Promise<boolean> {
    const [ab, ba] = await Promise.all([this.ctx.store.friends.get(a, b), this.ctx.store.friends.get(b, a)]);
    return ab !== undefined && ba !== undefined;
  }

  /** Accounts that have `userId` in their list while `userId` does not have them. */
  async oneWayFollowers(userId: number): Promise<Friendship[]> {
    const followers = await this.ctx.store.friends.listFollowers(userId);
    const result: Friendship[] = [];
    for (const follower of followers) {
      if (!(await this.ctx.store.friends.get(userId, follower.ownerId))) result.push(follower);
    }
    return result;
  }

  /** The owner's categories; the default category (id 0) always exists. */
  async categories(ownerId: number): Promise<FriendCategory[]> {
    const categories = await this.ctx.store.friends.categories(ownerId);
    if (!categories.some((category) => category.categoryId === defaultCategory.categoryId)) {
      categories.unshift({ ownerId, ...defaultCategory });
    }
    return categories;
  }

  /** Finds a category by name, creating it (after the existing ones) if it does not exist. */
  async ensureCategory(ownerId: number, name: string): Promise<FriendCategory> {
    const categories = await this.categories(ownerId);
    const existing = categories.find((category) => category.name === name);
    if (existing) return existing;
    const nextId = Math.max(0, ...categories.map((category) => category.categoryId)) + 1;
    const nextSort = Math.max(0, ...categories.map((category) => category.sortId)) + 1;
    const category: FriendCategory = { ownerId, categoryId: nextId, name, sortId: nextSort };
    await this.ctx.store.friends.upsertCategory(category);
    emit(this.ctx, { type: 'category.changed', ownerId, audience: [] });
    return category;
  }

  /**
   * Makes `a` and `b` mutual friends (idempotent). Emits `friend.added` to both when the
   * friendship is new, and `friend.updated` when only a remark or category changed.
   */
  async befriend(a: number, b: number, options: FriendOptions = {}): Promise<void> {
    if (a === b) throw new WorldError('INVALID_ARGUMENT', `user ${a} cannot befriend themselves`);
    await Promise.all([this.requireAccount(a), this.requireAccount(b)]);
    await this.requireCategory(a, options.categoryId);
    await this.requireCategory(b, options.reverseCategoryId);
    const [ab, ba] = await Promise.all([this.ctx.store.friends.get(a, b), this.ctx.store.friends.get(b, a)]);
    const time = now(this.ctx);
    const next = (owner: number, friend: number, current: Friendship | undefined, remark?: string, categoryId?: number): Friendship => ({
      ownerId: owner,
      friendId: friend,
      remark: remark ?? current?.remark ?? '',
      categoryId: categoryId ?? current?.categoryId ?? defaultCategory.categoryId,
      since: current?.since ?? time,
    });
    const nextAb = next(a, b, ab, options.remark, options.categoryId);
    const nextBa = next(b, a, ba, options.reverseRemark, options.reverseCategoryId);
    const same = (x: Friendship | undefined, y: Friendship) => x !== undefined && x.remark === y.remark && x.categoryId === y.categoryId;
    if (same(ab, nextAb) && same(ba, nextBa)) return;
    await this.ctx.store.friends.putPair(nextAb, nextBa);
    if (!ab || !ba) {
      emit(this.ctx, { type: 'friend.added', userId: a, friendId: b, audience: [a, b] });
    } else {
      emit(this.ctx, { type: 'friend.updated', ownerId: a, friendId: b, audience: [] });
    }
  }

  /** Removes `friendId` from `ownerId`'s list, and from the other side too unless `oneWay`. */
  async unfriend(ownerId: number, friendId: number, oneWay = false): Promise<void> {
    const removed = await this.ctx.store.friends.remove(ownerId, friendId);
    const removedReverse = oneWay ? false : await this.ctx.store.friends.remove(friendId, ownerId);
    if (!removed && !removedReverse) {
      throw new WorldError('NOT_FRIENDS', `user ${friendId} is not in the friend list of ${ownerId}`, { ownerId, friendId });
    }
    emit(this.ctx, { type: 'friend.removed', userId: ownerId, friendId, audience: [] });
  }

  async setRemark(ownerId: number, friendId: number, remark: string): Promise<void> {
    const current = await this.requireFriendship(ownerId, friendId);
    if (current.remark === remark) return;
    await this.ctx.store.friends.put({ ...current, remark });
    emit(this.ctx, { type: 'friend.updated', ownerId, friendId, audience: [] });
  }

  async setCategory(ownerId: number, friendId: number, categoryId: number): Promise<void> {
    const current = await this.requireFriendship(ownerId, friendId);
    await this.requireCategory(ownerId, categoryId);
    if (current.categoryId === categoryId) return;
    await this.ctx.store.friends.put({ ...current, categoryId });
    emit(this.ctx, { type: 'friend.updated', ownerId, friendId, audience: [] });
  }

  private async requireFriendship(ownerId: number, friendId: number): Promise<Friendship> {
    const friendship = await this.ctx.store.friends.get(ownerId, friendId);
    if (!friendship) {
      throw new WorldError('NOT_FRIENDS', `user ${friendId} is not in the friend list of ${ownerId}`, { ownerId, friendId });
    }
    return friendship;
  }

  private async requireAccount(userId: number): Promise<void> {
    if (!(await this.ctx.store.accounts.get(userId))) throw fail.userNotFound(userId);
  }

  private async requireCategory(ownerId: number, categoryId: number | undefined): Promise<void> {
    if (categoryId === undefined || categoryId === defaultCategory.categoryId) return;
    const categories = await this.ctx.store.friends.categories(ownerId);
    if (!categories.some((category) => category.categoryId === categoryId)) {
      throw new WorldError('CATEGORY_NOT_FOUND', `user ${ownerId} has no friend category ${categoryId}`, { ownerId, categoryId });
    }
  }
}
