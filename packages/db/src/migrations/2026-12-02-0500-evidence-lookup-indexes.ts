import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

/**
 * Two look-ups of `evidence_artefacts` had no index and read the whole table: the evidence route finds an
 * artefact by its content hash (`getEvidenceArtefactBySha`, once per image an analyst opens) and retention asks,
 * once per purged file, whether another row still points at its path (`isArtefactPathInUse`). The table's only
 * index leads with `post_id` (UNIQUE (post_id, sha256)), so neither could use it; at a night's 100,000 accounts
 * the table holds about a million rows. One more index insert per artefact on the scraper's write path buys
 * look-ups that stay constant as the table grows.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `CREATE INDEX IF NOT EXISTS evidence_artefacts_sha256_idx ON evidence_artefacts (sha256);
     CREATE INDEX IF NOT EXISTS evidence_artefacts_path_idx ON evidence_artefacts (path);`,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `DROP INDEX IF EXISTS evidence_artefacts_path_idx;
     DROP INDEX IF EXISTS evidence_artefacts_sha256_idx;`,
  );
}
