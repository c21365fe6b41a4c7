import { describe, expect, it } from 'vitest';
import { base64Of, sizedPng } from '../helpers/images.js';
import { limitedMediaWorld, storedFiles } from '../helpers/world.js';

/** A photo of `bytes` bytes, different for each `salt`, as a base64 URI. */
const png = (bytes: number, salt: number): string => base64Of(sizedPng(bytes, salt));

describe('an album upload over the total limit', () => {
  it('is refused whole with MEDIA_TOO_LARGE, even where unreadable files are only counted, and stores nothing of the refused file', async () => {
    const { world, mediaDir } = await limitedMediaWorld(1000);
    const { albumId } = await world.albums.create(20002, 30001, 'Trip', '');
    const before = storedFiles(mediaDir);

    // Each photo fits media.maxBytes alone; the three together do not.
    const photos = [png(400, 1), png(400, 2), png(400, 3)];
    for (const partial of [false, true]) {
      await expect(world.albums.upload(20002, 30001, albumId, photos, partial)).rejects.toMatchObject({
        code: 'MEDIA_TOO_LARGE',
        message: expect.stringContaining('together'),
      });
    }
    expect(world.albums.mediaList(20002, 30001, albumId).media).toEqual([]);
    // The third photo, the one over the total, was never written.
    expect(storedFiles(mediaDir)).toHaveLength(before.length + 2);

    const within = await world.albums.upload(20002, 30001, albumId, photos.slice(0, 2));
    expect(within.media).toHaveLength(2);
    await world.close();
  });
});
