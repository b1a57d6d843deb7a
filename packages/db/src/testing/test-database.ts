import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDatabase, type DatabaseHandle } from '../connection/create-database.ts';
import { migrateToLatest } from '../migrations/migrate.ts';

export interface TestDatabase extends DatabaseHandle {
  /** URL of this file's own database, for code under test that opens its own pool. */
  url: string;
  /** Closes the pool and drops the database. */
  drop(): Promise<void>;
}

function serverUrl(): string {
  const url = process.env.NETRA_TEST_DATABASE_URL;
  if (!url)
    throw new Error('NETRA_TEST_DATABASE_URL is not set: run tests through vitest (test/support/global-setup.ts)');
  return url;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** A fresh, migrated PostgreSQL database for one test file, on the run's real server. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const admin = serverUrl();
  const name = `netra_t_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = withDatabase(admin, name);
  const handle = await createDatabase({ url, maxConnections: 5 });
  await migrateToLatest(handle.db);
  return {
    ...handle,
    url,
    drop: async () => {
      await handle.close();
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** A unique Redis key prefix for one test file. */
export function testQueuePrefix(): string {
  return `netra-test-${randomBytes(5).toString('hex')}`;
}

export function testRedisUrl(): string {
  const url = process.env.NETRA_TEST_REDIS_URL;
  if (!url) throw new Error('NETRA_TEST_REDIS_URL is not set: run tests through vitest');
  return url;
}
