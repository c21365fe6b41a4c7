import { createHash } from 'node:crypto';
import { Type, type Static } from '@sinclair/typebox';
import type { GroupFile, GroupFolder } from '../../world/files/records.js';

/**
 * Group file shapes. go-cqhttp's (get_group_root_files and friends, what NapCat serves today) and
 * the raw NT items NapCat's older actions returned (get_group_file_list, set_group_file_folder,
 * as the seed document shows them). `names` maps uins to the nicknames shown as uploader/creator.
 */
export type Names = ReadonlyMap<number, string>;

export const GocqFile = Type.Object({
  group_id: Type.Integer(),
  file_id: Type.String(),
  file_name: Type.String(),
  busid: Type.Integer(),
  size: Type.Integer(),
  file_size: Type.Integer(),
  upload_time: Type.Integer(),
  dead_time: Type.Integer(),
  modify_time: Type.Integer(),
  download_times: Type.Integer(),
  uploader: Type.Integer(),
  uploader_name: Type.String(),
});

export function toGocqFile(file: GroupFile, names: Names): Static<typeof GocqFile> {
  return {
    group_id: file.groupId,
    file_id: file.fileId,
    file_name: file.name,
    busid: file.busid,
    size: file.size,
    file_size: file.size,
    upload_time: file.uploadTime,
    dead_time: file.deadTime,
    modify_time: file.modifyTime,
    download_times: file.downloadTimes,
    uploader: file.uploaderId,
    uploader_name: names.get(file.uploaderId) ?? '',
  };
}

export const GocqFolder = Type.Object({
  group_id: Type.Integer(),
  folder_id: Type.String(),
  folder: Type.String(),
  folder_name: Type.String(),
  create_time: Type.Integer(),
  creator: Type.Integer(),
  creator_name: Type.String(),
  total_file_count: Type.Integer(),
});

/** go-cqhttp's listing of one folder. */
export const GocqListing = Type.Object({ files: Type.Array(GocqFile), folders: Type.Array(GocqFolder) });

export function toGocqFolder(folder: GroupFolder, fileCount: number, names: Names): Static<typeof GocqFolder> {
  return {
    group_id: folder.groupId,
    folder_id: folder.folderId,
    folder: folder.folderId,
    folder_name: folder.name,
    create_time: folder.createTime,
    creator: folder.creatorId,
    creator_name: names.get(folder.creatorId) ?? '',
    total_file_count: fileCount,
  };
}

/** QQ's numeric model id of a file, derived stably from its id. */
function modelIdOf(fileId: string): string {
  return (createHash('sha256').update(fileId).digest().readBigUInt64BE(0) >> 1n).toString();
}

/** NT's group file item (type 1). */
export const NtFileItem = Type.Object({
  peerId: Type.String(),
  type: Type.Literal(1),
  folderInfo: Type.Null(),
  fileInfo: Type.Object({
    fileModelId: Type.String(),
    fileId: Type.String(),
    fileName: Type.String(),
    fileSize: Type.String(),
    busId: Type.Integer(),
    uploadedSize: Type.String(),
    uploadTime: Type.Integer(),
    deadTime: Type.Integer(),
    modifyTime: Type.Integer(),
    downloadTimes: Type.Integer(),
    sha: Type.String(),
    sha3: Type.String(),
    md5: Type.String(),
    uploaderLocalPath: Type.String(),
    uploaderName: Type.String(),
    uploaderUin: Type.String(),
    parentFolderId: Type.String(),
    localPath: Type.String(),
    transStatus: Type.Integer(),
    transType: Type.Integer(),
    elementId: Type.String(),
    isFolder: Type.Boolean(),
  }),
});

export function toNtFileItem(file: GroupFile, names: Names): Static<typeof NtFileItem> {
  return {
    peerId: String(file.groupId),
    type: 1,
    folderInfo: null,
    fileInfo: {
      fileModelId: modelIdOf(file.fileId),
      fileId: file.fileId,
      fileName: file.name,
      fileSize: String(file.size),
      busId: file.busid,
      uploadedSize: String(file.size),
      uploadTime: file.uploadTime,
      deadTime: file.deadTime,
      modifyTime: file.modifyTime,
      downloadTimes: file.downloadTimes,
      sha: file.sha1,
      sha3: '',
      md5: file.md5,
      uploaderLocalPath: '',
      uploaderName: names.get(file.uploaderId) ?? '',
      uploaderUin: String(file.uploaderId),
      parentFolderId: file.folderId,
      localPath: '',
      transStatus: 0,
      transType: 0,
      elementId: '0',
      isFolder: false,
    },
  };
}

/** NT's group folder item (type 2). */
export const NtFolderItem = Type.Object({
  peerId: Type.String(),
  type: Type.Literal(2),
  folderInfo: Type.Object({
    folderId: Type.String(),
    parentFolderId: Type.String(),
    folderName: Type.String(),
    createTime: Type.Integer(),
    modifyTime: Type.Integer(),
    createUin: Type.String(),
    creatorName: Type.String(),
    totalFileCount: Type.Integer(),
    modifyUin: Type.String(),
    modifyName: Type.String(),
    usedSpace: Type.String(),
  }),
  fileInfo: Type.Null(),
});

export function toNtFolderItem(folder: GroupFolder, usage: { count: number; bytes: number }, names: Names): Static<typeof NtFolderItem> {
  return {
    peerId: String(folder.groupId),
    type: 2,
    folderInfo: {
      folderId: folder.folderId,
      parentFolderId: '/',
      folderName: folder.name,
      createTime: folder.createTime,
      modifyTime: folder.modifyTime,
      createUin: String(folder.creatorId),
      creatorName: names.get(folder.creatorId) ?? '',
      totalFileCount: usage.count,
      modifyUin: String(folder.modifierId),
      modifyName: names.get(folder.modifierId) ?? '',
      usedSpace: String(usage.bytes),
    },
    fileInfo: null,
  };
}

/** NT's success result of a file operation. */
export const NtOk = Type.Object({ retCode: Type.Integer(), retMsg: Type.String(), clientWording: Type.String() });
export const ntOk = (): Static<typeof NtOk> => ({ retCode: 0, retMsg: 'ok', clientWording: '' });

/** A created folder: NT's result with the new folder item. */
export const FolderCreated = Type.Object({ result: NtOk, groupItem: NtFolderItem });

/** NT's answer to deleting files: which ids went, which did not. */
export const FilesDeleted = Type.Object({
  result: Type.Integer(),
  errMsg: Type.String(),
  transGroupFileResult: Type.Object({
    result: NtOk,
    successFileIdList: Type.Array(Type.String()),
    failFileIdList: Type.Array(Type.String()),
  }),
});

export const filesDeleted = (fileId: string): Static<typeof FilesDeleted> => ({
  result: 0,
  errMsg: '',
  transGroupFileResult: { result: ntOk(), successFileIdList: [fileId], failFileIdList: [] },
});
