import { Type } from '@sinclair/typebox';
import { defineAction, type AnyActionSpec } from '../action.js';
import { P } from '../schema.js';
import {
  FilesDeleted,
  filesDeleted,
  FolderCreated,
  NtFileItem,
  NtFolderItem,
  NtOk,
  ntOk,
  toNtFileItem,
  toNtFolderItem,
} from '../shapes/group-file.js';
import { namesOf, usageOf } from './group-file-helpers.js';

const groupId = P.id('Group number');

/**
 * The seed document's group file actions (NapCat removed them in 2024 for the go-cqhttp ones in
 * `group-files.ts`), with the raw NT data shapes the seed shows.
 */
export const seedGroupFileActions: AnyActionSpec[] = [
  defineAction({
    name: 'get_group_file_count',
    origin: 'seed',
    summary: "Number of files in a group's file area (all folders)",
    params: P.object({ group_id: groupId }),
    result: Type.Object({ count: Type.Integer() }),
    async handler(ctx, params) {
      return { count: (await ctx.world.groupFiles.usage(ctx.selfId, params.group_id)).count };
    },
  }),
  defineAction({
    name: 'get_group_file_list',
    origin: 'seed',
    summary: 'Folders and files of one folder (default the root), newest first, paged',
    params: P.object({
      group_id: groupId,
      start_index: P.int('Offset of the first item', { minimum: 0 }),
      file_count: P.int('Most items to return', { minimum: 1, maximum: 10000 }),
      folder_id: P.optional(P.str('Folder id; absent or "/" = the root')),
    }),
    result: Type.Object({ FileList: Type.Array(Type.Union([NtFolderItem, NtFileItem])) }),
    async handler(ctx, params) {
      const { files, folders } = await ctx.world.groupFiles.list(ctx.selfId, params.group_id, params.folder_id || '/');
      const names = await namesOf(ctx, files, folders);
      const usage = await usageOf(ctx, params.group_id, folders);
      const items = [
        ...folders.map((folder) => toNtFolderItem(folder, usage.get(folder.folderId) ?? { count: 0, bytes: 0 }, names)),
        ...files.map((file) => toNtFileItem(file, names)),
      ];
      return { FileList: items.slice(params.start_index, params.start_index + params.file_count) };
    },
  }),
  defineAction({
    name: 'set_group_file_folder',
    origin: 'seed',
    summary: 'Create a folder in the root of the group files (owner or admin)',
    params: P.object({ group_id: groupId, folder_name: P.str('Folder name', { minLength: 1 }) }),
    result: FolderCreated,
    async handler(ctx, params) {
      const folder = await ctx.world.groupFiles.createFolder(ctx.selfId, params.group_id, params.folder_name);
      const names = await namesOf(ctx, [], [folder]);
      return { result: ntOk(), groupItem: toNtFolderItem(folder, { count: 0, bytes: 0 }, names) };
    },
  }),
  defineAction({
    name: 'del_group_file',
    origin: 'seed',
    summary: 'Delete a group file (its uploader, an admin or the owner)',
    params: P.object({ group_id: groupId, file_id: P.str('File id', { minLength: 1 }) }),
    result: FilesDeleted,
    async handler(ctx, params) {
      await ctx.world.groupFiles.deleteFile(ctx.selfId, params.group_id, params.file_id);
      return filesDeleted(params.file_id);
    },
  }),
  defineAction({
    name: 'del_group_file_folder',
    origin: 'seed',
    summary: 'Delete a folder and the files in it (owner or admin)',
    params: P.object({ group_id: groupId, folder_id: P.str('Folder id', { minLength: 1 }) }),
    result: NtOk,
    async handler(ctx, params) {
      await ctx.world.groupFiles.deleteFolder(ctx.selfId, params.group_id, params.folder_id);
      return ntOk();
    },
  }),
];
