import type { AccountService } from '../services/account-service.js';
import { now, transaction, type ServiceContext } from '../services/context.js';
import type { AccountHealth, HealthState } from './fault-model.js';

/** QQ's status code for "offline" (`onlineStatus.status`). */
export const offlineStatus = 20;
const onlineStatus = 10;

/** What QQ tells a client it has logged out: the kick notice's title and text (NapCat forwards them in bot_offline). */
export const qqKickNotice = { tag: '下线通知', message: '你的帐号当前登录已失效，请重新登录。' } as const;

/**
 * An account's health as QQ sees it (docs/faults.md): online, offline (logged out), kicked
 * (logged out and refused until it is back) or zombie (logged in, but sends never complete).
 * Offline and kicked accounts show as offline to everyone (their QQ status becomes 20); coming
 * back online restores the status they had. Kept in memory as well, since every call asks.
 */
export class HealthService {
  #byUser: Map<number, AccountHealth> | undefined;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly accounts: AccountService,
  ) {
    // A batch that failed to commit may have had a unit read health it wrote (and never stored).
    ctx.store.onForget(() => (this.#byUser = undefined));
    // A restored snapshot brings back the health every account had when it was saved.
    ctx.bus.on((event) => {
      if (event.type === 'world.restored') this.#byUser = undefined;
    });
  }

  /** The account's health record; undefined when it is online. */
  get(userId: number): AccountHealth | undefined {
    return this.#all().get(userId);
  }

  state(userId: number): HealthState {
    return this.get(userId)?.state ?? 'online';
  }

  list(): AccountHealth[] {
    return [...this.#all().values()];
  }

  /** Changes the account's health; emits `account.health` (bot_offline for offline and kicked). */
  set(userId: number, state: HealthState, message?: string): Promise<AccountHealth | undefined> {
    return transaction(this.ctx, (tx) => {
      const account = this.accounts.require(userId);
      const before = this.ctx.store.health.get(userId);
      const previous: HealthState = before?.state ?? 'online';
      if (state === previous && state === 'online') return undefined;
      const loggedOut = state === 'offline' || state === 'kicked';
      const wasLoggedOut = previous === 'offline' || previous === 'kicked';
      // The status to come back to: kept from before the first logout.
      const prevStatus = before?.prevStatus ?? (account.onlineStatus.status === offlineStatus ? null : account.onlineStatus.status);
      if (loggedOut && !wasLoggedOut) {
        this.accounts.updateIn(tx, userId, { onlineStatus: { ...account.onlineStatus, status: offlineStatus } });
      } else if (!loggedOut && wasLoggedOut) {
        this.accounts.updateIn(tx, userId, { onlineStatus: { ...account.onlineStatus, status: before?.prevStatus ?? onlineStatus } });
      }
      let health: AccountHealth | undefined;
      if (state === 'online') {
        this.ctx.store.health.remove(userId);
      } else {
        health = { userId, state, message: message ?? (loggedOut ? qqKickNotice.message : ''), since: now(this.ctx), prevStatus };
        this.ctx.store.health.put(health);
      }
      tx.emit({ type: 'account.health', userId, state, previous, message: health?.message ?? message ?? '', audience: [userId] });
      // Forgotten here rather than updated once the promise settles: the event's listeners run
      // first, and they ask for the new health. The next read rebuilds from the committed rows,
      // which also holds if this unit rolls back.
      this.#byUser = undefined;
      return health;
    });
  }

  #all(): Map<number, AccountHealth> {
    return (this.#byUser ??= new Map(this.ctx.store.health.list().map((health) => [health.userId, health])));
  }
}
