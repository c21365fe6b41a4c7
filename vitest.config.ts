import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'examples/**/*.test.ts'],
    // The packed-install test takes minutes: `npm run test:pack` (and CI) runs it.
    exclude: [...configDefaults.exclude, 'test/pack/**'],
    testTimeout: 60000,
    hookTimeout: 60000,
    // Two cores here: a few workers keep socket tests from starving each other.
    maxWorkers: 3,
    env: { CATNAP_LOG_LEVEL: 'silent' },
  },
});
