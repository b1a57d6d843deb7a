import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

/**
 * The metrics endpoint counts the posts stored in the last hour every scrape; without an index on
 * `created_at` that count read the whole posts table (millions of rows at national scale).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, 'CREATE INDEX IF NOT EXISTS posts_created_at_idx ON posts (created_at);');
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, 'DROP INDEX IF EXISTS posts_created_at_idx;');
}
