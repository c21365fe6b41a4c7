import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Vitest's global setup: one temporary folder for a whole test run, removed when the run ends.
 * The suites make hundreds of scratch folders (worlds, media stores, data folders of the Catnaps
 * they start, browser profiles) and a test that fails or is cut short leaves its own behind; before
 * this, every `npm test` left about 700 folders and several hundred megabytes in the system's
 * temporary folder. TMPDIR points every test worker, and every process a test starts, into this
 * run's folder (`os.tmpdir()` reads it), so whatever anything leaves goes with it.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const root = await mkdtemp(join(tmpdir(), 'catnap-test-run-'));
  process.env.TMPDIR = root;
  return async () => {
    try {
      // A process a test started may still be writing its last files: retry a folder that filled again.
      await rm(root, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    } catch (error) {
      process.stderr.write(`could not remove the test run's temporary folder ${root}: ${(error as Error).message}\n`);
    }
  };
}
