import { defineConfig } from 'vitest/config';

// The fault suite (`pnpm test:faults`): one file at a time, after the main run, so its real API, scraper,
// classifier, PostgreSQL and Redis processes never compete with the main suite's heaviest end-to-end tests.
// It starts its own servers; no global setup.
export default defineConfig({
  test: {
    include: ['test/e2e/faults/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 180_000,
    reporters: ['default'],
  },
});
