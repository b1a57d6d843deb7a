import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

/**
 * The review item's key trigger (`netra_review_item_keys`: platform, post and capture times, person, contest,
 * copied from the post, its account and its classification) runs only when the inserter did not give those
 * keys. The classifier worker's batch statement (`saveClassifications`) now reads them from the post and its
 * account in the statement itself, by the same rules, so a PL/pgSQL call and its lookups per flagged post are
 * not paid twice (about 5 % of the backend's CPU in the store path, docs/performance.md). Any other insert
 * (no platform given: the column is never null once filled) still gets them from the trigger.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    DROP TRIGGER IF EXISTS review_items_keys ON review_items;
    CREATE TRIGGER review_items_keys BEFORE INSERT ON review_items
      FOR EACH ROW WHEN (NEW.platform IS NULL) EXECUTE FUNCTION netra_review_item_keys();
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    DROP TRIGGER IF EXISTS review_items_keys ON review_items;
    CREATE TRIGGER review_items_keys BEFORE INSERT ON review_items
      FOR EACH ROW EXECUTE FUNCTION netra_review_item_keys();
  `,
  );
}
