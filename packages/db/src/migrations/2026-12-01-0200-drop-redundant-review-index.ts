import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

/**
 * `review_items_queue_idx (status, score DESC)` (initial schema) is a leading part of
 * `review_items_status_score_idx (status, score DESC, id DESC)` (review workspace): every query the first can
 * serve, the second serves in the same order, so the first only cost an index insert per flagged post and its
 * disk. The other review-item indexes each serve a query of the review workspace (docs/performance.md,
 * "Indexes on the write path").
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, 'DROP INDEX IF EXISTS review_items_queue_idx;');
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, 'CREATE INDEX IF NOT EXISTS review_items_queue_idx ON review_items (status, score DESC);');
}
