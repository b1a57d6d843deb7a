import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

/**
 * How a dated post's date matched the contest of the candidate the classifier named (`contestTiming` of the
 * result: the contest's running window, the post's local day, and whether the date is what chose that contest
 * over another one the post names as strongly). Shown on the review item so an analyst sees why a contest was
 * picked. Null for undated posts and for every row written before the classifier read dates.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, 'ALTER TABLE classifications ADD COLUMN contest_timing jsonb;');
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, 'ALTER TABLE classifications DROP COLUMN contest_timing;');
}
