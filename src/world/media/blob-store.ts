import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, statSync, unlinkSync, utimesSync } from 'node:fs';
import { lstat, open, readdir, readFile, rm, rmdir, stat, unlink } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { WorldError } from '../errors.js';
import type { MediaRef } from '../messages/elements.js';
import { privateDirMode, privateFileMode } from '../../util/private-files.js';
import { makeFolderDurably, renameDurably, writeFileDurably } from '../../util/durable-files.js';
import { extensionOf, sniffMime } from './mime.js';

const blobIdPattern = /^[0-9a-f]{64}$/;
/** Hex digits of the blob id that name a download_file folder. */
const downloadPrefix = 16;
const downloadFolderPattern = new RegExp(`^[0-9a-f]{${downloadPrefix}}$`);
/** An account's folder of downloads: its QQ number. */
const ownerFolderPattern = /^[0-9]+$/;
/** Bytes the type sniffer looks at. */
const sniffBytes = 64;

/**
 * Content-addressed storage for media bytes: each blob is stored once under its sha256
 * (`<dir>/ab/abcdef...`), so the same image sent a thousand times takes the space of one, and a
 * blob id is a stable name for its bytes forever. Writes go to a temp file, flushed to the disk,
 * and are renamed into place (util/durable-files.ts), so a crash never leaves half a blob under a
 * real id, nor a stored message naming a blob the crash took. Blobs stay until the sweep
 * (blob-sweep.ts) finds nothing referring to them: nothing here deletes on its own.
 */
export class BlobStore {
  constructor(readonly dir: string) {}

  static isBlobId(value: string): boolean {
    return blobIdPattern.test(value);
  }

  pathOf(blobId: string): string {
    if (!blobIdPattern.test(blobId)) throw new WorldError('INVALID_ARGUMENT', `not a blob id: ${blobId}`);
    return join(this.dir, blobId.slice(0, 2), blobId);
  }

  /**
   * Where download_file puts the named copy of a blob that `ownerId` downloaded (a hard link, or a
   * copy across file systems): a folder per account, as each NapCat keeps its own temp folder.
   */
  downloadPathOf(ownerId: number, blobId: string, name: string): string {
    return join(this.dir, 'downloads', String(ownerId), blobId.slice(0, downloadPrefix), name);
  }

  /**
   * clean_cache: deletes every copy `ownerId` downloaded and the folders it leaves empty, and
   * answers how many files went; another account's downloads stay, as another NapCat's temp folder
   * would. The blobs stay: a hard link is only another name for its blob's bytes, and whether a
   * blob goes is the sweep's decision alone (the world may still refer to it). A later
   * download_file of the same media makes its copy again.
   */
  async removeDownloads(ownerId: number): Promise<number> {
    const root = join(this.dir, 'downloads', String(ownerId));
    let removed = 0;
    for (const prefix of await entriesOf(root)) {
      if (!downloadFolderPattern.test(prefix)) continue;
      const folder = join(root, prefix);
      for (const name of await entriesOf(folder)) {
        const path = join(folder, name);
        // download_file makes only files; anything else here is not its, and stays.
        if (!(await lstat(path).catch(() => undefined))?.isFile()) continue;
        if (await unlink(path).then(() => true, ignoreMissing)) removed++;
      }
      // A download_file running meanwhile may have put a copy back (ENOTEMPTY): it stays.
      await removeEmptyFolder(folder);
    }
    await removeEmptyFolder(root);
    return removed;
  }

  /**
   * The blob a path Catnap itself handed out stands for: a blob's own path (get_image's `file`)
   * or a download_file copy (`downloads/<account>/<prefix>/<name>`, or `downloads/<prefix>/<name>`
   * as copies were named before they had an account's folder). Such a path names its blob by hash,
   * so it is as good as the blob id; any other path under the store is not media and gives undefined.
   */
  async blobAt(path: string): Promise<string | undefined> {
    const parts = relative(resolve(this.dir), resolve(path)).split(sep);
    if (parts.length === 2 && blobIdPattern.test(parts[1]!) && parts[0] === parts[1]!.slice(0, 2)) {
      return (await this.has(parts[1]!)) ? parts[1] : undefined;
    }
    if (parts[0] !== 'downloads') return undefined;
    const prefix = parts.length === 4 && ownerFolderPattern.test(parts[1]!) ? parts[2]! : parts.length === 3 ? parts[1]! : undefined;
    if (prefix === undefined || !downloadFolderPattern.test(prefix)) return undefined;
    const copy = await lstat(resolve(path)).catch(() => undefined);
    if (!copy?.isFile()) return undefined;
    const shard = await readdir(join(this.dir, prefix.slice(0, 2))).catch(() => [] as string[]);
    for (const candidate of shard) {
      if (!candidate.startsWith(prefix) || !blobIdPattern.test(candidate)) continue;
      if ((await stat(this.pathOf(candidate))).size === copy.size) return candidate;
    }
    return undefined;
  }

