import { createTestDatabase, type TestDatabase, testQueuePrefix, testRedisUrl } from '@netra/db/testing';
import { freePort } from '@netra/queue';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDeployable, stopAllDeployables, waitFor } from './support/deployable-process.ts';

/** Each deployable as it runs in production: starts from its environment, serves, and stops cleanly on SIGTERM. */
describe('deployables', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  // A deployable whose test failed before its own stop is still stopped here (a left-over worker would keep
  // taking jobs after the suite ended).
  afterEach(() => stopAllDeployables());
  afterAll(async () => database?.drop());

  const env = () => ({
    DATABASE_URL: database.url,
    REDIS_URL: testRedisUrl(),
    QUEUE_PREFIX: testQueuePrefix(),
    LOG_LEVEL: 'info',
  });

  it('the API answers its health check and exits 0 on SIGTERM', { timeout: 120_000 }, async () => {
    const port = await freePort();
    const api = startDeployable('services/api/src/main.ts', { ...env(), PORT: String(port) });
    await waitFor(
      async () => {
        const response = await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => null);
        return response?.ok ? response : undefined;
      },
      90_000,
      () => api.log(),
    );
    const unauthenticated = await fetch(`http://127.0.0.1:${port}/api/review/items`);
    expect(unauthenticated.status).toBe(401);
    expect(await api.stop('SIGTERM')).toBe(0);
    expect(api.log()).toContain('"clean":true');
  });

  it.each([
    ['workers/classifier/src/main.ts', 'classifier worker started'],
    ['workers/scraper/src/main.ts', 'scraper worker started'],
  ])('%s starts and exits 0 on SIGTERM', { timeout: 120_000 }, async (entry, started) => {
    const worker = startDeployable(entry, { ...env(), SCHEDULER_ENABLED: 'false' });
    await waitFor(
      async () => (worker.log().includes(started) ? true : undefined),
      90_000,
      () => worker.log(),
    );
    expect(await worker.stop('SIGTERM')).toBe(0);
  });

  // The refusals below come after the same module loading as a start (the configuration schema imports the
  // packages it checks), so they get the same limit as the start-up tests: the API's refusal took 64 s of its
  // 90 s in a whole-suite run at load 12–20 on two cores (15 s alone at that load, 3 s of CPU).
  it('refuses a wrong variable at start, naming it, with an example', { timeout: 120_000 }, async () => {
    const api = startDeployable('services/api/src/main.ts', { ...env(), PORT: 'delapan-ribu' });
    const code = await new Promise<number | null>((resolve) => api.child.once('exit', resolve));
    expect(code).not.toBe(0);
    expect(api.log()).toContain('PORT');
    expect(api.log()).toContain('PORT=8080');
  });

  it('a worker without REDIS_URL stops with a message saying what to set', { timeout: 120_000 }, async () => {
    const worker = startDeployable('workers/classifier/src/main.ts', { DATABASE_URL: database.url, LOG_LEVEL: 'info' });
    const code = await new Promise<number | null>((resolve) => worker.child.once('exit', resolve));
    expect(code).not.toBe(0);
    expect(worker.log()).toContain('REDIS_URL');
  });
});
