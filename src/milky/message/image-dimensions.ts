import { open } from 'node:fs/promises';
import { imageSize } from '../../world/media/image-size.js';
import type { World } from '../../world/world.js';

/** Image headers keep their size in the first few KiB (JPEG's frame header may sit after EXIF). */
const headerBytes = 64 * 1024;
const cacheLimit = 2000;
/** Blob ids are content hashes, so a size once read never changes. */
const cache = new Map<string, { width: number; height: number }>();

/**
 * The pixel size of a stored image, which Milky's image segment reports. Only the header is read;
 * a blob that is missing or not a readable image is 0 x 0.
 */
export async function imageDimensions(world: World, blobId: string): Promise<{ width: number; height: number }> {
  const cached = cache.get(blobId);
  if (cached) return cached;
  let size = { width: 0, height: 0 };
  try {
    const handle = await open(world.media.blobs.pathOf(blobId), 'r');
    try {
      const buffer = Buffer.alloc(headerBytes);
      const { bytesRead } = await handle.read(buffer, 0, headerBytes, 0);
      size = imageSize(buffer.subarray(0, bytesRead)) ?? size;
    } finally {
      await handle.close();
    }
  } catch {
    return size;
  }
  if (cache.size >= cacheLimit) cache.delete(cache.keys().next().value!);
  cache.set(blobId, size);
  return size;
}
