import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startCatnap } from '../helpers/catnap.js';
import { tempDir } from '../helpers/spawn.js';
import { smallWorld } from '../helpers/world.js';

/** Writes a blob into a data folder's media store as a crashed or failed send would have left it. */
function storeBlob(dataDir: string, text: string, ageMs: number): string {
  const blobId = createHash('sha256').update(text).digest('hex');
  const path = join(dataDir, 'media', blobId.slice(0, 2), blobId);
  mkdirSync(join(dataDir, 'media', blobId.slice(0, 2)), { recursive: true });
  writeFileSync(path, text);
  const when = new Date(Date.now() - ageMs);
  utimesSync(path, when, when);
  return path;
}

describe('a start', () => {
  it('removes the blobs nothing refers to before serving, and keeps those within the grace period', async () => {
    const dataDir = await tempDir();
    const old = storeBlob(dataDir, 'a send that failed yesterday', 24 * 60 * 60 * 1000);
    const recent = storeBlob(dataDir, 'an upload a bot will send soon', 60 * 1000);
    const { catnap } = await startCatnap(smallWorld, { dataDir });
    try {
      expect(existsSync(old)).toBe(false);
      expect(existsSync(recent)).toBe(true);
    } finally {
      await catnap.stop();
    }
  });
});
