import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase, testQueuePrefix } from '@netra/db/testing';
import { freePort, type PrivateRedis, startPrivateRedis } from '@netra/queue';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDeployable, stopAllDeployables, waitFor } from './support/deployable-process.ts';

/**
 * Readiness follows the stores: a worker on its own redis-server turns unready (503 naming Redis) when that
 * server stops and ready again when it is back; `/metrics` answers only the addresses in METRICS_ALLOW.
 */
describe('health endpoints', () => {
  let database: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    database = await createTestDatabase();
    dir = mkdtempSync(join(tmpdir(), 'netra-health-'));
  });
  afterEach(() => stopAllDeployables());
  afterAll(async () => {
    await database?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const readyz = async (port: number) => {
    const response = await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => null);
    return response ? { status: response.status, body: (await response.json()) as Record<string, unknown> } : null;
  };

  it('a worker answers /readyz 503 naming Redis while its Redis is down, and 200 once it is back', {
    timeout: 150_000,
  }, async () => {
    const redisPort = await freePort();
    let redis: PrivateRedis | null = await startPrivateRedis({ dir: join(dir, 'redis'), port: redisPort });
    try {
      const port = await freePort();
      const worker = startDeployable('workers/scraper/src/main.ts', {
        DATABASE_URL: database.url,
        REDIS_URL: redis.url,
        QUEUE_PREFIX: testQueuePrefix(),
        NETRA_DATA_DIR: dir,
        SCHEDULER_ENABLED: 'false',
        METRICS_PORT: String(port),
        LOG_LEVEL: 'info',
      });
      await waitFor(async () => ((await readyz(port))?.status === 200 ? true : undefined), 90_000, worker.log);
      await redis.stop();
      redis = null;
      const down = await waitFor(
        async () => {
          const r = await readyz(port);
          return r?.status === 503 ? r : undefined;
        },
        20_000,
        worker.log,
      );
      expect(down.body).toMatchObject({ ok: false, redis: 'unavailable', database: 'available', failing: ['redis'] });
      // Liveness is the process, not its stores: the orchestrator must not restart a worker for a Redis outage.
      expect((await fetch(`http://127.0.0.1:${port}/livez`)).status).toBe(200);
      redis = await startPrivateRedis({ dir: join(dir, 'redis'), port: redisPort });
      await waitFor(async () => ((await readyz(port))?.status === 200 ? true : undefined), 30_000, worker.log);
      expect(worker.child.exitCode).toBeNull();
    } finally {
      await redis?.stop();
    }
  });

  it('refuses /metrics to an address outside METRICS_ALLOW but still answers the probes', {
    timeout: 120_000,
  }, async () => {
    const port = await freePort();
    const api = startDeployable('services/api/src/main.ts', {
      DATABASE_URL: database.url,
      REDIS_URL: process.env.NETRA_TEST_REDIS_URL ?? '',
      QUEUE_PREFIX: testQueuePrefix(),
      PORT: String(port),
      METRICS_ALLOW: '10.11.12.0/24',
      LOG_LEVEL: 'info',
    });
    await waitFor(async () => ((await readyz(port))?.status === 200 ? true : undefined), 90_000, api.log);
    const metrics = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(metrics.status).toBe(403);
    expect(((await metrics.json()) as { error: { code: string } }).error.code).toBe('METRICS_FORBIDDEN');
    expect((await fetch(`http://127.0.0.1:${port}/livez`)).status).toBe(200);
  });

  it('refuses /metrics to a request forwarded by a proxy, even from an allowed address', {
    timeout: 120_000,
  }, async () => {
    const port = await freePort();
    const api = startDeployable('services/api/src/main.ts', {
      DATABASE_URL: database.url,
      REDIS_URL: process.env.NETRA_TEST_REDIS_URL ?? '',
      QUEUE_PREFIX: testQueuePrefix(),
      PORT: String(port),
      LOG_LEVEL: 'info',
    });
    await waitFor(async () => ((await readyz(port))?.status === 200 ? true : undefined), 90_000, api.log);
    expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(200);
    const forwarded = await fetch(`http://127.0.0.1:${port}/metrics`, {
      headers: { 'x-forwarded-for': '203.0.113.9' },
    });
    expect(forwarded.status).toBe(403);
  });

  it('stops at start on a wrong METRICS_ALLOW entry, naming the variable', { timeout: 60_000 }, async () => {
    const worker = startDeployable('workers/classifier/src/main.ts', {
      DATABASE_URL: database.url,
      REDIS_URL: process.env.NETRA_TEST_REDIS_URL ?? '',
      METRICS_ALLOW: 'loopback,10.0.0.0/99',
    });
    const code = await new Promise<number | null>((resolve) => worker.child.once('exit', resolve));
    expect(code).not.toBe(0);
    expect(worker.log()).toContain('METRICS_ALLOW');
    expect(worker.log()).toContain('10.0.0.0/99');
  });
});
