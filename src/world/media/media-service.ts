import { WorldError } from '../errors.js';
import type { MediaRef } from '../messages/elements.js';
import { open } from 'node:fs/promises';
import { BlobStore } from './blob-store.js';
import { imageSize } from './image-size.js';
import { fileUrlToPath, openSource, type OpenedSource, type SourceLimits } from './file-source.js';
import { isLocalPath, preview } from './local-files.js';
import { fetchPolicy, openDownload } from './safe-fetch.js';

/**
 * Finds media by an id Catnap handed out earlier (a received message's file id, ...), if the
 * viewing account could see that media in QQ (see media-capabilities.ts).
 */
export type MediaResolver = (id: string, viewerId: number) => Promise<MediaRef | undefined>;

/** Image headers keep their size in the first few KiB (JPEG's frame header may sit after EXIF). */
const headerBytes = 64 * 1024;

export const defaultSourceLimits: SourceLimits = {
  maxBytes: 100 * 1024 * 1024,
  timeoutMs: 30000,
  allowPrivateNetworks: false,
  // Tests and embedders without settings: any local file but the store's own (the app decides
  // from catnap.json and where Catnap listens).
  localFiles: { roots: [], denied: [], anywhere: () => true },
};

/** FILE_NOT_FOUND from the blob store means "no such blob"; anything else is a real failure. */
function notStored(error: unknown): undefined {
  if (error instanceof WorldError && error.code === 'FILE_NOT_FOUND') return undefined;
  throw error;
}

/**
 * The world's media: turns any source a client gives (file, URL, base64, data URL, or an id
 * Catnap returned before) into a stored blob, once. Areas that hand out their own ids (message
 * file ids, group files) register a resolver so those ids work as sources everywhere.
 */
export class MediaService {
  readonly blobs: BlobStore;
  readonly limits: SourceLimits;
  readonly #resolvers: MediaResolver[] = [];

  constructor(dir: string, limits: SourceLimits = defaultSourceLimits) {
    this.blobs = new BlobStore(dir);
    // The store's own folder is never a local media source, whatever the settings say.
    this.limits = { ...limits, localFiles: { ...limits.localFiles, denied: [dir, ...limits.localFiles.denied] } };
  }

  addResolver(resolver: MediaResolver): void {
    this.#resolvers.push(resolver);
  }

  /**
   * Resolves an id Catnap handed out (blob id, a path to a blob, or a registered kind) that
   * `viewerId` may use; undefined when it is none, or one the account never saw.
   */
  async lookup(id: string, viewerId: number): Promise<MediaRef | undefined> {
    const found = await this.#find(id.trim(), viewerId);
    // A stored blob about to be referred to again: the sweep must not take it meanwhile. A claim
    // that finds no file means a sweep took it since it was found: the media is gone.
    return found && this.blobs.claim(found.blobId) ? found : undefined;
  }

  async #find(trimmed: string, viewerId: number): Promise<MediaRef | undefined> {
    if (BlobStore.isBlobId(trimmed)) {
      // One open answers both "is it stored" and "what is it"; a blob id that is not stored may
      // still be another kind of id (a resolver's), so it falls through.
      const stored = await this.blobs.describe(trimmed).catch(notStored);
      if (stored) return stored;
    }
    const ownPath = await this.#blobAtPath(trimmed);
    if (ownPath) return this.blobs.describe(ownPath);
    for (const resolver of this.#resolvers) {
      const found = await resolver(trimmed, viewerId);
      if (found) return found;
    }
    return undefined;
  }

  /**
   * Stores the media a source points at, for `viewerId` (the account sending or uploading it,
   * whose ids it may use), and returns its reference. `name` overrides the source's. `room`
   * (at most `maxBytes`) is what a call with several sources has left of its total: a new source
   * larger than that is refused with MEDIA_TOO_LARGE before anything of it is stored.
   */
  async ingest(source: string, viewerId: number, name?: string, room = this.limits.maxBytes): Promise<MediaRef> {
    if (typeof source !== 'string') throw new WorldError('MEDIA_UNREADABLE', 'the media source must be a string');
    const known = await this.lookup(source, viewerId);
    if (known) return name ? { ...known, name } : known;
    const limits = room < this.limits.maxBytes ? { ...this.limits, maxBytes: Math.max(0, room) } : this.limits;
    return this.#store(await openSource(source, limits), source, name, limits.maxBytes);
  }

  /** Downloads an http(s) URL with extra request headers (download_file) and stores it. */
  async ingestUrl(url: string, headers: Readonly<Record<string, string>>): Promise<MediaRef> {
    return this.#store(await openDownload(url, fetchPolicy(this.limits), headers), url);
  }

  /** Stores an opened source; streams go to disk as they come, never whole into memory. */
  async #store(opened: OpenedSource, source: string, name?: string, maxBytes = this.limits.maxBytes): Promise<MediaRef> {
    if ('bytes' in opened) {
      // base64's length only bounds its bytes to within 3: the decoded size is the one that counts.
      if (opened.bytes.length > maxBytes) throw this.#tooLarge(source, maxBytes);
      return this.blobs.put(opened.bytes, name || opened.name);
    }
    try {
      return await this.blobs.putStream(opened.stream, name || opened.name, maxBytes, () => this.#tooLarge(source, maxBytes));
    } finally {
      await opened.close();
    }
  }

  /** Stores bytes directly (uploads from the console). */
  put(bytes: Buffer, name = ''): Promise<MediaRef> {
    if (bytes.length > this.limits.maxBytes) {
      throw new WorldError('MEDIA_TOO_LARGE', `the upload is larger than the limit of ${this.limits.maxBytes} bytes`);
    }
    return this.blobs.put(bytes, name);
  }

  /**
   * A stored image's pixel size (0 x 0 when unreadable), for what QQ shows with its width and
   * height (album photos, QZone posts, announcements). The header is read first; only an image
   * whose size sits further in (a JPEG after a long EXIF) is read whole.
   */
  async imageSizeOf(blobId: string): Promise<{ width: number; height: number }> {
    const handle = await open(this.blobs.pathOf(blobId), 'r');
    try {
      const head = Buffer.alloc(headerBytes);
      const { bytesRead } = await handle.read(head, 0, headerBytes, 0);
      const fromHead = imageSize(head.subarray(0, bytesRead));
      if (fromHead || bytesRead < headerBytes) return fromHead ?? { width: 0, height: 0 };
    } finally {
      await handle.close();
    }
    return imageSize(await this.blobs.read(blobId)) ?? { width: 0, height: 0 };
  }

  /** get_image and download_file answer paths inside the store; those paths work as sources again. */
  async #blobAtPath(source: string): Promise<string | undefined> {
    if (/^file:/i.test(source)) {
      try {
        return await this.blobs.blobAt(fileUrlToPath(source));
      } catch {
        return undefined;
      }
    }
    return isLocalPath(source) ? this.blobs.blobAt(source) : undefined;
  }

  #tooLarge(source: string, maxBytes: number): WorldError {
    return new WorldError('MEDIA_TOO_LARGE', `media source ${preview(source)} is larger than the limit of ${maxBytes} bytes`);
  }
}
