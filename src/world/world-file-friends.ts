import type { WorldFileFriend } from '../contract/world-file.js';
import { nowSeconds } from '../util/clock.js';
import type { FriendCategory, Friendship } from './model.js';
import { defaultCategory } from './services/account-service.js';
import type { Tx } from './services/context.js';
import type { FriendOptions } from './services/friend-service.js';
import type { World } from './world.js';

/**
 * A world file's friendships, with the categories they name, inside the apply's unit of work.
 *
 * Friendships between two accounts this very unit created cannot exist yet, and their
 * categories are the ones this unit made, so their rows are gathered and written together by
 * `flush` without asking the database what it cannot have (100,000 pairs of a big file). A pair
 * listed again is brought up to date in the gathered rows, as `befriendIn` would update a stored
 * one. Every other pair goes through `befriendIn`.
 */
export class FriendWriter {
  /** Each account created in this unit, numbered 0, 1, ... (pairs are keyed by these numbers). */
  readonly #created = new Map<number, number>();
  /** Category ids by name, per account created in this unit (they start with the default one only). */
  readonly #categories = new Map<number, Map<string, number>>();
  /** Where each gathered pair's two rows start in `#rows`, by `pairKey`. */
  readonly #gathered = new Map<number, number>();
  /** Rows for new accounts, both directions of a pair side by side, written together by `flush`. */
  readonly #rows: Friendship[] = [];
  readonly #newCategories: FriendCategory[] = [];
  readonly #time: number;

  constructor(
    private readonly world: World,
    private readonly tx: Tx,
    created: readonly number[],
  ) {
    created.forEach((userId, index) => this.#created.set(userId, index));
    this.#time = nowSeconds(world.clock);
  }

  write(entry: WorldFileFriend): void {
    const { user_id: a, friend_id: b } = entry;
    const categoryId = entry.category === undefined ? undefined : this.#category(a, entry.category);
    const reverseCategoryId = entry.reverse_category === undefined ? undefined : this.#category(b, entry.reverse_category);
    const options: FriendOptions = { remark: entry.remark, categoryId, reverseRemark: entry.reverse_remark, reverseCategoryId };
    const key = this.#pairKey(a, b);
    if (key === undefined) {
      this.world.friends.befriendIn(this.tx, a, b, options);
      return;
    }
    const at = this.#gathered.get(key);
    if (at !== undefined) {
      this.#again(at, a, b, options);
      return;
    }
    this.#gathered.set(key, this.#rows.length);
    this.#rows.push(
      { ownerId: a, friendId: b, remark: entry.remark ?? '', categoryId: categoryId ?? defaultCategory.categoryId, since: this.#time },
      {
        ownerId: b,
        friendId: a,
        remark: entry.reverse_remark ?? '',
        categoryId: reverseCategoryId ?? defaultCategory.categoryId,
        since: this.#time,
      },
    );
    this.tx.emit({ type: 'friend.added', userId: a, friendId: b, audience: [a, b] });
  }

  /** Writes the rows gathered for new accounts (the repository puts them in key order). */
  flush(): void {
    this.world.store.friends.insertCategories(this.#newCategories);
    this.world.store.friends.insertMany(this.#rows);
  }

  /**
   * A number naming the pair when both accounts are new in this unit, whichever way round.
   * Exact while the file creates fewer than 94 million accounts (the square stays below 2^53),
   * far beyond what a JSON text can hold; numbers spare a string per pair.
   */
  #pairKey(a: number, b: number): number | undefined {
    const x = this.#created.get(a);
    const y = this.#created.get(b);
    if (x === undefined || y === undefined) return undefined;
    const size = this.#created.size;
    return x < y ? x * size + y : y * size + x;
  }

  /** A gathered pair listed again: what `befriendIn` does to a stored friendship, to the gathered rows. */
  #again(at: number, a: number, b: number, options: FriendOptions): void {
    const [first, second] = [this.#rows[at]!, this.#rows[at + 1]!];
    const [forward, reverse] = first.ownerId === a ? [first, second] : [second, first];
    const nextForward = { ...forward, remark: options.remark ?? forward.remark, categoryId: options.categoryId ?? forward.categoryId };
    const nextReverse = {
      ...reverse,
      remark: options.reverseRemark ?? reverse.remark,
      categoryId: options.reverseCategoryId ?? reverse.categoryId,
    };
    const same = (x: Friendship, y: Friendship) => x.remark === y.remark && x.categoryId === y.categoryId;
    if (same(forward, nextForward) && same(reverse, nextReverse)) return;
    this.#rows[at] = first === forward ? nextForward : nextReverse;
    this.#rows[at + 1] = first === forward ? nextReverse : nextForward;
    this.tx.emit({ type: 'friend.updated', ownerId: a, friendId: b, audience: [] });
  }

  #category(ownerId: number, name: string): number {
    if (!this.#created.has(ownerId)) return this.world.friends.ensureCategoryIn(this.tx, ownerId, name).categoryId;
    let byName = this.#categories.get(ownerId);
    if (!byName) this.#categories.set(ownerId, (byName = new Map([[defaultCategory.name, defaultCategory.categoryId]])));
    const known = byName.get(name);
    if (known !== undefined) return known;
    // New accounts number their categories 1, 2, ... in the order the file names them, as ensureCategoryIn would.
    const categoryId = byName.size;
    this.#newCategories.push({ ownerId, categoryId, name, sortId: categoryId });
    this.tx.emit({ type: 'category.changed', ownerId, audience: [] });
    byName.set(name, categoryId);
    return categoryId;
  }
}
