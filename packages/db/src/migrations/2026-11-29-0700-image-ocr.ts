import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

/**
 * Text in images (issue 12): posts keep their images as `image` evidence; `image_ocr` holds what OCR read from
 * each image — words with boxes and confidences, the engine and version — keyed by the image's SHA-256, so the
 * same poster shared by fifty accounts is read once and a retried job writes nothing twice. `posts.image_readings`
 * lists, in evidence order, which images the classifier read and with what text: evidence offsets index into
 * the post's text + descriptions + these texts.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    ALTER TABLE evidence_artefacts DROP CONSTRAINT IF EXISTS evidence_artefacts_kind_check;
    ALTER TABLE evidence_artefacts ADD CONSTRAINT evidence_artefacts_kind_check
      CHECK (kind IN ('screenshot', 'html', 'json', 'image'));
    CREATE TABLE image_ocr (
      sha256 char(64) PRIMARY KEY,
      engine text,
      text text NOT NULL DEFAULT '',
      words jsonb NOT NULL DEFAULT '[]'::jsonb,
      width integer,
      height integer,
      error_code text,
      error_message text,
      elapsed_ms integer,
      read_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((error_code IS NULL) = (engine IS NOT NULL))
    );
    ALTER TABLE posts ADD COLUMN image_readings jsonb NOT NULL DEFAULT '[]'::jsonb;
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    ALTER TABLE posts DROP COLUMN IF EXISTS image_readings;
    DROP TABLE IF EXISTS image_ocr;
    DELETE FROM evidence_artefacts WHERE kind = 'image';
    ALTER TABLE evidence_artefacts DROP CONSTRAINT IF EXISTS evidence_artefacts_kind_check;
    ALTER TABLE evidence_artefacts ADD CONSTRAINT evidence_artefacts_kind_check
      CHECK (kind IN ('screenshot', 'html', 'json'));
  `,
  );
}
