import { chmod, link, mkdir, copyFile, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { privateDirMode, privateFileMode } from '../../util/private-files.js';
import { WorldError } from '../errors.js';
import type { MediaService } from './media-service.js';
import { safeFileName } from './file-name.js';
import { extensionOf } from './mime.js';

export interface DownloadRequest {
  /** The account downloading (whose media ids a Catnap URL may name). */
  readonly viewerId: number;
  /** An http(s) URL; go-cqhttp's download_file takes nothing else. */
  readonly url?: string;
  readonly base64?: string;
  readonly name?: string;
  /** Extra request headers for `url`. */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * go-cqhttp's download_file: fetches a URL (or decodes base64) into Catnap's storage and gives
 * back a local path to it. The bytes are stored once as a blob; the path is a hard link (or a
 * copy, across file systems) named as asked, under `<media>/downloads/<account>/<blob prefix>/`;
 * the account's clean_cache deletes its copies (BlobStore.removeDownloads), as NapCat's deletes its
 * own temp folder.
 */
export async function downloadToStorage(media: MediaService, request: DownloadRequest): Promise<string> {
  if (request.base64 === undefined && !/^https?:\/\//i.test(request.url ?? '')) {
    throw new WorldError('MEDIA_UNREADABLE', `download_file needs an http(s) url, got ${JSON.stringify((request.url ?? '').slice(0, 80))}`);
  }
  const ref =
    request.base64 !== undefined
      ? await media.ingest(`base64://${request.base64.replace(/^base64:\/\//, '')}`, request.viewerId)
      : request.headers && Object.keys(request.headers).length > 0
        ? await media.ingestUrl(request.url ?? '', request.headers)
        : await media.ingest(request.url ?? '', request.viewerId);
  const name =
    safeFileName(request.name) ||
    (ref.name && !ref.name.startsWith(ref.blobId.slice(0, 32)) ? safeFileName(ref.name) : '') ||
    `${ref.blobId.slice(0, 32)}.${extensionOf(ref.mime)}`;
  const path = media.blobs.downloadPathOf(request.viewerId, ref.blobId, name);
  // clean_cache may remove the folder, empty, between its making and the link: make it once more.
  await placeCopy(media, ref.blobId, path).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
    return placeCopy(media, ref.blobId, path);
  });
  return path;
}

/** Puts the named copy of a blob at `path` (downloadPathOf) unless it is there already. */
async function placeCopy(media: MediaService, blobId: string, path: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: privateDirMode });
  if (await exists(path)) return;
  // A hard link shares the blob's 0600 mode; a copy (across file systems) is set to it.
  await link(media.blobs.pathOf(blobId), path).catch(async () => {
    await copyFile(media.blobs.pathOf(blobId), path);
    await chmod(path, privateFileMode);
  });
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
