import { mkdirSync } from 'node:fs';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from '../schema/database.ts';
import { guardBrokenClients } from './broken-client-guard.ts';
import { prepareMarkedStatements } from './prepared-statements.ts';

export interface DatabaseOptions {
  /** `postgres://…`; without it Netra runs on embedded PGlite in `dataDir`. */
  url?: string | undefined;
  /** Folder for the embedded database; ignored when `url` is set. */
  dataDir?: string | undefined;
  /** Pool size for PostgreSQL. */
  maxConnections?: number;
  /**
   * Called when any pooled connection dies (server restart, admin termination), idle or lent out. The pool
   * replaces it; without a listener, pg would crash the process with an uncaught error.
   */
  onConnectionError?: (error: Error) => void;
  /** How long a new connection may take before the attempt fails (an unreachable host must not hang work). */
  connectTimeoutMs?: number;
}

export interface DatabaseHandle {
  db: Kysely<Database>;
  kind: 'postgres' | 'pglite';
  close(): Promise<void>;
}

const DATE_OID = 1082;
const INT8_OID = 20;
const NUMERIC_OID = 1700;

// Dates stay `YYYY-MM-DD` strings (a JS Date would shift them by the server's time zone); bigint ids and
// counts fit in a double for any volume Netra will see.
const parsers: Record<number, (value: string) => unknown> = {
  [DATE_OID]: (v) => v,
  [INT8_OID]: (v) => Number(v),
  [NUMERIC_OID]: (v) => Number(v),
};

/**
 * Opens the store: PostgreSQL when a URL is given, else PGlite (a trial default — it never fsyncs, so it is
 * not a store for evidence in production).
 *
 * @example
 * const { db, close } = await createDatabase({ url: process.env.DATABASE_URL, dataDir: '.netra/db' })
 */
export async function createDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.url) {
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.maxConnections ?? 10,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
          parsers[oid] ?? pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
      },
    });
    // Every client's failure is reported once and the broken client is dropped, idle or lent out
    // (broken-client-guard.ts says why pg alone is not enough).
    guardBrokenClients(pool, (error) => options.onConnectionError?.(error));
    prepareMarkedStatements(pool);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const dataDir = options.dataDir;
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const pglite = await PGlite.create(dataDir ?? 'memory://', { parsers });
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) });
  return { db, kind: 'pglite', close: () => db.destroy() };
}
