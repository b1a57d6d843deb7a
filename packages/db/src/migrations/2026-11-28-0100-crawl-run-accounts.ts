import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

/**
 * One row per account per crawl run. A run's counters are derived from these rows, so a scraper that
 * records an account and dies before its job completes (the job then runs again) cannot count it twice.
 * Runs recorded before this migration keep their counters; they simply have no per-account rows.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    CREATE TABLE crawl_run_accounts (
      run_id uuid NOT NULL REFERENCES crawl_runs(id) ON DELETE CASCADE,
      account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
      status text NOT NULL,
      posts_found integer NOT NULL CHECK (posts_found >= 0),
      failed boolean NOT NULL,
      errors jsonb NOT NULL DEFAULT '[]',
      recorded_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (run_id, account_id)
    );
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, 'DROP TABLE crawl_run_accounts;');
}