  /** Stores bytes (idempotent) and describes them as a media reference. */
  async put(bytes: Buffer, name = ''): Promise<MediaRef> {
    const blobId = createHash('sha256').update(bytes).digest('hex');
    const path = this.pathOf(blobId);
    if (!this.claim(blobId)) {
      await makeFolderDurably(join(this.dir, blobId.slice(0, 2)), privateDirMode);
      const temp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
      await writeFileDurably(temp, bytes, privateFileMode);
      await renameDurably(temp, path);
    }
    const mime = sniffMime(bytes, name);
    return { blobId, name: name || `${blobId.slice(0, 32)}.${extensionOf(mime)}`, size: bytes.length, mime };
  }

  /**
   * Stores a stream of bytes without holding them in memory: they go to a temp file while being
   * hashed, and the temp file is renamed to its blob path at the end. Past `maxBytes` the stream
   * is destroyed, the temp file removed, and `tooLarge()` thrown.
   */
  async putStream(stream: AsyncIterable<Uint8Array>, name: string, maxBytes: number, tooLarge: () => Error): Promise<MediaRef> {
    await makeFolderDurably(this.dir, privateDirMode);
    const temp = join(this.dir, `incoming-${randomBytes(8).toString('hex')}.tmp`);
    const file = await open(temp, 'wx', privateFileMode);
    const hash = createHash('sha256');
    const head: Buffer[] = [];
    let headLength = 0;
    let size = 0;
    let stored = false;
    try {
      for await (const chunk of stream) {
        size += chunk.length;
        if (size > maxBytes) {
          (stream as Partial<Readable>).destroy?.();
          throw tooLarge();
        }
        hash.update(chunk);
        if (headLength < sniffBytes) {
          head.push(Buffer.from(chunk.subarray(0, sniffBytes - headLength)));
          headLength += Math.min(chunk.length, sniffBytes - headLength);
        }
        await file.write(chunk);
      }
      await file.sync();
      await file.close();
      const blobId = hash.digest('hex');
      const path = this.pathOf(blobId);
      if (!this.claim(blobId)) {
        await makeFolderDurably(join(this.dir, blobId.slice(0, 2)), privateDirMode);
        await renameDurably(temp, path);
        stored = true;
      }
      const mime = sniffMime(Buffer.concat(head), name);
      return { blobId, name: name || `${blobId.slice(0, 32)}.${extensionOf(mime)}`, size, mime };
    } finally {
      await file.close().catch(() => undefined);
      if (!stored) await rm(temp, { force: true });
    }
  }

