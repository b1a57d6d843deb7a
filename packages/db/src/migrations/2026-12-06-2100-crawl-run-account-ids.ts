import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

/**
 * The accounts a "crawl now" of a list of accounts queued: a later request for some of them, while that run is
 * queued or running, gets it back instead of crawling them twice (a run of all already did this by its target;
 * a list only by its exact digest). Null for runs of all and nightly runs.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, 'ALTER TABLE crawl_runs ADD COLUMN account_ids uuid[];');
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, 'ALTER TABLE crawl_runs DROP COLUMN IF EXISTS account_ids;');
}
