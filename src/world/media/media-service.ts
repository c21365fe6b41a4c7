import { WorldError } from '../errors.js';
import type { MediaRef } from '../messages/elements.js';
import { BlobStore } from './blob-store.js';
import { readSource, type SourceLimits } from './file-source.js';

/** Finds media by an id Catnap handed out earlier (a received message's file id, ...). */
export type MediaResolver = (id: string) => Promise<MediaRef | undefined>;

export const defaultSourceLimits: SourceLimits = { maxBytes: 100 * 1024 * 1024, timeoutMs: 30000, fileRoots: [] };

/**
 * The world's media: turns any source a client gives (file, URL, base64, data URL, or an id
 * Catnap returned before) into a stored blob, once. Areas that hand out their own ids (message
 * file ids, group files) register a resolver so those ids work as sources everywhere.
 */
export class MediaService {
  readonly blobs: BlobStore;
  readonly #resolvers: MediaResolver[] = [];

  constructor(
    dir: string,
    readonly limits: SourceLimits = defaultSourceLimits,
  ) {
    this.blobs = new BlobStore(dir);
  }

  addResolver(resolver: MediaResolver): void {
    this.#resolvers.push(resolver);
  }

  /** Resolves an id Catnap handed out (blob id or a registered kind), if it is one. */
  async lookup(id: string): Promise<MediaRef | undefined> {
    const trimmed = id.trim();
    if (BlobStore.isBlobId(trimmed) && (await this.blobs.has(trimmed))) return this.blobs.describe(trimmed);
    for (const resolver of this.#resolvers) {
      const found = await resolver(trimmed);
      if (found) return found;
    }
    return undefined;
  }

  /** Stores the media a source points at and returns its reference. `name` overrides the source's. */
  async ingest(source: string, name?: string): Promise<MediaRef> {
    if (typeof source !== 'string') throw new WorldError('MEDIA_UNREADABLE', 'the media source must be a string');
    const known = await this.lookup(source);
    if (known) return name ? { ...known, name } : known;
    const { bytes, name: suggested } = await readSource(source, this.limits);
    return this.blobs.put(bytes, name || suggested);
  }

  /** Stores bytes directly (uploads from the console). */
  put(bytes: Buffer, name = ''): Promise<MediaRef> {
    if (bytes.length > this.limits.maxBytes) {
      throw new WorldError('MEDIA_TOO_LARGE', `the upload is larger than the limit of ${this.limits.maxBytes} bytes`);
    }
    return this.blobs.put(bytes, name);
  }
}
