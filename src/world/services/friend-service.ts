import { fail, WorldError } from '../errors.js';
import type { FriendCategory, Friendship } from '../model.js';
import { defaultCategory } from './account-service.js';
import { now, transaction, type ServiceContext, type Tx } from './context.js';

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
  list(ownerId: number): Friendship[] {
    return this.ctx.store.friends.list(ownerId);
  }

  get(ownerId: number, friendId: number): Friendship | undefined {
    return this.ctx.store.friends.get(ownerId, friendId);
  }

  /** Mutual friends: both have the other in their list. */
  areFriends(a: number, b: number): boolean {
    return this.ctx.store.friends.get(a, b) !== undefined && this.ctx.store.friends.get(b, a) !== undefined;
  }

  /** Accounts that have `userId` in their list while `userId` does not have them. */
  oneWayFollowers(userId: number): Friendship[] {
    return this.ctx.store.friends.listFollowers(userId).filter((follower) => !this.ctx.store.friends.get(userId, follower.ownerId));
  }

  /** The owner's categories; the default category (id 0) always exists. */
  categories(ownerId: number): FriendCategory[] {
    const categories = this.ctx.store.friends.categories(ownerId);
    if (!categories.some((category) => category.categoryId === defaultCategory.categoryId)) {
      categories.unshift({ ownerId, ...defaultCategory });
    }
    return categories;
  }

  /** Finds a category by name, creating it (after the existing ones) if it does not exist. */
  ensureCategory(ownerId: number, name: string): Promise<FriendCategory> {
    return transaction(this.ctx, (tx) => this.ensureCategoryIn(tx, ownerId, name));
  }

  /** `ensureCategory` inside a unit of work. */
  ensureCategoryIn(tx: Tx, ownerId: number, name: string): FriendCategory {
    const categories = this.categories(ownerId);
    const existing = categories.find((category) => category.name === name);
    if (existing) return existing;
    const nextId = Math.max(0, ...categories.map((category) => category.categoryId)) + 1;
    const nextSort = Math.max(0, ...categories.map((category) => category.sortId)) + 1;
    const category: FriendCategory = { ownerId, categoryId: nextId, name, sortId: nextSort };
    this.ctx.store.friends.upsertCategory(category);
    tx.emit({ type: 'category.changed', ownerId, audience: [] });
    return category;
  }

  /**
   * Makes `a` and `b` mutual friends (idempotent). Emits `friend.added` to both when the
   * friendship is new, and `friend.updated` when only a remark or category changed.
   */
  befriend(a: number, b: number, options: FriendOptions = {}): Promise<void> {
    return transaction(this.ctx, (tx) => this.befriendIn(tx, a, b, options));
  }

  /** `befriend` inside a unit of work. */
  befriendIn(tx: Tx, a: number, b: number, options: FriendOptions = {}): void {
    if (a === b) throw new WorldError('INVALID_ARGUMENT', `user ${a} cannot befriend themselves`);
    this.requireAccount(a);
    this.requireAccount(b);
    this.requireCategory(a, options.categoryId);
    this.requireCategory(b, options.reverseCategoryId);
    const ab = this.ctx.store.friends.get(a, b);
    const ba = this.ctx.store.friends.get(b, a);
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
    this.ctx.store.friends.put(nextAb);
    this.ctx.store.friends.put(nextBa);
    if (!ab || !ba) tx.emit({ type: 'friend.added', userId: a, friendId: b, audience: [a, b] });
    else tx.emit({ type: 'friend.updated', ownerId: a, friendId: b, audience: [] });
  }

  /** Removes `friendId` from `ownerId`'s list, and from the other side too unless `oneWay`. */
  unfriend(ownerId: number, friendId: number, oneWay = false): Promise<void> {
    return transaction(this.ctx, (tx) => this.unfriendIn(tx, ownerId, friendId, oneWay));
  }

  /** `unfriend` inside a unit of work. */
  unfriendIn(tx: Tx, ownerId: number, friendId: number, oneWay = false): void {
    const removed = this.ctx.store.friends.remove(ownerId, friendId);
    const removedReverse = oneWay ? false : this.ctx.store.friends.remove(friendId, ownerId);
    if (!removed && !removedReverse) {
      throw new WorldError('NOT_FRIENDS', `user ${friendId} is not in the friend list of ${ownerId}`, { ownerId, friendId });
    }
    tx.emit({ type: 'friend.removed', userId: ownerId, friendId, audience: [] });
  }

  /**
   * Drops a one-way friend (删除单向好友): `followerId` keeps `userId` in its list while `userId`
   * removed them; afterwards neither lists the other.
   */
  dropFollower(userId: number, followerId: number): Promise<void> {
    return transaction(this.ctx, (tx) => {
      const follows = this.ctx.store.friends.get(followerId, userId);
      if (!follows || this.ctx.store.friends.get(userId, followerId)) {
        throw new WorldError('NOT_FRIENDS', `user ${followerId} is not a one-way friend of ${userId}`, {
          ownerId: userId,
          friendId: followerId,
        });
      }
      this.ctx.store.friends.remove(followerId, userId);
      tx.emit({ type: 'friend.removed', userId: followerId, friendId: userId, audience: [] });
    });
  }

  setRemark(ownerId: number, friendId: number, remark: string): Promise<void> {
    return transaction(this.ctx, (tx) => {
      const current = this.requireFriendship(ownerId, friendId);
      if (current.remark === remark) return;
      this.ctx.store.friends.put({ ...current, remark });
      tx.emit({ type: 'friend.updated', ownerId, friendId, audience: [] });
    });
  }

  setCategory(ownerId: number, friendId: number, categoryId: number): Promise<void> {
    return transaction(this.ctx, (tx) => {
      const current = this.requireFriendship(ownerId, friendId);
      this.requireCategory(ownerId, categoryId);
      if (current.categoryId === categoryId) return;
      this.ctx.store.friends.put({ ...current, categoryId });
      tx.emit({ type: 'friend.updated', ownerId, friendId, audience: [] });
    });
  }

  private requireFriendship(ownerId: number, friendId: number): Friendship {
    const friendship = this.ctx.store.friends.get(ownerId, friendId);
    if (!friendship) {
      throw new WorldError('NOT_FRIENDS', `user ${friendId} is not in the friend list of ${ownerId}`, { ownerId, friendId });
    }
    return friendship;
  }

  private requireAccount(userId: number): void {
    if (!this.ctx.store.accounts.get(userId)) throw fail.userNotFound(userId);
  }

  private requireCategory(ownerId: number, categoryId: number | undefined): void {
    if (categoryId === undefined || categoryId === defaultCategory.categoryId) return;
    if (!this.ctx.store.friends.categories(ownerId).some((category) => category.categoryId === categoryId)) {
      throw new WorldError('CATEGORY_NOT_FOUND', `user ${ownerId} has no friend category ${categoryId}`, { ownerId, categoryId });
    }
  }
}
