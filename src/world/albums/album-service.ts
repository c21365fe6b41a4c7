import { WorldError, fail } from '../errors.js';
import type { MediaService } from '../media/media-service.js';
import type { Member } from '../model.js';
import { now, transaction, type ServiceContext } from '../services/context.js';
import type { GroupService } from '../services/group-service.js';
import {
  likeTargetKey,
  type AlbumLikeTarget,
  type AlbumMedia,
  type AlbumMediaKind,
  type AlbumMediaStats,
  type AlbumMediaView,
  type AlbumSummary,
  type GroupAlbum,
} from './album-model.js';

/** QQ's limits as the world applies them. */
export const albumLimits = { albumsPerGroup: 100, nameLength: 30, descriptionLength: 200, commentLength: 500, filesPerUpload: 50 } as const;

/** One source of an upload, read and stored before the unit of work. */
interface PreparedMedium {
  readonly kind: AlbumMediaKind;
  readonly blobId: string;
  readonly name: string;
  readonly mime: string;
  readonly size: number;
  readonly width: number;
  readonly height: number;
}

export interface AlbumUploadResult {
  readonly media: AlbumMedia[];
  /** Indexes (in the given order) of the sources that could not be read or are not photos or videos. */
  readonly failed: number[];
  readonly batchId: string;
}

/**
 * Group albums (QQ's 群相册), with QQ's rules: every member sees the albums, uploads to them,
 * likes and comments; the creator of an album, admins and the owner delete it; the uploader,
 * admins and the owner delete a photo. Whether plain members may create albums and upload is the
 * group's `allowMemberUploadAlbum` switch (set_group_member_permissions).
 */
