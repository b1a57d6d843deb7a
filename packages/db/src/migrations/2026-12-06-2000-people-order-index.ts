import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

/**
 * The watchlist CSV export walks every person in (name, NIP) order a page at a time (`listPeoplePage`): with this
 * index each page starts at its cursor instead of scanning and sorting every person again (the watchlist can hold
 * a province's whole civil service).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, 'CREATE INDEX people_order_idx ON people (name, nip);');
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, 'DROP INDEX IF EXISTS people_order_idx;');
}
