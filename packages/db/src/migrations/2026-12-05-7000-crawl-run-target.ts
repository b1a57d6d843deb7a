import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

/**
 * What an on-demand crawl was asked to crawl (`all`, or a digest of its account ids), so "crawl now" sent again
 * while that crawl is queued or running returns it instead of crawling every account twice (docs/security.md,
 * "Slow clients and crawl-now twice"). Nightly runs have none. The partial index holds only unfinished runs.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `ALTER TABLE crawl_runs ADD COLUMN target text;
     CREATE INDEX crawl_runs_active_target_idx ON crawl_runs (target, created_at)
      WHERE target IS NOT NULL AND status IN ('queued', 'running');`,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `DROP INDEX IF EXISTS crawl_runs_active_target_idx;
     ALTER TABLE crawl_runs DROP COLUMN IF EXISTS target;`,
  );
}
