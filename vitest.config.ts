import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'examples/**/*.test.ts'],
    // Every scratch folder of the run, and of every process it starts, goes when the run ends.
    globalSetup: ['test/helpers/run-temp-folder.ts'],
    // The packed-install test takes minutes: `npm run test:pack` (and CI) runs it.
    exclude: [...configDefaults.exclude, 'test/pack/**'],
    testTimeout: 60000,
    hookTimeout: 60000,
    // expect.poll gives up after 1 s by default: a browser or a socket on a loaded 2-core machine
    // may take seconds to show what a test waits for. A poll that passes ends at once.
    expect: { poll: { timeout: 15_000 } },
    // Two cores here: a few workers keep socket tests from starving each other.
    maxWorkers: 3,
    env: { CATNAP_LOG_LEVEL: 'silent' },
  },
});
