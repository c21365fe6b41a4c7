import { defineConfig } from 'vitest/config';

// The packed-install test (`npm run test:pack`, run by .ci/run): packs Catnap, installs the tarball
// into empty folders (on Node 20 and Node 22) and starts it. Minutes, not seconds: kept out of npm test.
export default defineConfig({
  test: {
    include: ['test/pack/**/*.test.ts'],
    // The packs, installs and data folders of the run go when it ends (see run-temp-folder.ts).
    globalSetup: ['test/helpers/run-temp-folder.ts'],
    testTimeout: 15 * 60_000,
    hookTimeout: 15 * 60_000,
    fileParallelism: false,
  },
});
