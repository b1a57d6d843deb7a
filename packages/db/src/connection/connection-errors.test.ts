import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { createDatabase, type DatabaseHandle } from './create-database.ts';
import { isDatabaseUnavailable } from './database-unavailable.ts';

// The server ends a backend the way a restart or an admin does (pg_terminate_backend sends the same
// 57P01 a fast shutdown sends); only this file's own connections are terminated.
describe('a PostgreSQL connection that dies', () => {
  let testDb: TestDatabase;
  let handle: DatabaseHandle;
  const seen: Error[] = [];

  beforeAll(async () => {
    testDb = await createTestDatabase();
    handle = await createDatabase({ url: testDb.url, maxConnections: 3, onConnectionError: (e) => seen.push(e) });
  });
  afterAll(async () => {
    await handle?.close();
    await testDb?.drop();
  });

  async function terminate(pid: number): Promise<void> {
    const admin = new pg.Client({ connectionString: testDb.url });
    await admin.connect();
    try {
      await admin.query('select pg_terminate_backend($1)', [pid]);
    } finally {
      await admin.end();
    }
  }

  // Before broken-client-guard.ts this failed intermittently: the pool took the killed client back before
  // its socket close was read, and the next query got "Connection terminated unexpectedly".
  it('while lent out mid-query: the query fails as unavailable, the process lives, the pool recovers', async () => {
    const unhandled: unknown[] = [];
    const onUncaught = (e: unknown) => unhandled.push(e);
    process.on('uncaughtException', onUncaught);
    try {
      // Five rounds: the race this guards against (dead client back in the pool) lost only some of the time.
      for (let round = 0; round < 5; round++) {
        const pidRow = await handle.db.connection().execute(async (conn) => {
          const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(conn);
          const pid = rows[0]!.pid;
          const slow = sql`select pg_sleep(30)`.execute(conn).then(
            () => null,
            (e: unknown) => e,
          );
          // Wait until the sleep is running on that backend before cutting it off.
          for (;;) {
            const { rows: active } = await sql<{ n: number }>`
              select count(*)::int as n from pg_stat_activity where pid = ${pid} and query like '%pg_sleep%'`.execute(
              testDb.db,
            );
            if (active[0]!.n > 0) break;
          }
          await terminate(pid);
          const error = await slow;
          expect(isDatabaseUnavailable(error)).toBe(true);
          return pid;
        });
        const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(handle.db);
        expect(rows[0]!.pid).not.toBe(pidRow);
      }
      expect(unhandled).toEqual([]);
      // Each lost connection reported once, however many ways pg tells of it.
      expect(seen.length).toBe(5);
    } finally {
      process.off('uncaughtException', onUncaught);
    }
  });

  it('while idle in the pool: reported, replaced', async () => {
    seen.length = 0;
    const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(handle.db);
    await terminate(rows[0]!.pid);
    const deadline = Date.now() + 20_000;
    while (seen.length === 0 && Date.now() < deadline) await new Promise((r) => setImmediate(r));
    expect(seen.length).toBeGreaterThan(0);
    const again = await sql<{ one: number }>`select 1 as one`.execute(handle.db);
    expect(again.rows[0]!.one).toBe(1);
  });
});

describe('isDatabaseUnavailable', () => {
  it('tells an outage from a bad statement', () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('terminating connection'), { code: '57P01' }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe(
      true,
    );
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
    expect(isDatabaseUnavailable(Object.assign(new Error('syntax error'), { code: '42601' }))).toBe(false);
    expect(isDatabaseUnavailable('ECONNREFUSED')).toBe(false);
  });
});
