import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

/**
 * A classification is keyed by its input as well as its model (issue #8): `with_image_text` says whether the
 * text the model read included what OCR read from the post's images. A tip is classified at submission from
 * its pasted text and again once its screenshot has been read; both rows stay (decisions may have been made
 * on the first), and a retried job still writes nothing twice.
 *
 * Existing rows: a collected post with image text was classified after its OCR (the worker waits for it), so
 * its row had the image text; a tip's row never did (its screenshot text was stored but not classified).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, 'ALTER TABLE classifications ADD COLUMN with_image_text boolean NOT NULL DEFAULT false;');
  // The splitter of runStatements does not cut before UPDATE: the backfill runs on its own. "Had image text"
  // as the worker decides it (imageTextsOf): a reading without error whose text is not blank.
  await runStatements(
    db,
    `UPDATE classifications c SET with_image_text = true
       FROM posts p
      WHERE p.id = c.post_id
        AND NOT EXISTS (SELECT 1 FROM tips t WHERE t.post_id = p.id)
        AND EXISTS (SELECT 1 FROM jsonb_array_elements(p.image_readings) r
                     WHERE r->>'error' IS NULL AND coalesce(r->>'text', '') ~ '\\S')`,
  );
  await runStatements(
    db,
    `
    ALTER TABLE classifications DROP CONSTRAINT classifications_post_id_model_version_key;
    ALTER TABLE classifications ADD CONSTRAINT classifications_post_id_model_version_input_key
      UNIQUE (post_id, model_version, with_image_text);
  `,
  );
}

/** Refused (by the old unique key) while a post has both kinds of row: drop the re-scored rows first. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    ALTER TABLE classifications DROP CONSTRAINT IF EXISTS classifications_post_id_model_version_input_key;
    ALTER TABLE classifications ADD CONSTRAINT classifications_post_id_model_version_key
      UNIQUE (post_id, model_version);
    ALTER TABLE classifications DROP COLUMN with_image_text;
  `,
  );
}
