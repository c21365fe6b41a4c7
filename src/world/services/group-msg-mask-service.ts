import { fail } from '../errors.js';
import { transaction, type ServiceContext } from './context.js';
import type { GroupService } from './group-service.js';

/** QQ's group message settings (群消息设置), by the codes NT and LLBot use. */
export const groupMsgMasks = { notify: 1, assistant: 2, blocked: 3, silent: 4 } as const;

/** How a member takes a group's messages: their own setting, which nobody else sees. */
export class GroupMsgMaskService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly groups: GroupService,
  ) {}

  /** The member's setting for the group (1 when never set). */
  mask(userId: number, groupId: number): number {
    this.groups.requireSelf(groupId, userId);
    return this.ctx.store.groupMsgMasks.get(userId, groupId);
  }

  set(userId: number, groupId: number, mask: number): Promise<void> {
    return transaction(this.ctx, () => {
      if (!Object.values(groupMsgMasks).includes(mask as 1)) {
        throw fail.invalid(`mask must be 1 (receive and notify), 2 (group assistant), 3 (blocked) or 4 (receive silently), got ${mask}`);
      }
      this.groups.requireSelf(groupId, userId);
      this.ctx.store.groupMsgMasks.set(userId, groupId, mask);
    });
  }
}
