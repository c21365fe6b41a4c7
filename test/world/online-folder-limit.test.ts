import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/util/clock.js';
import { defaultSourceLimits, MediaService } from '../../src/world/media/media-service.js';
import { SqliteWorldStore } from '../../src/world/store/sqlite/sqlite-store.js';
import { World } from '../../src/world/world.js';
import { applyWorldFile } from '../../src/world/world-file.js';
import { smallWorld } from '../helpers/world.js';

/** Every file under the media folder, blobs and leftovers alike. */
function stored(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => entry.name);
}

describe('an online folder over the size limit', () => {
  it('is refused with MEDIA_TOO_LARGE and leaves no blob, offer or message behind', async () => {
    const mediaDir = mkdtempSync(join(tmpdir(), 'catnap-folder-limit-'));
    const media = new MediaService(mediaDir, { ...defaultSourceLimits, maxBytes: 1000 });
    const world = new World({ store: new SqliteWorldStore(':memory:'), clock: new ManualClock(), media });
    await applyWorldFile(world, smallWorld);
    const root = join(mkdtempSync(join(tmpdir(), 'catnap-folder-')), 'big');
    mkdirSync(root);
    // Each file fits the limit on its own; together they do not.
    writeFileSync(join(root, 'a.bin'), Buffer.alloc(600, 1));
    writeFileSync(join(root, 'b.bin'), Buffer.alloc(600, 2));
    const before = stored(mediaDir);

    await expect(world.onlineFiles.sendFolder(10001, 20001, root)).rejects.toMatchObject({ code: 'MEDIA_TOO_LARGE' });
    expect(stored(mediaDir)).toEqual(before);
    expect(world.onlineFiles.between(10001, 20001)).toEqual([]);

    // Within the limit the same folder minus one file goes through, as one zip blob.
    writeFileSync(join(root, 'b.bin'), Buffer.alloc(10, 2));
    const offer = await world.onlineFiles.sendFolder(10001, 20001, root);
    expect(offer).toMatchObject({ name: 'big', size: 610, isDir: true });
    expect(stored(mediaDir)).toEqual([...before, offer.blobId]);
    await world.close();
  });
});
