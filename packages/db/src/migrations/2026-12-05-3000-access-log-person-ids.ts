import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

/**
 * The persons a read showed. A list (the review queue, a search, the watchlist, the case list) shows many
 * persons at once: one `access_log` row per request names them all in `person_ids`, rather than one row per
 * person, so a queue page costs one insert. A detail read names the person it is about as well, so "who read
 * this person's data" is one indexed query over both (`person_ids @> ARRAY[id]`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    ALTER TABLE access_log ADD COLUMN person_ids uuid[] NOT NULL DEFAULT '{}';
    CREATE INDEX access_log_person_ids_idx ON access_log USING gin (person_ids);
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    DROP INDEX IF EXISTS access_log_person_ids_idx;
    ALTER TABLE access_log DROP COLUMN IF EXISTS person_ids;
  `,
  );
}
