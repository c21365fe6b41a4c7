import { WorldError, fail } from '../errors.js';
import type { GroupNotice } from '../extras-model.js';
import { imageSize } from '../media/image-size.js';
import type { MediaService } from '../media/media-service.js';
import { emit, now, type Actor, operatorOf, type ServiceContext } from './context.js';
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

  async post(actor: Actor, groupId: number, input: NewNotice): Promise<GroupNotice> {
    const group = await this.groups.require(groupId);
    if (actor !== 'world') await this.groups.requireAdmin(groupId, actor, 'post announcements');
    if (input.content.trim() === '') throw fail.invalid('an announcement needs some content');
    let image = { blobId: '', width: 0, height: 0 };
    if (input.image) {
      const ref = await this.media.ingest(input.image, actor === 'world' ? group.ownerId : actor);
      if (!ref.mime.startsWith('image/')) {
        throw new WorldError('MEDIA_UNREADABLE', `the announcement image is not an image (it is ${ref.mime})`);
      }
      const size = imageSize(await this.media.blobs.read(ref.blobId)) ?? { width: 0, height: 0 };
      image = { blobId: ref.blobId, ...size };
    }
    const time = now(this.ctx);
    const senderId = operatorOf(actor, group.ownerId);
    const notice = await this.ctx.store.extras.notices.insert(
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
    emit(this.ctx, {
      type: 'group.notice',
      groupId,
      noticeId: notice.noticeId,
      senderId,
      operatorId: senderId,
      action: 'posted',
      audience: await this.groups.memberIds(groupId),
    });
    return notice;
  }

  /** Every announcement of a group the account is in, pinned first, then newest first. */
  async list(actor: Actor, groupId: number): Promise<GroupNotice[]> {
    if (actor === 'world') await this.groups.require(groupId);
    else await this.groups.requireSelf(groupId, actor);
    return this.ctx.store.extras.notices.list(groupId);
  }

  async remove(actor: Actor, groupId: number, id: string): Promise<void> {
    const group = await this.groups.require(groupId);
    if (actor !== 'world') await this.groups.requireAdmin(groupId, actor, 'delete announcements');
    const notice = await this.ctx.store.extras.notices.get(id);
    if (!notice || notice.groupId !== groupId) {
      throw new WorldError('NOTICE_NOT_FOUND', `group ${groupId} has no announcement ${id}`, { groupId, noticeId: id });
    }
    await this.ctx.store.extras.notices.remove(id);
    const operatorId = operatorOf(actor, group.ownerId);
    emit(this.ctx, {
      type: 'group.notice',
      groupId,
      noticeId: id,
      senderId: notice.senderId,
      operatorId,
      action: 'deleted',
      audience: await this.groups.memberIds(groupId),
    });
  }
}

/** 32 hex digits like QQ's feed ids: group, publish time and a sequence number that is never reused. */
function noticeId(groupId: number, time: number, seq: number): string {
  const hex = (value: number, width: number) => value.toString(16).padStart(width, '0').slice(-width);
  return `${hex(groupId, 8)}${hex(time, 8)}${hex(seq, 16)}`;
}
