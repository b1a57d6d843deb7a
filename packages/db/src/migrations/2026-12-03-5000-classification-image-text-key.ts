import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

/**
 * A classification is keyed by what its image text was computed from, not only by whether there was any:
 * `image_text_key` is '' for a classification without image text, else the SHA-256 of the sorted SHA-256 digests
 * of the image texts the model read (`imageTextKey` in @netra/queue computes the same value). Under the old key
 * (post, model version, `with_image_text`) a post whose images changed after its first classification with
 * image text — a tip given a second screenshot — had its new classification skipped by ON CONFLICT DO NOTHING,
 * with nothing said. Now it is a new row; a retried job with the same inputs still finds its row.
 *
 * `with_image_text` stays (what the review page and older queries read) and must agree with the key.
 * `netra_image_text_key(readings)` is the key of a post's `image_readings` in SQL: the backfill uses it, and so
 * does the re-scoring of review items (the open item moves to the classification computed from all the post's
 * image texts). Blank means what `imageTextsOf` means: JavaScript's `trim()` set of white space.
 *
 * Existing rows: a row with image text was computed from the post's `image_readings` (they were kept as first
 * stored), so its key is theirs.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    CREATE OR REPLACE FUNCTION netra_image_text_key(readings jsonb) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
      SELECT coalesce(encode(sha256(convert_to(string_agg(d, '' ORDER BY d COLLATE "C"), 'UTF8')), 'hex'), '')
      FROM (
        SELECT encode(sha256(convert_to(r->>'text', 'UTF8')), 'hex') AS d
        FROM jsonb_array_elements(CASE WHEN jsonb_typeof(readings) = 'array' THEN readings ELSE '[]'::jsonb END) r
        WHERE coalesce(r->'error', 'null'::jsonb) = 'null'::jsonb
          AND btrim(coalesce(r->>'text', ''),
            E' \\t\\n\\u000b\\f\\r\\u00a0\\u1680\\u2000\\u2001\\u2002\\u2003\\u2004\\u2005\\u2006\\u2007\\u2008\\u2009\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff'
          ) <> ''
      ) texts
    $$;
    ALTER TABLE classifications ADD COLUMN image_text_key text NOT NULL DEFAULT '';
  `,
  );
  // The splitter of runStatements does not cut before UPDATE: the backfill runs on its own. A row marked with
  // image text whose post no longer has readable text cannot occur; 'legacy' keeps the check below true if it did.
  await runStatements(
    db,
    `UPDATE classifications c
        SET image_text_key = coalesce(nullif(netra_image_text_key(p.image_readings), ''), 'legacy')
       FROM posts p
      WHERE p.id = c.post_id AND c.with_image_text`,
  );
  await runStatements(
    db,
    `
    ALTER TABLE classifications DROP CONSTRAINT classifications_post_id_model_version_input_key;
    ALTER TABLE classifications ADD CONSTRAINT classifications_post_id_model_version_image_text_key
      UNIQUE (post_id, model_version, image_text_key);
    ALTER TABLE classifications ADD CONSTRAINT classifications_image_text_key_agrees
      CHECK (with_image_text = (image_text_key <> ''));
  `,
  );
}

/** Refused (by the old unique key) while a post has two classifications with image text by one model version. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    ALTER TABLE classifications DROP CONSTRAINT IF EXISTS classifications_image_text_key_agrees;
    ALTER TABLE classifications DROP CONSTRAINT IF EXISTS classifications_post_id_model_version_image_text_key;
    ALTER TABLE classifications ADD CONSTRAINT classifications_post_id_model_version_input_key
      UNIQUE (post_id, model_version, with_image_text);
    ALTER TABLE classifications DROP COLUMN image_text_key;
    DROP FUNCTION IF EXISTS netra_image_text_key(jsonb);
  `,
  );
}
