import { createHash, randomUUID } from 'node:crypto';
import { WorldError } from '../errors.js';
import type { MediaService } from '../media/media-service.js';
import type { Member } from '../model.js';
import { emit, now, type Actor, type ServiceContext } from '../services/context.js';
import type { GroupService } from '../services/group-service.js';
import { rootFolderId, type GroupFile, type GroupFolder } from './records.js';

/** QQ's quota of an ordinary group's file area. */
export const groupFileLimits = { count: 10000, bytes: 10 * 1024 * 1024 * 1024 } as const;
const maxNameLength = 255;

export interface GroupUpload {
  readonly source: string;
  readonly name: string;
  /** "/" or a folder id; default root. */
  readonly folderId?: string;
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
  ) {}

  async upload(actor: number, groupId: number, upload: GroupUpload): Promise<GroupFile> {
    await this.groups.requireSelf(groupId, actor);
    const name = checkName(upload.name, 'file name');
    const folderId = await this.requireFolderId(groupId, upload.folderId ?? rootFolderId);
    const usage = await this.ctx.store.groupFiles.usage(groupId);
    if (usage.count >= groupFileLimits.count)
      throw new WorldError('LIMIT_REACHED', `group ${groupId} already holds ${groupFileLimits.count} files`);
    const ref = await this.media.ingest(upload.source, name);
    if (usage.bytes + ref.size > groupFileLimits.bytes) {
      throw new WorldError('LIMIT_REACHED', `group ${groupId} has no room for ${ref.size} more bytes (quota ${groupFileLimits.bytes})`);
    }
    const bytes = await this.media.blobs.read(ref.blobId);
    const time = now(this.ctx);
    const file: GroupFile = {
      fileId: `/${randomUUID()}`,
      groupId,
      folderId,
      name,
      blobId: ref.blobId,
      size: ref.size,
      md5: createHash('md5').update(bytes).digest('hex'),
      sha1: createHash('sha1').update(bytes).digest('hex'),
      busid: 102,
      uploaderId: actor,
      uploadTime: time,
      modifyTime: time,
      deadTime: 0,
      downloadTimes: 0,
    };
    await this.ctx.store.groupFiles.insertFile(file);
    emit(this.ctx, {
      type: 'file.uploaded',
      groupId,
      userId: actor,
      file: { id: file.fileId, name: file.name, size: file.size, busid: file.busid },
      audience: await this.groups.memberIds(groupId),
    });
    return file;
  }

  /** Files and folders of one folder ("/" = root), newest first; members only. */
  async list(actor: Actor, groupId: number, folderId: string = rootFolderId): Promise<{ files: GroupFile[]; folders: GroupFolder[] }> {
    await this.requireMember(actor, groupId);
    const id = await this.requireFolderId(groupId, folderId);
    const files = await this.ctx.store.groupFiles.files(groupId, id);
    const folders = id === rootFolderId ? await this.ctx.store.groupFiles.folders(groupId) : [];
    return { files, folders };
  }

  /** Every file of the group, whatever its folder, newest first; members only. */
  async allFiles(actor: Actor, groupId: number): Promise<GroupFile[]> {
    await this.requireMember(actor, groupId);
    return this.ctx.store.groupFiles.allFiles(groupId);
  }

  async folderFileCount(groupId: number, folderId: string): Promise<{ count: number; bytes: number }> {
    const files = await this.ctx.store.groupFiles.files(groupId, folderId);
    return { count: files.length, bytes: files.reduce((sum, file) => sum + file.size, 0) };
  }

  async usage(actor: Actor, groupId: number): Promise<{ count: number; bytes: number }> {
    await this.requireMember(actor, groupId);
    return this.ctx.store.groupFiles.usage(groupId);
  }

  async requireFile(actor: Actor, groupId: number, fileId: string): Promise<GroupFile> {
    await this.requireMember(actor, groupId);
    const file = await this.ctx.store.groupFiles.getFile(groupId, fileId);
    if (!file) throw new WorldError('FILE_NOT_FOUND', `group ${groupId} has no file ${fileId}`, { groupId, fileId });
    return file;
  }

  /** A file a member is about to download: counts the download. */
  async download(actor: Actor, groupId: number, fileId: string): Promise<GroupFile> {
    const file = await this.requireFile(actor, groupId, fileId);
    await this.ctx.store.groupFiles.countDownload(fileId);
    return file;
  }

  async createFolder(actor: Actor, groupId: number, name: string, parentId: string = rootFolderId): Promise<GroupFolder> {
    await this.requireManager(actor, groupId, 'create folders');
    const folderName = checkName(name, 'folder name');
    if (parentId !== rootFolderId && parentId !== '') {
      throw new WorldError(
        'INVALID_ARGUMENT',
        `QQ group folders live in the root only; parent_id must be "/", got ${JSON.stringify(parentId)}`,
      );
    }
    if (await this.ctx.store.groupFiles.findFolderByName(groupId, folderName)) {
      throw new WorldError('ALREADY_EXISTS', `group ${groupId} already has a folder named ${JSON.stringify(folderName)}`);
    }
    const time = now(this.ctx);
    const operator = actor === 'world' ? (await this.groups.require(groupId)).ownerId : actor;
    const folder: GroupFolder = {
      folderId: `/${randomUUID()}`,
      groupId,
      name: folderName,
      creatorId: operator,
      createTime: time,
      modifierId: operator,
      modifyTime: time,
    };
    await this.ctx.store.groupFiles.insertFolder(folder);
    return folder;
  }

  /** Renames a folder: admins and the owner only; names stay unique within the group. */
  async renameFolder(actor: Actor, groupId: number, folderId: string, newName: string): Promise<GroupFolder> {
    await this.requireManager(actor, groupId, 'rename folders');
    const folder = await this.requireFolder(groupId, folderId);
    const name = checkName(newName, 'folder name');
    if (name === folder.name) return folder;
    if (await this.ctx.store.groupFiles.findFolderByName(groupId, name)) {
      throw new WorldError('ALREADY_EXISTS', `group ${groupId} already has a folder named ${JSON.stringify(name)}`);
    }
    const modifierId = actor === 'world' ? (await this.groups.require(groupId)).ownerId : actor;
    return this.ctx.store.groupFiles.renameFolder(groupId, folder.folderId, { name, modifierId, modifyTime: now(this.ctx) });
  }

  /** Deletes a folder and the files in it: admins and the owner only. */
  async deleteFolder(actor: Actor, groupId: number, folderId: string): Promise<GroupFile[]> {
    await this.requireManager(actor, groupId, 'delete folders');
    if (folderId === rootFolderId) throw new WorldError('INVALID_ARGUMENT', 'the root folder "/" cannot be deleted');
    await this.requireFolder(groupId, folderId);
    return this.ctx.store.groupFiles.deleteFolder(groupId, folderId);
  }

  async deleteFile(actor: Actor, groupId: number, fileId: string): Promise<GroupFile> {
    const file = await this.requireFile(actor, groupId, fileId);
    await this.requireFileManager(actor, file, 'delete');
    await this.ctx.store.groupFiles.deleteFile(groupId, fileId);
    return file;
  }

  /** Moves a file to another folder; `currentFolderId` must be where it lies now. */
  async moveFile(actor: Actor, groupId: number, fileId: string, currentFolderId: string, targetFolderId: string): Promise<GroupFile> {
    const file = await this.requireFile(actor, groupId, fileId);
    await this.requireFileManager(actor, file, 'move');
    requireParent(file, currentFolderId);
    const target = await this.requireFolderId(groupId, targetFolderId);
    if (target === file.folderId) return file;
    return this.ctx.store.groupFiles.updateFile(groupId, fileId, { folderId: target, modifyTime: now(this.ctx) });
  }

  async renameFile(actor: Actor, groupId: number, fileId: string, currentFolderId: string, newName: string): Promise<GroupFile> {
    const file = await this.requireFile(actor, groupId, fileId);
    await this.requireFileManager(actor, file, 'rename');
    requireParent(file, currentFolderId);
    const name = checkName(newName, 'file name');
    if (name === file.name) return file;
    return this.ctx.store.groupFiles.updateFile(groupId, fileId, { name, modifyTime: now(this.ctx) });
  }

  async requireFolder(groupId: number, folderId: string): Promise<GroupFolder> {
    const folder = await this.ctx.store.groupFiles.getFolder(groupId, folderId);
    if (!folder) throw new WorldError('FOLDER_NOT_FOUND', `group ${groupId} has no folder ${folderId}`, { groupId, folderId });
    return folder;
  }

  /** "/" (also given as "" ) or the id of an existing folder of the group. */
  private async requireFolderId(groupId: number, folderId: string): Promise<string> {
    if (folderId === rootFolderId || folderId === '') return rootFolderId;
    return (await this.requireFolder(groupId, folderId)).folderId;
  }

  private async requireMember(actor: Actor, groupId: number): Promise<Member | undefined> {
    if (actor === 'world') {
      await this.groups.require(groupId);
      return undefined;
    }
    return this.groups.requireSelf(groupId, actor);
  }

  private async requireManager(actor: Actor, groupId: number, what: string): Promise<void> {
    if (actor === 'world') await this.groups.require(groupId);
    else await this.groups.requireAdmin(groupId, actor, `${what} in the group's files`);
  }

  /** The uploader may manage their own file; anyone else must be an admin or the owner. */
  private async requireFileManager(actor: Actor, file: GroupFile, verb: string): Promise<void> {
    if (actor === 'world' || actor === file.uploaderId) return;
    const self = await this.groups.requireSelf(file.groupId, actor);
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
