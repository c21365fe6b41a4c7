import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { WorldError } from '../errors.js';
import type { MediaRef } from '../messages/elements.js';
import { extensionOf, sniffMime } from './mime.js';

const blobIdPattern = /^[0-9a-f]{64}$/;

/**
 * Content-addressed storage for media bytes: each blob is stored once under its sha256
 * (`<dir>/ab/abcdef...`), so the same image sent a thousand times takes the space of one, and a
 * blob id is a stable name for its bytes forever. Writes go to a temp file and are renamed into
 * place, so a crash never leaves half a blob under a real id.
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

  /** Stores bytes (idempotent) and describes them as a media reference. */
  async put(bytes: Buffer, name = ''): Promise<MediaRef> {
    const blobId = createHash('sha256').update(bytes).digest('hex');
    const path = this.pathOf(blobId);
    if (!(await exists(path))) {
      await mkdir(join(this.dir, blobId.slice(0, 2)), { recursive: true });
      const temp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
      await writeFile(temp, bytes);
      await rename(temp, path);
    }
    const mime = sniffMime(bytes, name);
    return { blobId, name: name || `${blobId.slice(0, 32)}.${extensionOf(mime)}`, size: bytes.length, mime };
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

  /** A stored blob as a media reference, from its size and first bytes (without reading it all). */
  async describe(blobId: string): Promise<MediaRef> {
    const path = this.pathOf(blobId);
    let handle;
    try {
      handle = await open(path, 'r');
    } catch {
      throw new WorldError('FILE_NOT_FOUND', `media ${blobId} is not stored`);
    }
    try {
      const { size } = await handle.stat();
      const head = Buffer.alloc(Math.min(size, 64));
      await handle.read(head, 0, head.length, 0);
      const mime = sniffMime(head);
      return { blobId, name: `${blobId.slice(0, 32)}.${extensionOf(mime)}`, size, mime };
    } finally {
      await handle.close();
    }
  }

  /** A stream of a blob plus its size, for serving over HTTP. */
  async open(blobId: string): Promise<{ stream: Readable; size: number; mime: string }> {
    const { size, mime } = await this.describe(blobId);
    return { stream: createReadStream(this.pathOf(blobId)), size, mime };
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
