import { defineConfig } from 'vitest/config';

// Two cores: one test file per core. Integration tests talk to real Postgres, Redis and Chromium, so the
// time limits are generous; the global setup starts throwaway servers when no URL is given.
export default defineConfig({
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'services/*/src/**/*.test.ts',
      'workers/*/src/**/*.test.ts',
      'test/**/*.test.ts',
    ],
    // The fault suite breaks its own servers on purpose and runs alone: vitest.faults.config.ts.
    exclude: ['**/node_modules/**', 'test/e2e/faults/**'],
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    // One retry, and only as a safety net: two tests (a pg client dying mid-query, the Chromium import flow)
    // each failed once in a fresh-clone run under load and passed in every other run. Their causes are
    // tracked in docs/reliability.md; a test that fails twice still fails the run.
    retry: 1,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
