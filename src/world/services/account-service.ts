import { createHash } from 'node:crypto';
import { fail, WorldError } from '../errors.js';
import { defaultOnlineStatus, type Account, type Sex } from '../model.js';
import type { AccountPatch } from '../store/store.js';
import { now, transaction, type ServiceContext, type Tx } from './context.js';

export interface NewAccount {
  readonly userId: number;
  readonly nickname: string;
  readonly sex?: Sex;
  readonly age?: number;
  readonly longNick?: string;
  readonly level?: number;
  readonly isBot?: boolean;
  readonly regTime?: number;
}

/** The default friend category every account starts with, as in QQ. */
export const defaultCategory = { categoryId: 0, name: '我的好友', sortId: 0 } as const;

/** Accounts: the QQ users of the world, bots and simulated people alike. */
export class AccountService {
  constructor(private readonly ctx: ServiceContext) {}

  find(userId: number): Account | undefined {
    return this.ctx.store.accounts.get(userId);
  }

  require(userId: number): Account {
    const account = this.ctx.store.accounts.get(userId);
    if (!account) throw fail.userNotFound(userId);
    return account;
  }

  list(filter?: { bot?: boolean }): Account[] {
    return this.ctx.store.accounts.list(filter);
  }

  count(): number {
    return this.ctx.store.accounts.count();
  }

  getMany(userIds: readonly number[]): Map<number, Account> {
    return this.ctx.store.accounts.getMany(userIds);
  }

  create(input: NewAccount): Promise<Account> {
    return transaction(this.ctx, (tx) => this.createIn(tx, input));
  }

  /** `create` inside a unit of work. */
  createIn(tx: Tx, input: NewAccount): Account {
    return this.createManyIn(tx, [input])[0]!;
  }

  /**
   * Creates many accounts in one go (a world file's 100,000), each exactly as `createIn` would:
   * one read to refuse any that exists, then one write per table.
   */
  createManyIn(tx: Tx, inputs: readonly NewAccount[]): Account[] {
    for (const input of inputs) {
      if (!Number.isSafeInteger(input.userId) || input.userId < 1) {
        throw new WorldError('INVALID_ARGUMENT', `user_id ${input.userId} is not a valid QQ number (a positive integer up to 2^53 - 1)`);
      }
    }
    const ids = inputs.map((input) => input.userId);
    const taken = inputs.length === 1 ? (this.ctx.store.accounts.get(ids[0]!) ? ids : []) : [...this.ctx.store.accounts.existing(ids)];
    if (taken.length > 0) throw new WorldError('ALREADY_EXISTS', `user ${taken[0]} already exists`, { userId: taken[0] });
    const time = now(this.ctx);
    const accounts = inputs.map((input): Account => ({
      userId: input.userId,
      nickname: input.nickname,
      sex: input.sex ?? 'unknown',
      age: input.age ?? 0,
      longNick: input.longNick ?? '',
      level: input.level ?? 1,
      regTime: input.regTime ?? time,
      avatar: '',
      isBot: input.isBot ?? false,
      onlineStatus: defaultOnlineStatus,
      birthday: { year: 0, month: 0, day: 0 },
      email: '',
      phone: '',
      createdAt: time,
    }));
    if (accounts.length === 1) this.ctx.store.accounts.insert(accounts[0]!);
    else this.ctx.store.accounts.insertMany(accounts);
    this.ctx.store.friends.insertCategories(accounts.map((account) => ({ ownerId: account.userId, ...defaultCategory })));
    for (const account of accounts) tx.emit({ type: 'account.created', account, audience: [] });
    return accounts;
  }

  /** Applies a profile change; emits `account.updated` only when something actually changed. */
  update(userId: number, patch: AccountPatch): Promise<Account> {
    return transaction(this.ctx, (tx) => this.updateIn(tx, userId, patch));
  }

  /** `update` inside a unit of work. */
  updateIn(tx: Tx, userId: number, patch: AccountPatch): Account {
    const before = this.require(userId);
    const changed = changedFields(before, patch);
    if (changed.length === 0) return before;
    const account = this.ctx.store.accounts.update(userId, patch);
    tx.emit({ type: 'account.updated', account, changed, audience: [] });
    return account;
  }
}

/** The fields of `patch` whose values differ from `current` (deep-compared as JSON). */
export function changedFields<T extends object>(current: T, patch: Partial<T>): string[] {
  return (Object.keys(patch) as (keyof T & string)[]).filter(
    (key) => patch[key] !== undefined && JSON.stringify(patch[key]) !== JSON.stringify(current[key]),
  );
}

/** NapCat exposes an opaque "uid" beside every uin; Catnap derives a stable one from the uin. */
export function uidOf(userId: number): string {
  return `u_${createHash('sha256').update(`catnap-uid:${userId}`).digest('base64url').slice(0, 22)}`;
}
