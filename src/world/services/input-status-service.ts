import { fail, WorldError } from '../errors.js';
import { notify, type ServiceContext } from './context.js';
import type { FriendService } from './friend-service.js';
import type { GroupService } from './group-service.js';

/** What QQ shows for each input-status event type. */
export const inputStatusTexts: Readonly<Record<number, string>> = { 0: '对方正在说话...', 1: '对方正在输入...' };

/** "Typing..." in a private chat: the other side sees it as an input_status notice. Nothing is stored. */
export class InputStatusService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly friends: FriendService,
    private readonly groups: GroupService,
  ) {}

  /** `eventType` 1 typing, 0 speaking, any other value stops showing a status. */
  set(userId: number, targetId: number, eventType: number): void {
    if (!this.ctx.store.accounts.get(targetId)) throw fail.userNotFound(targetId);
    if (targetId === userId) throw fail.invalid(`user ${userId} cannot show an input status to themselves`);
    const canChat = this.friends.areFriends(userId, targetId) || this.groups.sharedGroups(userId, targetId).length > 0;
    if (!canChat) {
      throw new WorldError('NOT_FRIENDS', `user ${targetId} is neither a friend of ${userId} nor in a group with them`, {
        userId,
        targetId,
      });
    }
    notify(this.ctx, {
      type: 'input_status',
      userId,
      targetId,
      eventType,
      statusText: inputStatusTexts[eventType] ?? '',
      audience: [targetId],
    });
  }
}
