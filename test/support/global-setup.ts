import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startPrivateRedis } from '@netra/queue';
import { startPrivatePostgres } from './private-postgres.ts';

/**
 * Real servers for the whole run: DATABASE_URL / REDIS_URL when set, otherwise throwaway ones from the
 * system's binaries. Test files read NETRA_TEST_DATABASE_URL / NETRA_TEST_REDIS_URL and isolate themselves
 * (a database per file, a key prefix per file).
 */
export default async function setup(): Promise<() => Promise<void>> {
  const stops: (() => Promise<void>)[] = [];
  if (process.env.DATABASE_URL) {
    process.env.NETRA_TEST_DATABASE_URL = process.env.DATABASE_URL;
  } else {
    const pg = await startPrivatePostgres(await freePort());
    stops.push(pg.stop);
    process.env.NETRA_TEST_DATABASE_URL = pg.url;
  }
  if (process.env.REDIS_URL) {
    process.env.NETRA_TEST_REDIS_URL = process.env.REDIS_URL;
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'netra-redis-'));
    const redis = await startPrivateRedis({ dir });
    stops.push(async () => {
      await redis.stop();
      rmSync(dir, { recursive: true, force: true });
    });
    process.env.NETRA_TEST_REDIS_URL = redis.url;
  }
  return async () => {
    for (const stop of stops.reverse()) await stop();
  };
}
