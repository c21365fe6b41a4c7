import { WorldError } from '../errors.js';
import type { MediaService } from '../media/media-service.js';
import type { Member } from '../model.js';
import { now, transaction, type Actor, type ServiceContext } from '../services/context.js';
import type { GroupService } from '../services/group-service.js';
import type { MessageService } from '../messages/message-service.js';
import { rootFolderId, type GroupFile, type GroupFolder } from './records.js';

/** QQ's quota of an ordinary group's file area. */
export const groupFileLimits = { count: 10000, bytes: 10 * 1024 * 1024 * 1024 } as const;
const maxNameLength = 255;

export interface GroupUpload {
  readonly source: string;
  readonly name: string;
  /** "/" or a folder id; default root. */
  readonly folderId?: string;
  /**
   * When QQ drops the file (unix seconds): a temporary file (临时文件), which set_group_file_forever
   * keeps. Absent: kept forever, as every upload through the bot APIs is.
   */
  readonly expiresAt?: number;
}

/**
 * A group's file area, with QQ's rules: every member uploads; the uploader, admins and the owner
 * delete, move and rename a file; only admins and the owner create or delete folders. Bytes live
 * in the media blob store, so a download returns exactly what was uploaded.
 */
export class GroupFileService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly media: MediaService,
    private readonly groups: GroupService,
    private readonly messages: MessageService,
  ) {}

  /**
   * Uploads a file. Reading and hashing the source happen before the unit of work; the member,
   * folder and quota checks run before that (so no one else makes the world fetch anything) and
   * again inside the unit, where they count. As in QQ, the upload also appears in the group's
   * chat as a file message from the uploader, in the same unit: NT uploads a group file by sending
   * a file element (NapCat and LLBot call sendMsg), so a muted member cannot upload, and that is
   * checked up front with the rest.
   */
  async upload(actor: number, groupId: number, upload: GroupUpload): Promise<GroupFile> {
    const checkRoom = (size: number) => {
      this.groups.requireSelf(groupId, actor);
      this.messages.requireMaySend(actor, { type: 'group', groupId });
      const folderId = this.requireFolderId(groupId, upload.folderId ?? rootFolderId);
      const usage = this.ctx.store.groupFiles.usage(groupId);
      if (usage.count >= groupFileLimits.count) {
        throw new WorldError('LIMIT_REACHED', `group ${groupId} already holds ${groupFileLimits.count} files`);
      }
      if (usage.bytes + size > groupFileLimits.bytes) {
        throw new WorldError('LIMIT_REACHED', `group ${groupId} has no room for ${size} more bytes (quota ${groupFileLimits.bytes})`);
      }
      return folderId;
    };
    checkRoom(0);
    const name = checkName(upload.name, 'file name');
    const ref = await this.media.ingest(upload.source, actor, name);
    checkRoom(ref.size);
    const { md5, sha1 } = await this.media.blobs.digests(ref.blobId, ['md5', 'sha1']);
    return transaction(this.ctx, (tx) => {
      const folderId = checkRoom(ref.size);
      const time = now(this.ctx);
      const file: GroupFile = {
        fileId: `/${this.ctx.random.uuid()}`,
        groupId,
        folderId,
        name,
        blobId: ref.blobId,
        size: ref.size,
        md5,
        sha1,
        busid: 102,
        uploaderId: actor,
        uploadTime: time,
        modifyTime: time,
        deadTime: upload.expiresAt ?? 0,
        downloadTimes: 0,
      };
      this.ctx.store.groupFiles.insertFile(file);
      tx.emit({
        type: 'file.uploaded',
        groupId,
        userId: actor,
        file: { id: file.fileId, name: file.name, size: file.size, busid: file.busid },
        audience: this.groups.memberIds(groupId),
      });
      const media = { blobId: ref.blobId, name, size: ref.size, mime: ref.mime };
      this.messages.postIn(
        tx,
        actor,
        { type: 'group', groupId },
        [{ kind: 'file', media, fileId: file.fileId }],
        [{ ...media, fileId: file.fileId }],
      );
      return file;
    });
  }

  /** Files and folders of one folder ("/" = root), newest first; members only. */
  list(actor: Actor, groupId: number, folderId: string = rootFolderId): { files: GroupFile[]; folders: GroupFolder[] } {
    this.requireMember(actor, groupId);
    const id = this.requireFolderId(groupId, folderId);
    const files = this.ctx.store.groupFiles.files(groupId, id);
    const folders = id === rootFolderId ? this.ctx.store.groupFiles.folders(groupId) : [];
    return { files, folders };
  }

  /** Every file of the group, whatever its folder, newest first; members only. */
  allFiles(actor: Actor, groupId: number): GroupFile[] {
    this.requireMember(actor, groupId);
    return this.ctx.store.groupFiles.allFiles(groupId);
  }

  folderFileCount(groupId: number, folderId: string): { count: number; bytes: number } {
    const files = this.ctx.store.groupFiles.files(groupId, folderId);
    return { count: files.length, bytes: files.reduce((sum, file) => sum + file.size, 0) };
  }

  usage(actor: Actor, groupId: number): { count: number; bytes: number } {
    this.requireMember(actor, groupId);
    return this.ctx.store.groupFiles.usage(groupId);
  }

  requireFile(actor: Actor, groupId: number, fileId: string): GroupFile {
    this.requireMember(actor, groupId);
    const file = this.ctx.store.groupFiles.getFile(groupId, fileId);
    if (!file) throw new WorldError('FILE_NOT_FOUND', `group ${groupId} has no file ${fileId}`, { groupId, fileId });
    return file;
  }

  /** A file a member is about to download: counts the download. */
  download(actor: Actor, groupId: number, fileId: string): Promise<GroupFile> {
    return transaction(this.ctx, () => {
      const file = this.requireFile(actor, groupId, fileId);
      this.ctx.store.groupFiles.countDownload(fileId);
      return file;
    });
  }

  createFolder(actor: Actor, groupId: number, name: string, parentId: string = rootFolderId): Promise<GroupFolder> {
    return transaction(this.ctx, () => {
      this.requireManager(actor, groupId, 'create folders');
      const folderName = checkName(name, 'folder name');
      if (parentId !== rootFolderId && parentId !== '') {
        throw new WorldError(
          'INVALID_ARGUMENT',
          `QQ group folders live in the root only; parent_id must be "/", got ${JSON.stringify(parentId)}`,
        );
      }
      if (this.ctx.store.groupFiles.findFolderByName(groupId, folderName)) {
        throw new WorldError('ALREADY_EXISTS', `group ${groupId} already has a folder named ${JSON.stringify(folderName)}`);
      }
      const time = now(this.ctx);
      const operator = actor === 'world' ? this.groups.require(groupId).ownerId : actor;
      const folder: GroupFolder = {
        folderId: `/${this.ctx.random.uuid()}`,
        groupId,
        name: folderName,
        creatorId: operator,
        createTime: time,
        modifierId: operator,
        modifyTime: time,
      };
      this.ctx.store.groupFiles.insertFolder(folder);
      return folder;
    });
  }

  /** Renames a folder: admins and the owner only; names stay unique within the group. */
  renameFolder(actor: Actor, groupId: number, folderId: string, newName: string): Promise<GroupFolder> {
    return transaction(this.ctx, () => {
      this.requireManager(actor, groupId, 'rename folders');
      const folder = this.requireFolder(groupId, folderId);
      const name = checkName(newName, 'folder name');
      if (name === folder.name) return folder;
      if (this.ctx.store.groupFiles.findFolderByName(groupId, name)) {
        throw new WorldError('ALREADY_EXISTS', `group ${groupId} already has a folder named ${JSON.stringify(name)}`);
      }
      const modifierId = actor === 'world' ? this.groups.require(groupId).ownerId : actor;
      return this.ctx.store.groupFiles.renameFolder(groupId, folder.folderId, { name, modifierId, modifyTime: now(this.ctx) });
    });
  }

  /** Deletes a folder and the files in it: admins and the owner only. */
  deleteFolder(actor: Actor, groupId: number, folderId: string): Promise<GroupFile[]> {
    return transaction(this.ctx, () => {
      this.requireManager(actor, groupId, 'delete folders');
      if (folderId === rootFolderId) throw new WorldError('INVALID_ARGUMENT', 'the root folder "/" cannot be deleted');
      this.requireFolder(groupId, folderId);
      return this.ctx.store.groupFiles.deleteFolder(groupId, folderId);
    });
  }

  deleteFile(actor: Actor, groupId: number, fileId: string): Promise<GroupFile> {
    return transaction(this.ctx, () => {
      const file = this.requireFile(actor, groupId, fileId);
      this.requireFileManager(actor, file, 'delete');
      this.ctx.store.groupFiles.deleteFile(groupId, fileId);
      return file;
    });
  }

  /** Moves a file to another folder; `currentFolderId` must be where it lies now. */
  moveFile(actor: Actor, groupId: number, fileId: string, currentFolderId: string, targetFolderId: string): Promise<GroupFile> {
    return transaction(this.ctx, () => {
      const file = this.requireFile(actor, groupId, fileId);
      this.requireFileManager(actor, file, 'move');
      requireParent(file, currentFolderId);
      const target = this.requireFolderId(groupId, targetFolderId);
      if (target === file.folderId) return file;
      return this.ctx.store.groupFiles.updateFile(groupId, fileId, { folderId: target, modifyTime: now(this.ctx) });
    });
  }

  renameFile(actor: Actor, groupId: number, fileId: string, currentFolderId: string, newName: string): Promise<GroupFile> {
    return transaction(this.ctx, () => {
      const file = this.requireFile(actor, groupId, fileId);
      this.requireFileManager(actor, file, 'rename');
      requireParent(file, currentFolderId);
      const name = checkName(newName, 'file name');
      if (name === file.name) return file;
      return this.ctx.store.groupFiles.updateFile(groupId, fileId, { name, modifyTime: now(this.ctx) });
    });
  }

  /** Makes a temporary file permanent (转存为永久文件): its uploader, admins and the owner. */
  keepForever(actor: Actor, groupId: number, fileId: string): Promise<GroupFile> {
    return transaction(this.ctx, () => {
      const file = this.requireFile(actor, groupId, fileId);
      this.requireFileManager(actor, file, 'keep');
      if (file.deadTime === 0) return file;
      return this.ctx.store.groupFiles.updateFile(groupId, fileId, { deadTime: 0, modifyTime: now(this.ctx) });
    });
  }

  requireFolder(groupId: number, folderId: string): GroupFolder {
    const folder = this.ctx.store.groupFiles.getFolder(groupId, folderId);
    if (!folder) throw new WorldError('FOLDER_NOT_FOUND', `group ${groupId} has no folder ${folderId}`, { groupId, folderId });
    return folder;
  }

  /** "/" (also given as "" ) or the id of an existing folder of the group. */
  private requireFolderId(groupId: number, folderId: string): string {
    if (folderId === rootFolderId || folderId === '') return rootFolderId;
    return this.requireFolder(groupId, folderId).folderId;
  }

  private requireMember(actor: Actor, groupId: number): Member | undefined {
    if (actor === 'world') {
      this.groups.require(groupId);
      return undefined;
    }
    return this.groups.requireSelf(groupId, actor);
  }

  private requireManager(actor: Actor, groupId: number, what: string): void {
    if (actor === 'world') this.groups.require(groupId);
    else this.groups.requireAdmin(groupId, actor, `${what} in the group's files`);
  }

  /** The uploader may manage their own file; anyone else must be an admin or the owner. */
  private requireFileManager(actor: Actor, file: GroupFile, verb: string): void {
    if (actor === 'world' || actor === file.uploaderId) return;
    const self = this.groups.requireSelf(file.groupId, actor);
    if (self.role === 'member') {
      throw new WorldError(
        'PERMISSION_DENIED',
        `account ${actor} may not ${verb} file ${file.fileId} of group ${file.groupId}: only its uploader (${file.uploaderId}), admins and the owner may`,
      );
    }
  }
}

function checkName(value: string, what: string): string {
  const name = value.trim();
  if (name === '') throw new WorldError('INVALID_ARGUMENT', `the ${what} cannot be empty`);
  if (/[/\\\0]/.test(name))
    throw new WorldError('INVALID_ARGUMENT', `the ${what} ${JSON.stringify(name)} may not contain "/", "\\" or NUL`);
  if ([...name].length > maxNameLength) throw new WorldError('INVALID_ARGUMENT', `the ${what} is longer than ${maxNameLength} characters`);
  return name;
}

function requireParent(file: GroupFile, currentFolderId: string): void {
  const current = currentFolderId === '' ? rootFolderId : currentFolderId;
  if (current !== file.folderId) {
    throw new WorldError(
      'INVALID_ARGUMENT',
      `file ${file.fileId} lies in folder ${file.folderId}, not in ${current} (current_parent_directory)`,
    );
  }
}
