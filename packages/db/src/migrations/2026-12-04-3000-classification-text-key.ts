import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

/**
 * A classification is keyed by the text it read as well as by its image text: `text_key` is '' for a
 * classification of the post's stored text (`posts.text`, the first capture: every row before this migration),
 * else the SHA-256 (`contentHash`) of the other text the model read — a later tip of the same post whose pasted
 * or saved text differs, stored as a post version (`post_versions.content_hash` is the same hash). Under the old
 * key (post, model version, image text key) that second text's classification was skipped by ON CONFLICT DO
 * NOTHING, with nothing said, while the tip answered with the score of the text it had dropped.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    ALTER TABLE classifications ADD COLUMN text_key text NOT NULL DEFAULT ''
      CONSTRAINT classifications_text_key_shape CHECK (text_key = '' OR text_key ~ '^[0-9a-f]{64}$');
    ALTER TABLE classifications DROP CONSTRAINT classifications_post_id_model_version_image_text_key;
    ALTER TABLE classifications ADD CONSTRAINT classifications_post_id_model_version_input_texts_key
      UNIQUE (post_id, model_version, image_text_key, text_key);
  `,
  );
}

/** Refused (by the old unique key) while a post has classifications of two texts by one model version. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    ALTER TABLE classifications DROP CONSTRAINT classifications_post_id_model_version_input_texts_key;
    ALTER TABLE classifications ADD CONSTRAINT classifications_post_id_model_version_image_text_key
      UNIQUE (post_id, model_version, image_text_key);
    ALTER TABLE classifications DROP COLUMN text_key;
  `,
  );
}
