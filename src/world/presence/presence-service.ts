import { fail } from '../errors.js';
import type { AccountService } from '../services/account-service.js';
import { transaction, type ServiceContext } from '../services/context.js';
import type { AccountPresence } from './presence-model.js';

/** QQ's code for a custom status with its own face and words (what set_diy_online_status sets). */
export const diyExtStatus = 2000;

/**
 * The phone model an account shows and its custom (DIY) status. A custom status is QQ's online
 * status 10 with ext_status 2000 and battery 0 (as NapCat's kernel call sets it), plus the face
 * and the words, so other accounts see it through nc_get_user_status and get_stranger_info.
 */
export class PresenceService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly accounts: AccountService,
  ) {}

  get(userId: number): AccountPresence {
    if (!this.ctx.store.accounts.get(userId)) throw fail.userNotFound(userId);
    return this.ctx.store.presence.get(userId);
  }

  setModelShow(userId: number, model: string, modelShow: string): Promise<AccountPresence> {
    return transaction(this.ctx, () => {
      const next = { ...this.get(userId), model, modelShow };
      this.ctx.store.presence.put(userId, next);
      return next;
    });
  }

  setDiyStatus(userId: number, status: { faceId: string; faceType: string; wording: string }): Promise<AccountPresence> {
    if (status.wording.length > 50) throw fail.invalid('a custom status has at most 50 characters of wording');
    return transaction(this.ctx, (tx) => {
      const next = { ...this.get(userId), diyFaceId: status.faceId, diyFaceType: status.faceType, diyWording: status.wording };
      this.ctx.store.presence.put(userId, next);
      this.accounts.updateIn(tx, userId, { onlineStatus: { status: 10, extStatus: diyExtStatus, batteryStatus: 0 } });
      return next;
    });
  }
}
