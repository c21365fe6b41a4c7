import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startCatnap } from '../helpers/catnap.js';
import { tempDir } from '../helpers/spawn.js';
import { smallWorld } from '../helpers/world.js';

/** Writes a file into a data folder's media store, last written `ageMs` ago. */
function storeFile(dataDir: string, inside: string, text: string, ageMs: number): string {
  const path = join(dataDir, 'media', inside);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  const when = new Date(Date.now() - ageMs);
  utimesSync(path, when, when);
  return path;
}

/** A blob as a failed send would have left it. */
function storeBlob(dataDir: string, text: string, ageMs: number): string {
  const blobId = createHash('sha256').update(text).digest('hex');
  return storeFile(dataDir, join(blobId.slice(0, 2), blobId), text, ageMs);
}

const day = 24 * 60 * 60 * 1000;

describe('a start', () => {
  it('removes the blobs nothing refers to before serving, and the temp files a crash left, and keeps those within the grace period', async () => {
    const dataDir = await tempDir();
    const old = storeBlob(dataDir, 'a send that failed yesterday', day);
    const recent = storeBlob(dataDir, 'an upload a bot will send soon', 60 * 1000);
    // Half-written files of stores a crash interrupted: one yesterday, one (as if in progress) just now.
    const crashed = storeFile(dataDir, 'incoming-0123456789abcdef.tmp', 'half a down', day);
    const writing = storeFile(dataDir, join('ab', `ab${'0'.repeat(62)}.4242.xyz.tmp`), 'half an ima', 1000);
    const { catnap } = await startCatnap(smallWorld, { dataDir });
    try {
      expect(existsSync(old)).toBe(false);
      expect(existsSync(recent)).toBe(true);
      expect(existsSync(crashed)).toBe(false);
      expect(existsSync(writing)).toBe(true);
    } finally {
      await catnap.stop();
    }
  });
});
