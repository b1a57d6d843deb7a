import type pg from 'pg';
import { isDatabaseUnavailable } from './database-unavailable.ts';

/**
 * Reports each pooled client's connection failure once and makes the pool destroy that client instead of
 * lending it out again.
 *
 * Why: pg-pool listens for errors on idle clients only, so a lent-out client that loses its server emits an
 * unhandled 'error' and kills the process; each client therefore gets a listener for its whole life. And when
 * the server ends a backend mid-query (restart, `pg_terminate_backend`) it first sends a FATAL error, which
 * rejects the query, and only then closes the socket. Kysely releases the client as soon as the query
 * rejects, with no error argument, and pg-pool keeps any client that still looks queryable: if the close has
 * not been read yet, the dead client goes back to the idle list and the *next* query fails with "Connection
 * terminated unexpectedly". Remembering which clients failed and passing an error on their release makes
 * pg-pool drop them deterministically.
 */
export function guardBrokenClients(pool: pg.Pool, onError: (error: Error) => void): void {
  const failed = new WeakSet<pg.PoolClient>();
  const fail = (client: pg.PoolClient, error: Error) => {
    if (failed.has(client)) return;
    failed.add(client);
    onError(error);
  };
  pool.on('error', (error, client) => fail(client, error));
  pool.on('connect', (client) => {
    client.on('error', (error) => fail(client, error));
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as { query: unknown }).query = (...args: unknown[]) => {
      const result = query(...args);
      if (result instanceof Promise) {
        result.catch((error: unknown) => {
          if (isConnectionFailure(error)) fail(client, error as Error);
        });
      }
      return result;
    };
  });
  const connect = pool.connect.bind(pool) as () => Promise<pg.PoolClient>;
  // Only the promise form is used (Kysely). pg-pool installs a fresh `release` on every checkout; Kysely calls
  // it with `false` when nothing is wrong, hence `||`.
  (pool as { connect: unknown }).connect = async () => {
    const client = await connect();
    const release = client.release.bind(client);
    client.release = (error?: Error | boolean) =>
      release(error || (failed.has(client) ? new Error('connection failed while lent out') : undefined));
    return client;
  };
}

function isConnectionFailure(error: unknown): boolean {
  return (error as { severity?: unknown } | null)?.severity === 'FATAL' || isDatabaseUnavailable(error);
}
