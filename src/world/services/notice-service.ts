import { WorldError, fail } from '../errors.js';
import type { GroupNotice } from '../group-content-model.js';
import type { MediaService } from '../media/media-service.js';
import { now, operatorOf, transaction, type Actor, type ServiceContext } from './context.js';
import type { GroupService } from './group-service.js';

export interface NewNotice {
  readonly content: string;
  /** Any media source (file, URL, base64, a blob id); stored once in the media store. */
  readonly image?: string;
  readonly pinned?: boolean;
  readonly type?: number;
  readonly confirmRequired?: boolean;
  readonly showEditCard?: boolean;
  readonly tipWindowType?: number;
}

/** Group announcements (QQ's 群公告): owners and admins post and delete them, members read them. */
export class NoticeService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly groups: GroupService,
    private readonly media: MediaService,
  ) {}

  /**
   * Posts an announcement (owner or admins). The image is read and stored before the unit of
   * work; the poster's right is checked before that too, so nobody else can make the world fetch
   * anything, and again inside the unit, where it counts.
   */
  async post(actor: Actor, groupId: number, input: NewNotice): Promise<GroupNotice> {
    const checkPoster = () => {
      const group = this.groups.require(groupId);
      if (actor !== 'world') this.groups.requireAdmin(groupId, actor, 'post announcements');
      return group;
    };
    const poster = checkPoster();
    if (input.content.trim() === '') throw fail.invalid('an announcement needs some content');
    const image = input.image
      ? await this.ingestImage(input.image, operatorOf(actor, poster.ownerId))
      : { blobId: '', width: 0, height: 0 };
    return transaction(this.ctx, (tx) => {
      const group = checkPoster();
      const time = now(this.ctx);
      const senderId = operatorOf(actor, group.ownerId);
      const notice = this.ctx.store.notices.insert(
        {
          groupId,
          senderId,
          content: input.content,
          imageBlob: image.blobId,
          imageWidth: image.width,
          imageHeight: image.height,
          pinned: input.pinned ?? false,
          type: input.type ?? 1,
          confirmRequired: input.confirmRequired ?? true,
          showEditCard: input.showEditCard ?? false,
          tipWindowType: input.tipWindowType ?? 0,
          publishTime: time,
        },
        (seq) => noticeId(groupId, time, seq),
      );
      tx.emit({
        type: 'group.notice',
        groupId,
        noticeId: notice.noticeId,
        senderId,
        operatorId: senderId,
        action: 'posted',
        audience: this.groups.memberIds(groupId),
      });
      return notice;
    });
  }

  /** Every announcement of a group the account is in, pinned first, then newest first. */
  list(actor: Actor, groupId: number): GroupNotice[] {
    if (actor === 'world') this.groups.require(groupId);
    else this.groups.requireSelf(groupId, actor);
    return this.ctx.store.notices.list(groupId);
  }

  remove(actor: Actor, groupId: number, id: string): Promise<void> {
    return transaction(this.ctx, (tx) => {
      const group = this.groups.require(groupId);
      if (actor !== 'world') this.groups.requireAdmin(groupId, actor, 'delete announcements');
      const notice = this.ctx.store.notices.get(id);
      if (!notice || notice.groupId !== groupId) {
        throw new WorldError('NOTICE_NOT_FOUND', `group ${groupId} has no announcement ${id}`, { groupId, noticeId: id });
      }
      this.ctx.store.notices.remove(id);
      tx.emit({
        type: 'group.notice',
        groupId,
        noticeId: id,
        senderId: notice.senderId,
        operatorId: operatorOf(actor, group.ownerId),
        action: 'deleted',
        audience: this.groups.memberIds(groupId),
      });
    });
  }

  /** `viewerId`: whose media ids the source may name. */
  private async ingestImage(source: string, viewerId: number): Promise<{ blobId: string; width: number; height: number }> {
    const ref = await this.media.ingest(source, viewerId);
    if (!ref.mime.startsWith('image/')) {
      throw new WorldError('MEDIA_UNREADABLE', `the announcement image is not an image (it is ${ref.mime})`);
    }
    const size = await this.media.imageSizeOf(ref.blobId);
    return { blobId: ref.blobId, ...size };
  }
}

/** 32 hex digits like QQ's feed ids: group, publish time and a sequence number that is never reused. */
function noticeId(groupId: number, time: number, seq: number): string {
  const hex = (value: number, width: number) => value.toString(16).padStart(width, '0').slice(-width);
  return `${hex(groupId, 8)}${hex(time, 8)}${hex(seq, 16)}`;
}