export class AlbumService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly groups: GroupService,
    private readonly media: MediaService,
    /** Whether plain members may create albums and upload to them (true unless the group says no). */
    private readonly membersMayUpload: (groupId: number) => boolean = () => true,
  ) {}

  list(actor: number, groupId: number): AlbumSummary[] {
    this.groups.requireSelf(groupId, actor);
    return this.ctx.store.albums.listAlbums(groupId);
  }

  create(actor: number, groupId: number, name: string, description = ''): Promise<GroupAlbum> {
    const title = name.trim();
    if (title === '') throw fail.invalid('an album needs a name');
    if ([...title].length > albumLimits.nameLength) throw fail.invalid(`an album name has at most ${albumLimits.nameLength} characters`);
    if ([...description].length > albumLimits.descriptionLength) {
      throw fail.invalid(`an album description has at most ${albumLimits.descriptionLength} characters`);
    }
    return transaction(this.ctx, () => {
      this.requireUploader(groupId, actor, 'create albums');
      if (this.ctx.store.albums.countAlbums(groupId) >= albumLimits.albumsPerGroup) {
        throw new WorldError('LIMIT_REACHED', `group ${groupId} already has ${albumLimits.albumsPerGroup} albums`);
      }
      const time = now(this.ctx);
      const album: GroupAlbum = {
        albumId: `V${this.ctx.random.uuid().replace(/-/g, '').slice(0, 31)}`,
        groupId,
        creatorId: actor,
        name: title,
        description,
        createTime: time,
        modifyTime: time,
      };
      this.ctx.store.albums.insertAlbum(album);
      return album;
    });
  }

  remove(actor: number, groupId: number, albumId: string): Promise<void> {
    return transaction(this.ctx, () => {
      const self = this.groups.requireSelf(groupId, actor);
      const album = this.requireAlbum(groupId, albumId);
      if (self.role === 'member' && album.creatorId !== actor) {
        throw fail.permission(`account ${actor} neither created album ${albumId} nor administers group ${groupId}, so it cannot delete it`);
      }
      this.ctx.store.albums.removeAlbum(albumId);
    });
  }

  /**
   * Uploads photos and videos as one batch. Every source is read before the unit of work (the
   * caller's right is checked before that, so nobody else makes the world fetch anything, and again
   * inside the unit). With `partial`, unreadable sources are reported and the rest uploaded (LLBot's
   * way); without it the first unreadable source fails the call and nothing is stored.
   */
  async upload(actor: number, groupId: number, albumId: string, sources: readonly string[], partial = false): Promise<AlbumUploadResult> {
    const check = () => {
      this.requireUploader(groupId, actor, 'upload to albums');
      return this.requireAlbum(groupId, albumId);
    };
    check();
    if (sources.length === 0) throw fail.invalid('nothing to upload');
    if (sources.length > albumLimits.filesPerUpload) throw fail.invalid(`at most ${albumLimits.filesPerUpload} files per upload`);
    const prepared: (PreparedMedium | undefined)[] = [];
    const failed: number[] = [];
    // One upload's sources together stay within media.maxBytes, as one source does: a source that
    // would take the total past it fails the whole call (even with `partial`) before it is stored.
    const cap = this.media.limits.maxBytes;
    let total = 0;
    for (const [index, source] of sources.entries()) {
      try {
        const medium = await this.prepare(source, actor, cap - total);
        total += medium.size;
        if (total > cap) throw tooLargeTogether(cap);
        prepared.push(medium);
      } catch (error) {
        if (error instanceof WorldError && error.code === 'MEDIA_TOO_LARGE' && total > 0) throw tooLargeTogether(cap);
        if (!partial || !(error instanceof WorldError)) throw error;
        prepared.push(undefined);
        failed.push(index);
      }
    }
    return transaction(this.ctx, () => {
      check();
      const time = now(this.ctx);
      let batch = this.ctx.clock.nowMs();
      while (this.ctx.store.albums.hasBatch(albumId, String(batch))) batch += 1;
      const batchId = String(batch);
      for (const medium of prepared) {
        if (!medium) continue;
        this.ctx.store.albums.insertMedia({
          lloc: this.ctx.random.uuid().replace(/-/g, ''),
          albumId,
          batchId,
          uploaderId: actor,
          uploadTime: time,
          ...medium,
        });
      }
      if (failed.length < sources.length) this.ctx.store.albums.touchAlbum(albumId, time);
      const media = this.ctx.store.albums.listMedia(albumId).filter((medium) => medium.batchId === batchId);
      return { media, failed, batchId };
    });
  }

  /** An album and its media, oldest first, with likes and comments as `actor` sees them. */
  mediaList(actor: number, groupId: number, albumId: string): { album: AlbumSummary; media: AlbumMediaView[] } {
    this.groups.requireSelf(groupId, actor);
    this.requireAlbum(groupId, albumId);
    const album = this.ctx.store.albums.listAlbums(groupId).find((entry) => entry.albumId === albumId)!;
    return { album, media: this.viewsOf(actor, this.ctx.store.albums.listMedia(albumId)) };
  }

  /** Media with their likes and comments as `viewer` sees them (read for all of them at once), in the given order. */
  viewsOf(viewer: number, media: readonly AlbumMedia[]): AlbumMediaView[] {
    const stats = this.ctx.store.albums.mediaStats(
      media.map((medium) => medium.lloc),
      viewer,
    );
    return media.map((medium) => ({ ...medium, ...(stats.get(medium.lloc) ?? noStats) }));
  }

  removeMedia(actor: number, groupId: number, albumId: string, lloc: string): Promise<void> {
    return transaction(this.ctx, () => {
      const self = this.groups.requireSelf(groupId, actor);
      const medium = this.requireMedia(groupId, albumId, lloc);
      if (self.role === 'member' && medium.uploaderId !== actor) {
        throw fail.permission(`account ${actor} neither uploaded ${lloc} nor administers group ${groupId}, so it cannot delete it`);
      }
      this.ctx.store.albums.removeMedia(lloc);
      this.ctx.store.albums.touchAlbum(albumId, now(this.ctx));
    });
  }

  /** Likes (or with `liked` false, unlikes) a medium or a whole upload batch; again changes nothing. */
  setLike(actor: number, groupId: number, albumId: string, target: AlbumLikeTarget, liked: boolean): Promise<void> {
    return transaction(this.ctx, () => {
      this.groups.requireSelf(groupId, actor);
      this.requireAlbum(groupId, albumId);
      if ('lloc' in target) {
        const medium = this.requireMedia(groupId, albumId, target.lloc);
        if (target.batchId !== undefined && medium.batchId !== target.batchId) {
          throw new WorldError('ALBUM_MEDIA_NOT_FOUND', `${target.lloc} is not part of upload batch ${target.batchId}`, { albumId });
        }
      } else if (!this.ctx.store.albums.hasBatch(albumId, target.batchId)) {
        throw new WorldError('ALBUM_MEDIA_NOT_FOUND', `album ${albumId} has no upload batch ${target.batchId}`, { albumId });
      }
      const key = likeTargetKey(target);
      if (liked) this.ctx.store.albums.like(albumId, key, actor, now(this.ctx));
      else this.ctx.store.albums.unlike(albumId, key, actor);
    });
  }

  comment(actor: number, groupId: number, albumId: string, lloc: string, content: string): Promise<void> {
    if (content.trim() === '') throw fail.invalid('a comment needs some text');
    if ([...content].length > albumLimits.commentLength)
      throw fail.invalid(`a comment has at most ${albumLimits.commentLength} characters`);
    return transaction(this.ctx, () => {
      this.groups.requireSelf(groupId, actor);
      this.requireMedia(groupId, albumId, lloc);
      this.ctx.store.albums.insertComment({ lloc, userId: actor, content, time: now(this.ctx) });
    });
  }

  /** Likes of a whole upload batch (QQ counts them apart from the likes of each photo). */
  batchLikes(albumId: string, batchId: string): readonly number[] {
    return this.ctx.store.albums.likers(albumId, likeTargetKey({ batchId }));
  }

  private requireUploader(groupId: number, actor: number, what: string): Member {
    const self = this.groups.requireSelf(groupId, actor);
    if (self.role === 'member' && !this.membersMayUpload(groupId)) {
      throw fail.permission(`group ${groupId} lets only its owner and admins ${what}`);
    }
    return self;
  }

  private requireAlbum(groupId: number, albumId: string): GroupAlbum {
    const album = this.ctx.store.albums.getAlbum(albumId);
    if (!album || album.groupId !== groupId) {
      throw new WorldError('ALBUM_NOT_FOUND', `group ${groupId} has no album ${albumId}`, { groupId, albumId });
    }
    return album;
  }

  private requireMedia(groupId: number, albumId: string, lloc: string): AlbumMedia {
    this.requireAlbum(groupId, albumId);
    const medium = this.ctx.store.albums.getMedia(lloc);
    if (!medium || medium.albumId !== albumId) {
      throw new WorldError('ALBUM_MEDIA_NOT_FOUND', `album ${albumId} has no photo or video ${lloc}`, { albumId, lloc });
    }
    return medium;
  }

  private async prepare(source: string, viewerId: number, room: number): Promise<PreparedMedium> {
    const ref = await this.media.ingest(source, viewerId, undefined, room);
    const kind: AlbumMediaKind | undefined = ref.mime.startsWith('image/') ? 'image' : ref.mime.startsWith('video/') ? 'video' : undefined;
    if (!kind) throw new WorldError('MEDIA_UNREADABLE', `a group album holds photos and videos, not ${ref.mime}`);
    const size = kind === 'image' ? await this.media.imageSizeOf(ref.blobId) : { width: 0, height: 0 };
    return { kind, blobId: ref.blobId, name: ref.name, mime: ref.mime, size: ref.size, ...size };
  }
}

const noStats: AlbumMediaStats = { likeCount: 0, likedByViewer: false, commentCount: 0 };

function tooLargeTogether(cap: number): WorldError {
  return new WorldError(
    'MEDIA_TOO_LARGE',
    `the files of one album upload are together larger than the limit of ${cap} bytes (media.maxBytes)`,
  );
}
