import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60000,
    hookTimeout: 60000,
    // Two cores here: a few workers keep socket tests from starving each other.
    maxWorkers: 3,
    env: { CATNAP_LOG_LEVEL: 'silent' },
  },
});
