import { Type } from '@sinclair/typebox';
import { groupFileLimits } from '../../world/files/group-file-service.js';
import { defineAction, type ActionContext, type AnyActionSpec } from '../action.js';
import { badParams } from '../error-catalogue.js';
import { P } from '../schema.js';
import {
  FilesDeleted,
  filesDeleted,
  FolderCreated,
  GocqListing,
  NtOk,
  ntOk,
  toGocqFile,
  toGocqFolder,
  toNtFolderItem,
} from '../shapes/group-file.js';
import { folderParam, namesOf, usageOf } from './group-file-helpers.js';

const groupId = P.id('Group number');
const fileId = P.str('File id (from get_group_root_files, upload_group_file or the group_upload notice)', { minLength: 1 });
const fileCount = P.optional(P.int('Most files to return', { minimum: 1, maximum: 10000, default: 50 }));
const folderIds = {
  folder_id: P.optional(P.str('Folder id; absent or "/" = the root')),
  folder: P.optional(P.str('go-cqhttp name of folder_id')),
};

/** go-cqhttp's group file actions, as NapCat serves them today. */
export const groupFileActions: AnyActionSpec[] = [
  defineAction({
    name: 'get_group_file_system_info',
    origin: 'go-cqhttp',
    summary: "Number of files and space used in a group's file area",
    params: P.object({ group_id: groupId }),
    result: Type.Object({
      file_count: Type.Integer(),
      limit_count: Type.Integer(),
      used_space: Type.Integer(),
      total_space: Type.Integer(),
    }),
    async handler(ctx, params) {
      const usage = await ctx.world.groupFiles.usage(ctx.selfId, params.group_id);
      return { file_count: usage.count, limit_count: groupFileLimits.count, used_space: usage.bytes, total_space: groupFileLimits.bytes };
    },
  }),
  defineAction({
    name: 'get_group_root_files',
    origin: 'go-cqhttp',
    summary: "Files and folders in the root of a group's file area, newest first",
    params: P.object({ group_id: groupId, file_count: fileCount }),
    result: GocqListing,
    handler: (ctx, params) => gocqListing(ctx, params.group_id, '/', params.file_count),
  }),
  defineAction({
    name: 'get_group_files_by_folder',
    origin: 'go-cqhttp',
    summary: 'Files in one folder of a group, newest first',
    params: P.object({ group_id: groupId, ...folderIds, file_count: fileCount }),
    result: GocqListing,
    handler: (ctx, params) => gocqListing(ctx, params.group_id, folderParam(params), params.file_count),
  }),
  defineAction({
    name: 'create_group_file_folder',
    origin: 'go-cqhttp',
    summary: 'Create a folder in the root of the group files (owner or admin)',
    params: P.object({
      group_id: groupId,
      folder_name: P.optional(P.str('Folder name')),
      name: P.optional(P.str('go-cqhttp name of folder_name')),
      parent_id: P.optional(P.str('Must be "/": QQ folders live in the root')),
    }),
    result: FolderCreated,
    async handler(ctx, params) {
      const name = params.folder_name ?? params.name;
      if (name === undefined) throw badParams('folder_name: is required');
      const folder = await ctx.world.groupFiles.createFolder(ctx.selfId, params.group_id, name, params.parent_id ?? '/');
      const names = await namesOf(ctx, [], [folder]);
      return { result: ntOk(), groupItem: toNtFolderItem(folder, { count: 0, bytes: 0 }, names) };
    },
    dialects: {
      llbot: {
        note: 'Answers `{folder_id}`, the new folder’s id.',
        result: Type.Object({ folder_id: Type.String() }),
        reshape: (data) => ({ folder_id: data.groupItem.folderInfo.folderId }),
      },
      'go-cqhttp': { note: 'Answers null.', result: Type.Null(), reshape: () => null },
    },
  }),
  defineAction({
    name: 'delete_group_folder',
    origin: 'go-cqhttp',
    summary: 'Delete a folder and the files in it (owner or admin)',
    params: P.object({ group_id: groupId, ...folderIds }),
    result: NtOk,
    dialects: {
      llbot: { note: 'Answers null.', result: Type.Null(), reshape: () => null },
      'go-cqhttp': { note: 'Answers null.', result: Type.Null(), reshape: () => null },
    },
    async handler(ctx, params) {
      const folderId = params.folder_id || params.folder;
      if (!folderId) throw badParams('folder_id: is required');
      await ctx.world.groupFiles.deleteFolder(ctx.selfId, params.group_id, folderId);
      return ntOk();
    },
  }),
  defineAction({
    name: 'upload_group_file',
    origin: 'go-cqhttp',
    summary: 'Upload a file to the group files (any member); members get a group_upload notice',
    params: P.object({
      group_id: groupId,
      file: P.str('The file: a path, file://, http(s)://, base64:// or a file id', { minLength: 1 }),
      name: P.str('File name shown in QQ', { minLength: 1 }),
      ...folderIds,
      upload_file: P.optional(P.bool('Ignored: the file is always uploaded')),
    }),
    result: Type.Object({ file_id: Type.String() }),
    dialects: { 'go-cqhttp': { note: 'Answers null.', result: Type.Null(), reshape: () => null } },
    async handler(ctx, params) {
      const file = await ctx.world.groupFiles.upload(ctx.selfId, params.group_id, {
        source: params.file,
        name: params.name,
        folderId: folderParam(params),
      });
      return { file_id: file.fileId };
    },
  }),
  defineAction({
    name: 'delete_group_file',
    origin: 'go-cqhttp',
    summary: 'Delete a group file (its uploader, an admin or the owner)',
    params: P.object({ group_id: groupId, file_id: fileId, busid: P.optional(P.int('Ignored: file ids are unique')) }),
    result: FilesDeleted,
    dialects: {
      llbot: { note: 'Answers null.', result: Type.Null(), reshape: () => null },
      'go-cqhttp': { note: 'Answers null.', result: Type.Null(), reshape: () => null },
    },
    async handler(ctx, params) {
      await ctx.world.groupFiles.deleteFile(ctx.selfId, params.group_id, params.file_id);
      return filesDeleted(params.file_id);
    },
  }),
  defineAction({
    name: 'get_group_file_url',
    origin: 'go-cqhttp',
    summary: 'A download URL of a group file (served by Catnap; it never expires)',
    params: P.object({ group_id: groupId, file_id: fileId, busid: P.optional(P.int('Ignored: file ids are unique')) }),
    result: Type.Object({ url: Type.String() }),
    async handler(ctx, params) {
      const file = await ctx.world.groupFiles.download(ctx.selfId, params.group_id, params.file_id);
      return { url: ctx.services.urls.media(file.blobId, file.name) };
    },
  }),
  defineAction({
    name: 'move_group_file',
    origin: 'napcat',
    summary: 'Move a group file to another folder (its uploader, an admin or the owner)',
    params: P.object({
      group_id: groupId,
      file_id: fileId,
      current_parent_directory: P.str('Folder the file is in now ("/" = root)'),
      target_parent_directory: P.str('Folder to move it to ("/" = root)'),
    }),
    result: Type.Object({ ok: Type.Boolean() }),
    async handler(ctx, params) {
      await ctx.world.groupFiles.moveFile(
        ctx.selfId,
        params.group_id,
        params.file_id,
        params.current_parent_directory,
        params.target_parent_directory,
      );
      return { ok: true };
    },
  }),
  defineAction({
    name: 'rename_group_file',
    origin: 'napcat',
    summary: 'Rename a group file (its uploader, an admin or the owner)',
    params: P.object({
      group_id: groupId,
      file_id: fileId,
      current_parent_directory: P.str('Folder the file is in ("/" = root)'),
      new_name: P.str('The new name', { minLength: 1 }),
    }),
    result: Type.Object({ ok: Type.Boolean() }),
    async handler(ctx, params) {
      await ctx.world.groupFiles.renameFile(ctx.selfId, params.group_id, params.file_id, params.current_parent_directory, params.new_name);
      return { ok: true };
    },
  }),
];

/** go-cqhttp's `{files, folders}` listing of one folder ("/" for the root), newest first. */
async function gocqListing(ctx: ActionContext, groupId: number, folderId: string, count: number | undefined) {
  const { files, folders } = await ctx.world.groupFiles.list(ctx.selfId, groupId, folderId);
  const shown = files.slice(0, count ?? 50);
  const names = await namesOf(ctx, shown, folders);
  const usage = await usageOf(ctx, groupId, folders);
  return {
    files: shown.map((file) => toGocqFile(file, names)),
    folders: folders.map((folder) => toGocqFolder(folder, usage.get(folder.folderId)?.count ?? 0, names)),
  };
}
