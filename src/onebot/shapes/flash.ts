import { Type, type Static } from '@sinclair/typebox';
import { flashShareLink, type FlashFile, type FlashFileSet } from '../../world/flash/records.js';
import { uidOf } from '../../world/services/account-service.js';
import type { PublicUrls } from '../action.js';

/**
 * NapCat's flash transfer answers are the QQ NT kernel's objects passed through. These are their
 * fields that a world can fill truthfully; the bookkeeping of a real client (thumbnails, local
 * paths, speeds, album storage) is left out.
 */
const FlashFileInfo = Type.Object({
  fileSetId: Type.String(),
  cliFileId: Type.String(),
  isDir: Type.Boolean(),
  parentId: Type.String(),
  depth: Type.Integer(),
  cliFileIndex: Type.Integer(),
  fileType: Type.Integer(),
  name: Type.String(),
  fileSize: Type.String(),
  srvFileId: Type.String(),
  sha1: Type.String(),
  status: Type.Integer(),
  uploadStatus: Type.Integer(),
  downloadStatus: Type.Integer(),
});

export const FlashFileList = Type.Object({
  seq: Type.Integer(),
  result: Type.Integer(),
  errMs: Type.String(),
  fileLists: Type.Array(
    Type.Object({
      parentId: Type.String(),
      depth: Type.Integer(),
      fileList: Type.Array(FlashFileInfo),
      paginationInfo: Type.Object({}),
      isEnd: Type.Boolean(),
      isCache: Type.Boolean(),
    }),
  ),
});

export const FlashFileSetInfo = Type.Object({
  result: Type.Integer(),
  errMsg: Type.String(),
  seq: Type.Integer(),
  isCache: Type.Boolean(),
  fileSet: Type.Object({
    fileSetId: Type.String(),
    taskId: Type.String(),
    name: Type.String(),
    totalFileCount: Type.Integer(),
    totalFileSize: Type.Integer(),
    shareInfo: Type.Object({ shareLink: Type.String(), extractionCode: Type.String() }),
    uploaders: Type.Array(Type.Object({ uin: Type.String(), nickname: Type.String(), uid: Type.String(), sendEntrance: Type.String() })),
    createTime: Type.Integer(),
    expireTime: Type.Integer(),
    expireLeftTime: Type.Integer(),
    status: Type.Integer(),
    uploadStatus: Type.Integer(),
    downloadStatus: Type.Integer(),
  }),
});

/** QQ's file type numbers of the flash transfer list, by extension. */
const fileTypes: readonly [RegExp, number][] = [
  [/\.(mp3|wav|amr|silk|flac|ogg|m4a|aac)$/i, 1],
  [/\.(mp4|mov|avi|wmv|mpeg|mpg|flv|mkv)$/i, 2],
  [/\.(docx?|rtf|odt)$/i, 3],
  [/\.(zip|rar|7z|tar|gz|bz2|xz)$/i, 4],
  [/\.(xlsx?|csv|ods)$/i, 6],
  [/\.(pptx?|odp)$/i, 7],
  [/\.(js|ts|py|c|cpp|h|java|go|rs|json|html|css|sh)$/i, 8],
  [/\.pdf$/i, 9],
  [/\.(txt|md|log)$/i, 10],
  [/\.(png|jpe?g|gif|webp|bmp)$/i, 26],
];

function fileType(name: string): number {
  return fileTypes.find(([pattern]) => pattern.test(name))?.[1] ?? 11;
}

/** Status numbers: 2 = done (uploaded, or saved by the viewer), 0 = not downloaded. */
function toFileInfo(set: FlashFileSet, file: FlashFile, downloaded: boolean): Static<typeof FlashFileInfo> {
  return {
    fileSetId: set.filesetId,
    cliFileId: file.fileId,
    isDir: false,
    parentId: '',
    depth: 1,
    cliFileIndex: file.index,
    fileType: fileType(file.name),
    name: file.name,
    fileSize: String(file.size),
    srvFileId: file.fileId,
    sha1: file.sha1,
    status: 2,
    uploadStatus: 3,
    downloadStatus: downloaded ? 2 : 0,
  };
}

export function toFlashFileList(set: FlashFileSet, downloaded: boolean): Static<typeof FlashFileList> {
  return {
    seq: 0,
    result: 0,
    errMs: '',
    fileLists: [
      {
        parentId: '',
        depth: 1,
        fileList: set.files.map((file) => toFileInfo(set, file, downloaded)),
        paginationInfo: {},
        isEnd: true,
        isCache: false,
      },
    ],
  };
}

export function toFlashFileSetInfo(set: FlashFileSet, owner: string, time: number, downloaded: boolean): Static<typeof FlashFileSetInfo> {
  return {
    result: 0,
    errMsg: '',
    seq: 0,
    isCache: false,
    fileSet: {
      fileSetId: set.filesetId,
      taskId: set.filesetId,
      name: set.name,
      totalFileCount: set.files.length,
      totalFileSize: totalSize(set),
      shareInfo: { shareLink: flashShareLink(set.shareCode), extractionCode: '' },
      uploaders: [{ uin: String(set.ownerId), nickname: owner, uid: uidOf(set.ownerId), sendEntrance: '' }],
      createTime: set.createTime,
      expireTime: set.expireTime,
      expireLeftTime: Math.max(0, set.expireTime - time),
      status: 2,
      uploadStatus: 3,
      downloadStatus: downloaded ? 2 : 0,
    },
  };
}

export function totalSize(set: FlashFileSet): number {
  return set.files.reduce((sum, file) => sum + file.size, 0);
}

/** LLBot's `{name, size, url, expire}` of each file: Catnap's URL, good until the set expires. */
export const FlashDownload = Type.Object({ name: Type.String(), size: Type.Integer(), url: Type.String(), expire: Type.Integer() });

export function toFlashDownloads(set: FlashFileSet, urls: PublicUrls, time: number): Static<typeof FlashDownload>[] {
  return set.files.map((file) => ({
    name: file.name,
    size: file.size,
    url: urls.media(file.blobId, file.name),
    expire: Math.max(0, set.expireTime - time),
  }));
}

/**
 * The share code in what a bot gives: a bare code, QQ's link (https://qfile.qq.com/q/<code>), or
 * anything ending in `=<code>` (NapCat splits at the first "=").
 */
export function shareCodeOf(input: string): string {
  const trimmed = input.trim();
  const link = /qfile\.qq\.com\/q\/([\w-]+)/.exec(trimmed);
  if (link) return link[1]!;
  if (trimmed.includes('=')) return trimmed.split('=').slice(1).join('=');
  return trimmed;
}
