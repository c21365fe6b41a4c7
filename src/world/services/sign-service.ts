import type { GroupSign } from '../group-content-model.js';
import { now, transaction, type ServiceContext } from './context.js';
import type { GroupService } from './group-service.js';

/** QQ's day boundary is midnight in China (UTC+8), whatever the server's time zone. */
export function chinaDay(unixSeconds: number): string {
  return new Date((unixSeconds + 8 * 3600) * 1000).toISOString().slice(0, 10);
}

/** Group check-ins (QQ's 群打卡): each member may check in once a day. */
export class SignService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly groups: GroupService,
  ) {}

  /** Checks the member in for today; returns false (and changes nothing) if they already did. */
  sign(userId: number, groupId: number): Promise<boolean> {
    return transaction(this.ctx, (tx) => {
      this.groups.requireSelf(groupId, userId);
      const time = now(this.ctx);
      const day = chinaDay(time);
      if (this.ctx.store.signs.has(groupId, userId, day)) return false;
      this.ctx.store.signs.insert({ groupId, userId, day, time });
      tx.emit({ type: 'group.signed', groupId, userId, audience: this.groups.memberIds(groupId) });
      return true;
    });
  }

  /** Today's check-ins of a group the account is in, earliest first. */
  today(userId: number, groupId: number): GroupSign[] {
    this.groups.requireSelf(groupId, userId);
    return this.ctx.store.signs.list(groupId, chinaDay(now(this.ctx)));
  }
}
