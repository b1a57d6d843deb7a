import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

/**
 * The decision export walks every decision in (time, id) order a page at a time (`listDecidedItemsPage`): with
 * this index each page starts at its cursor instead of sorting every decision again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, 'CREATE INDEX review_decisions_time_idx ON review_decisions (created_at, id);');
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, 'DROP INDEX IF EXISTS review_decisions_time_idx;');
}
