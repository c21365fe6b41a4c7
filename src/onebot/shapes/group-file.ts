import { createHash } from 'node:crypto';
import type { GroupFile, GroupFolder } from '../../world/files/records.js';

/**
 * Group file shapes. go-cqhttp's (get_group_root_files and friends, what NapCat serves today) and
 * the raw NT items NapCat's older actions returned (get_group_file_list, set_group_file_folder,
 * as the seed document shows them). `names` maps uins to the nicknames shown as uploader/creator.
 */
export type Names = ReadonlyMap<number, string>;

export function toGocqFile(file: GroupFile, names: Names) {
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

export function toGocqFolder(folder: GroupFolder, fileCount: number, names: Names) {
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
export function toNtFileItem(file: GroupFile, names: Names) {
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
export function toNtFolderItem(folder: GroupFolder, usage: { count: number; bytes: number }, names: Names) {
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
export const ntOk = () => ({ retCode: 0, retMsg: 'ok', clientWording: '' });
