import { Type } from '@sinclair/typebox';
import { defineAction, type AnyActionSpec } from '../action.js';
import { badParams } from '../error-catalogue.js';
import { P } from '../schema.js';

const groupId = P.id('Group number');

/** LLBot's group file names that NapCat lacks, with LLBot's params; each answers null as LLBot does. */
export const llbotGroupFileActions: AnyActionSpec[] = [
  defineAction({
    name: 'rename_group_file_folder',
    origin: 'llbot',
    summary: 'Rename a folder of the group files (owner or admin); names stay unique in the group',
    params: P.object({
      group_id: groupId,
      folder_id: P.str('Folder id (from get_group_root_files)', { minLength: 1 }),
      new_folder_name: P.optional(P.str('The new name')),
      new_name: P.optional(P.str('Accepted for new_folder_name (what LLBot’s own test sends)')),
    }),
    result: Type.Null(),
    async handler(ctx, params) {
      const name = params.new_folder_name ?? params.new_name;
      if (name === undefined) throw badParams('new_folder_name: is required');
      await ctx.world.groupFiles.renameFolder(ctx.selfId, params.group_id, params.folder_id, name);
      return null;
    },
  }),
  defineAction({
    name: 'set_group_file_forever',
    origin: 'llbot',
    summary: 'Keep a temporary group file forever (its uploader, an admin or the owner); a permanent file stays as it is',
    description: 'The file’s `dead_time` becomes 0. Files uploaded through the bot APIs are permanent already.',
    params: P.object({ group_id: groupId, file_id: P.str('File id (from get_group_root_files)', { minLength: 1 }) }),
    result: Type.Null(),
    async handler(ctx, params) {
      await ctx.world.groupFiles.keepForever(ctx.selfId, params.group_id, params.file_id);
      return null;
    },
  }),
];
