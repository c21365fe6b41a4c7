import type { GroupSign } from '../extras-model.js';
import { emit, now, type ServiceContext } from './context.js';
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
  async sign(userId: number, groupId: number): Promise<boolean> {
    await this.groups.requireSelf(groupId, userId);
    const time = now(this.ctx);
    const added = await this.ctx.store.extras.signs.insert({ groupId, userId, day: chinaDay(time), time });
    if (added) emit(this.ctx, { type: 'group.signed', groupId, userId, audience: await this.groups.memberIds(groupId) });
    return added;
  }

  /** Today's check-ins of a group the account is in, earliest first. */
  async today(userId: number, groupId: number): Promise<GroupSign[]> {
    await this.groups.requireSelf(groupId, userId);
    return this.ctx.store.extras.signs.list(groupId, chinaDay(now(this.ctx)));
  }
}
