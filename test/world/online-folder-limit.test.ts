import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { limitedMediaWorld, storedFiles } from '../helpers/world.js';

describe('an online folder over the size limit', () => {
  it('is refused with MEDIA_TOO_LARGE and leaves no blob, offer or message behind', async () => {
    const { world, mediaDir } = await limitedMediaWorld(1000);
    const root = join(mkdtempSync(join(tmpdir(), 'catnap-folder-')), 'big');
    mkdirSync(root);
    // Each file fits the limit on its own; together they do not.
    writeFileSync(join(root, 'a.bin'), Buffer.alloc(600, 1));
    writeFileSync(join(root, 'b.bin'), Buffer.alloc(600, 2));
    const before = storedFiles(mediaDir);

    await expect(world.onlineFiles.sendFolder(10001, 20001, root)).rejects.toMatchObject({ code: 'MEDIA_TOO_LARGE' });
    expect(storedFiles(mediaDir)).toEqual(before);
    expect(world.onlineFiles.between(10001, 20001)).toEqual([]);

    // Within the limit the same folder minus one file goes through, as one zip blob.
    writeFileSync(join(root, 'b.bin'), Buffer.alloc(10, 2));
    const offer = await world.onlineFiles.sendFolder(10001, 20001, root);
    expect(offer).toMatchObject({ name: 'big', size: 610, isDir: true });
    expect(storedFiles(mediaDir)).toEqual([...before, offer.blobId].sort());
    await world.close();
  });
});