  /**
   * Marks a stored blob as just used, so the sweep leaves it alone for its grace period while the
   * unit of work that is about to refer to it commits; false when it is not stored. Synchronous
   * on purpose: the sweep decides and deletes in one synchronous pass, so a claim comes either
   * wholly before it (the blob is then too young to go) or after it (the blob is then gone, and
   * stored again by the caller), never in between.
   */
  claim(blobId: string): boolean {
    if (!blobIdPattern.test(blobId)) return false;
    const now = new Date();
    try {
      utimesSync(this.pathOf(blobId), now, now);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
  }

  /** The ids of every stored blob (download_file copies are not blobs). */
  async list(): Promise<string[]> {
    return (await this.contents()).blobs;
  }

  /**
   * What the store's folders hold, in one reading of them: every stored blob's id, and the
   * half-written temp files a crash left (absolute paths; a store in progress writes its temp
   * file, so a live one is never older than a download takes).
   */
  async contents(): Promise<{ blobs: string[]; temps: string[] }> {
    const root = await readdir(this.dir).catch(() => [] as string[]);
    const blobs: string[] = [];
    const temps = root.filter((name) => name.endsWith('.tmp')).map((name) => join(this.dir, name));
    for (const shard of root) {
      if (!/^[0-9a-f]{2}$/.test(shard)) continue;
      const names = await readdir(join(this.dir, shard)).catch(() => [] as string[]);
      for (const name of names) {
        if (blobIdPattern.test(name) && name.startsWith(shard)) blobs.push(name);
        else if (name.endsWith('.tmp')) temps.push(join(this.dir, shard, name));
      }
    }
    return { blobs, temps };
  }

  /**
   * Deletes a blob last stored or claimed before `cutoffMs` (unix milliseconds) and answers its
   * size; undefined when it is younger or already gone. Synchronous: see `claim`.
   */
  removeIfUnusedSince(blobId: string, cutoffMs: number): number | undefined {
    return removeIfOlder(this.pathOf(blobId), cutoffMs);
  }

  /** Deletes a leftover temp file (see `contents`) last written before `cutoffMs`; its size, or undefined. */
  removeTempIfUnusedSince(path: string, cutoffMs: number): number | undefined {
    const inside = relative(resolve(this.dir), resolve(path)).split(sep);
    if (!path.endsWith('.tmp') || inside.length > 2 || inside[0] === '..') throw new Error(`not a temp file of the media store: ${path}`);
    return removeIfOlder(path, cutoffMs);
  }

  async has(blobId: string): Promise<boolean> {
    return blobIdPattern.test(blobId) && exists(this.pathOf(blobId));
  }

  /** The bytes of a blob; FILE_NOT_FOUND when it is not stored. */
  async read(blobId: string): Promise<Buffer> {
    try {
      return await readFile(this.pathOf(blobId));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new WorldError('FILE_NOT_FOUND', `media ${blobId} is not stored`);
      throw error;
    }
  }

  /**
   * A stored blob as a media reference, from its size and first bytes (without reading it all).
   * `name` (the name it is known by) also helps the type sniffer.
   */
  async describe(blobId: string, name = ''): Promise<MediaRef> {
    const path = this.pathOf(blobId);
    let handle;
    try {
      handle = await open(path, 'r');
    } catch (error) {
      // Only a missing file is "not stored"; running out of file handles is a failure to report.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new WorldError('FILE_NOT_FOUND', `media ${blobId} is not stored`);
      throw error;
    }
    try {
      const { size } = await handle.stat();
      const head = Buffer.alloc(Math.min(size, 64));
      await handle.read(head, 0, head.length, 0);
      const mime = sniffMime(head, name);
      return { blobId, name: name || `${blobId.slice(0, 32)}.${extensionOf(mime)}`, size, mime };
    } finally {
      await handle.close();
    }
  }

  /** Hex digests of a blob (QQ's file records carry md5 and sha1), read as a stream. */
  async digests<A extends string>(blobId: string, algorithms: readonly A[]): Promise<Record<A, string>> {
    const hashes = algorithms.map((algorithm) => createHash(algorithm));
    try {
      for await (const chunk of createReadStream(this.pathOf(blobId))) for (const hash of hashes) hash.update(chunk as Buffer);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new WorldError('FILE_NOT_FOUND', `media ${blobId} is not stored`);
      throw error;
    }
    return Object.fromEntries(algorithms.map((algorithm, index) => [algorithm, hashes[index]!.digest('hex')])) as Record<A, string>;
  }

  /** A stream of a blob plus its size, for serving over HTTP; `name` types bytes no signature names, as `describe`. */
  async open(blobId: string, name = ''): Promise<{ stream: Readable; size: number; mime: string }> {
    const { size, mime } = await this.describe(blobId, name);
    return { stream: createReadStream(this.pathOf(blobId)), size, mime };
  }
}

function removeIfOlder(path: string, cutoffMs: number): number | undefined {
  try {
    const { mtimeMs, size } = statSync(path);
    if (mtimeMs >= cutoffMs) return undefined;
    unlinkSync(path);
    return size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** A folder's entries; none when it does not exist. */
async function entriesOf(dir: string): Promise<string[]> {
  return readdir(dir).catch((error: NodeJS.ErrnoException) => {
    ignoreMissing(error);
    return [];
  });
}

/** Removes a folder if it is empty; one that is not (a download put a copy back meanwhile) stays. */
async function removeEmptyFolder(folder: string): Promise<void> {
  await rmdir(folder).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') ignoreMissing(error);
  });
}

/** Swallows ENOENT (answering false: nothing was there), rethrows anything else. */
function ignoreMissing(error: NodeJS.ErrnoException): false {
  if (error.code === 'ENOENT') return false;
  throw error;
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
