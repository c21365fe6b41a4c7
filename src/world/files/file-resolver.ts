import { groupFileSeenBy, privateFileSeenBy } from '../media/media-capabilities.js';
import type { MediaService } from '../media/media-service.js';
import type { WorldStore } from '../store/store.js';

/**
 * Makes group and private file ids usable wherever a media source is accepted (an image or file
 * segment, upload_group_file, ocr_image, ...), as a file id seen in QQ can be forwarded: by
 * the group's current members, or the two sides of the private chat, and nobody else.
 */
export function registerFileResolver(media: MediaService, store: WorldStore): void {
  media.addResolver(async (id, viewerId) => {
    if (!id.startsWith('/') || id.length !== 37) return undefined;
    const file = (await groupFileSeenBy(store, viewerId, id)) ?? (await privateFileSeenBy(store, viewerId, id));
    if (!file || !(await media.blobs.has(file.blobId))) return undefined;
    return media.blobs.describe(file.blobId, file.name);
  });
}
