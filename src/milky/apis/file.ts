import { WorldError } from '../../world/errors.js';
import { defineApi, type MilkyApiSpec, type MilkyContext } from '../api.js';
import { groupFileEntity, groupFolderEntity } from '../entities.js';

/**
 * A private file the account may download: one sent with upload_private_file, or a file element
 * of a private message, which Milky names by the `file_hash` its file segment carried.
 */
async function privateFileUrl(ctx: MilkyContext, userId: number, fileId: string, fileHash: string): Promise<string> {
  await ctx.world.accounts.require(userId);
  try {
    const file = await ctx.world.privateFiles.require(ctx.selfId, fileId);
    if (file.senderId === userId || file.receiverId === userId) return ctx.services.urls.media(file.blobId, file.name);
  } catch (error) {
    if (!(error instanceof WorldError) || error.code !== 'FILE_NOT_FOUND') throw error;
  }
  const media = fileId.trim() === '' ? undefined : await ctx.world.media.lookup(fileId);
  if (media && media.blobId === fileHash.trim().toLowerCase()) return ctx.services.urls.media(media.blobId, media.name);
  throw new WorldError(
    'FILE_NOT_FOUND',
    `account ${ctx.selfId} has no file ${JSON.stringify(fileId.slice(0, 100))} from the chat with ${userId}`,
  );
}

/**
 * Milky's file APIs over the world's private files and group file areas. Files are stored once in
 * the media store and served by Catnap itself, so download URLs do not expire.
 */
export const fileApis: MilkyApiSpec[] = [
  defineApi('file', 'upload_private_file', 'Send a file to a friend (or someone sharing a group)', async (ctx, input) => {
    const file = await ctx.world.privateFiles.send(ctx.selfId, input.user_id, input.file_uri, input.file_name);
    return { file_id: file.fileId };
  }),
  defineApi('file', 'upload_group_file', "Upload a file into the group's files (root or a folder)", async (ctx, input) => {
    const file = await ctx.world.groupFiles.upload(ctx.selfId, input.group_id, {
      source: input.file_uri,
      name: input.file_name,
      folderId: input.parent_folder_id,
    });
    return { file_id: file.fileId };
  }),
  defineApi('file', 'get_private_file_download_url', 'A download URL of a private file (served by Catnap)', async (ctx, input) => ({
    download_url: await privateFileUrl(ctx, input.user_id, input.file_id, input.file_hash),
  })),
  defineApi('file', 'get_group_file_download_url', 'A download URL of a group file (counts a download)', async (ctx, input) => {
    const file = await ctx.world.groupFiles.download(ctx.selfId, input.group_id, input.file_id);
    return { download_url: ctx.services.urls.media(file.blobId, file.name) };
  }),
  defineApi('file', 'get_group_files', 'The files and folders of one folder ("/" is the root)', async (ctx, input) => {
    const { files, folders } = await ctx.world.groupFiles.list(ctx.selfId, input.group_id, input.parent_folder_id);
    const folderViews = [];
    for (const folder of folders) {
      const { count } = await ctx.world.groupFiles.folderFileCount(input.group_id, folder.folderId);
      folderViews.push(groupFolderEntity(folder, count));
    }
    return { files: files.map(groupFileEntity), folders: folderViews };
  }),
  defineApi('file', 'move_group_file', 'Move a file to another folder (its uploader, an admin or the owner)', async (ctx, input) => {
    await ctx.world.groupFiles.moveFile(ctx.selfId, input.group_id, input.file_id, input.parent_folder_id, input.target_folder_id);
  }),
  defineApi('file', 'rename_group_file', 'Rename a file (its uploader, an admin or the owner)', async (ctx, input) => {
    await ctx.world.groupFiles.renameFile(ctx.selfId, input.group_id, input.file_id, input.parent_folder_id, input.new_file_name);
  }),
  defineApi('file', 'delete_group_file', 'Delete a file (its uploader, an admin or the owner)', async (ctx, input) => {
    await ctx.world.groupFiles.deleteFile(ctx.selfId, input.group_id, input.file_id);
  }),
  defineApi('file', 'create_group_folder', 'Create a folder in the root (owner or admin)', async (ctx, input) => {
    return { folder_id: (await ctx.world.groupFiles.createFolder(ctx.selfId, input.group_id, input.folder_name)).folderId };
  }),
  defineApi('file', 'rename_group_folder', 'Rename a folder (owner or admin)', async (ctx, input) => {
    await ctx.world.groupFiles.renameFolder(ctx.selfId, input.group_id, input.folder_id, input.new_folder_name);
  }),
  defineApi('file', 'delete_group_folder', 'Delete a folder and its files (owner or admin)', async (ctx, input) => {
    await ctx.world.groupFiles.deleteFolder(ctx.selfId, input.group_id, input.folder_id);
  }),
];
