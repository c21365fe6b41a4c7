import type { GroupFile, GroupFolder } from '../../world/files/records.js';
import type { ActionContext } from '../action.js';
import { badParams } from '../error-catalogue.js';
import type { Names } from '../shapes/group-file.js';

/** Nicknames of the uploaders and creators of some files and folders. */
export async function namesOf(ctx: ActionContext, files: readonly GroupFile[], folders: readonly GroupFolder[] = []): Promise<Names> {
  const ids = [...files.map((file) => file.uploaderId), ...folders.flatMap((folder) => [folder.creatorId, folder.modifierId])];
  const accounts = await ctx.world.accounts.getMany(ids);
  return new Map([...accounts].map(([userId, account]) => [userId, account.nickname]));
}

/** File counts and sizes of each folder, for the folder shapes. */
export async function usageOf(ctx: ActionContext, groupId: number, folders: readonly GroupFolder[]) {
  const entries = await Promise.all(
    folders.map(async (folder) => [folder.folderId, await ctx.world.groupFiles.folderFileCount(groupId, folder.folderId)] as const),
  );
  return new Map(entries);
}

/** NapCat accepts a folder as `folder_id` or `folder`; absent means the root. */
export function folderParam(params: { folder_id?: string; folder?: string }): string {
  return params.folder_id || params.folder || '/';
}

/** A file name to store an upload under: the given name, or the source's own. */
export function requireName(name: string | undefined, what = 'name'): string {
  if (name === undefined || name.trim() === '') throw badParams(`${what}: is required (the file name shown in QQ)`);
  return name;
}
