import { WorldError } from '../errors.js';
import type { MediaService } from '../media/media-service.js';
import type { MediaRef } from '../messages/elements.js';
import type { Account, Group, OnlineStatus, Sex } from '../model.js';
import type { AccountService } from '../services/account-service.js';
import { transaction, type Actor, type ServiceContext } from '../services/context.js';
import type { GroupService } from '../services/group-service.js';
import { checkOnlineStatus } from './online-status.js';

/** QQ's limits on profile text, in characters. */
export const profileLimits = { nickname: 36, longNick: 100 } as const;

export interface ProfileChange {
  readonly nickname?: string;
  readonly longNick?: string;
  readonly sex?: Sex;
}

/**
 * What an account says about itself (nickname, signature, sex, avatar, online status), and group
 * avatars. Every change is visible to other accounts at once (get_stranger_info, member lists).
 */
export class ProfileService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly media: MediaService,
    private readonly accounts: AccountService,
    private readonly groups: GroupService,
  ) {}

  setLongNick(userId: number, longNick: string): Promise<Account> {
    return this.update(userId, { longNick });
  }

  setProfile(userId: number, change: ProfileChange): Promise<Account> {
    return this.update(userId, change);
  }

  setOnlineStatus(userId: number, status: OnlineStatus): Promise<Account> {
    const checked = checkOnlineStatus(status);
    return this.accounts.update(userId, { onlineStatus: checked });
  }

  /** Stores the image a source points at as the account's avatar. */
  async setAvatar(userId: number, source: string): Promise<Account> {
    this.accounts.require(userId);
    const image = await this.ingestImage(source, userId, 'avatar');
    return this.accounts.update(userId, { avatar: image.blobId });
  }

  /** Sets a group's avatar: its owner and admins only, as in QQ. Checked before the image is read, and again in the unit. */
  async setGroupAvatar(actor: Actor, groupId: number, source: string): Promise<Group> {
    const checkActor = () => {
      const group = this.groups.require(groupId);
      if (actor !== 'world') this.groups.requireAdmin(groupId, actor, 'change the group avatar');
      return group;
    };
    const group = checkActor();
    const image = await this.ingestImage(source, actor === 'world' ? group.ownerId : actor, 'group avatar');
    return transaction(this.ctx, (tx) => {
      const group = checkActor();
      if (group.avatar === image.blobId) return group;
      const updated = this.ctx.store.groups.update(groupId, { avatar: image.blobId });
      tx.emit({
        type: 'group.updated',
        group: updated,
        operatorId: actor === 'world' ? group.ownerId : actor,
        changed: ['avatar'],
        audience: this.groups.memberIds(groupId),
      });
      return updated;
    });
  }

  private update(userId: number, change: ProfileChange): Promise<Account> {
    return transaction(this.ctx, (tx) => {
      if (change.nickname !== undefined && change.nickname.trim() === '') {
        throw new WorldError('INVALID_ARGUMENT', 'the nickname cannot be empty');
      }
      this.accounts.require(userId);
      if (change.nickname !== undefined && [...change.nickname].length > profileLimits.nickname) {
        throw new WorldError('INVALID_ARGUMENT', `the nickname is longer than QQ's ${profileLimits.nickname} characters`);
      }
      if (change.longNick !== undefined && [...change.longNick].length > profileLimits.longNick) {
        throw new WorldError('INVALID_ARGUMENT', `the signature (longNick) is longer than QQ's ${profileLimits.longNick} characters`);
      }
      const patch = Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined));
      return this.accounts.updateIn(tx, userId, patch);
    });
  }

  /** `viewerId`: whose media ids the source may name. */
  private async ingestImage(source: string, viewerId: number, what: string): Promise<MediaRef> {
    const ref = await this.media.ingest(source, viewerId);
    if (!ref.mime.startsWith('image/')) {
      throw new WorldError('MEDIA_UNREADABLE', `the ${what} must be an image (png, jpeg, gif, webp or bmp); the file given is ${ref.mime}`);
    }
    return ref;
  }
}
