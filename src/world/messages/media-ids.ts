import type { BlobStore } from '../media/blob-store.js';
import type { MediaResolver } from '../media/media-service.js';
import { extensionOf } from '../media/mime.js';
import type { MediaRef } from './elements.js';
import type { WorldStore } from '../store/store.js';
import { messageFileSeenBy } from '../media/media-capabilities.js';

/** `<sha256>.<ext>`: the `file` of a received image, record or video. */
const blobFilePattern = /^([0-9a-f]{64})\.[A-Za-z0-9]{1,8}$/;
/** Catnap's own media URL: `.../media/<sha256>` (any host; the bytes are the same by definition). */
const mediaUrlPattern = /^https?:\/\/[^/?#]+(?:\/[^?#]*)?\/media\/([0-9a-f]{64})(?:[?#].*)?$/i;

/** The file name media received in a message is known by (its `file` field). */
export function mediaFileName(ref: MediaRef): string {
  return `${ref.blobId}.${extensionOf(ref.mime)}`;
}

/**
 * Makes what Catnap hands out in received messages usable as media sources again: the `file`
 * of an image/record/video (`<sha256>.<ext>`), Catnap's media URLs, a file element's `file_id`,
 * and, as NapCat's get_file does, the name of a file sent in a message (the most recent one the
 * viewer can see: ids and names resolve only inside the viewer's conversations).
 */
export function messageMediaResolver(store: WorldStore, blobs: BlobStore): MediaResolver {
  return async (id, viewerId) => {
    const blobId = blobFilePattern.exec(id)?.[1] ?? mediaUrlPattern.exec(id)?.[1];
    if (blobId) return (await blobs.has(blobId)) ? blobs.describe(blobId, id.includes('/') ? '' : id) : undefined;
    if (id.length === 0 || id.length > 255 || id.includes('/') || id.includes('\\')) return undefined;
    const file = (await messageFileSeenBy(store, viewerId, { fileId: id })) ?? (await messageFileSeenBy(store, viewerId, { name: id }));
    if (!file || !(await blobs.has(file.blobId))) return undefined;
    return { blobId: file.blobId, name: file.name, size: file.size, mime: file.mime };
  };
}
