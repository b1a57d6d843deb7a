import type { Executor } from '../connection/executor.ts';
import type { PostImageReading } from '../schema/content-tables.ts';

export interface ImageOcrRow {
  sha256: string;
  engine: string | null;
  text: string;
  words: { text: string; confidence: number; box: [number, number, number, number] }[];
  width: number | null;
  height: number | null;
  errorCode: string | null;
  errorMessage: string | null;
  elapsedMs: number | null;
}

/**
 * Stores what OCR read from images, one row per image content hash. A row already there is replaced: a re-read
 * (a newer engine, or an image that timed out before) supersedes the old one, and a retried job writes the
 * same row again — never a second one.
 */
export async function saveImageOcr(db: Executor, rows: readonly ImageOcrRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('image_ocr')
    .values(
      rows.map((r) => ({
        sha256: r.sha256,
        engine: r.engine,
        text: r.text,
        words: JSON.stringify(r.words),
        width: r.width,
        height: r.height,
        error_code: r.errorCode,
        error_message: r.errorMessage,
        elapsed_ms: r.elapsedMs,
      })),
    )
    .onConflict((oc) =>
      oc.column('sha256').doUpdateSet((eb) => ({
        engine: eb.ref('excluded.engine'),
        text: eb.ref('excluded.text'),
        words: eb.ref('excluded.words'),
        width: eb.ref('excluded.width'),
        height: eb.ref('excluded.height'),
        error_code: eb.ref('excluded.error_code'),
        error_message: eb.ref('excluded.error_message'),
        elapsed_ms: eb.ref('excluded.elapsed_ms'),
        read_at: eb.fn('now'),
      })),
    )
    .execute();
}

/** Stored OCR results by image hash (absent hashes are simply missing from the map). */
export async function findImageOcr(db: Executor, sha256s: readonly string[]): Promise<Map<string, ImageOcrRow>> {
  const out = new Map<string, ImageOcrRow>();
  if (sha256s.length === 0) return out;
  const rows = await db
    .selectFrom('image_ocr')
    .selectAll()
    .where('sha256', 'in', [...new Set(sha256s)])
    .execute();
  for (const r of rows) {
    out.set(r.sha256, {
      sha256: r.sha256,
      engine: r.engine,
      text: r.text,
      words: r.words,
      width: r.width,
      height: r.height,
      errorCode: r.error_code,
      errorMessage: r.error_message,
      elapsedMs: r.elapsed_ms,
    });
  }
  return out;
}

/** The image readings a post was classified with (evidence order), for the review page. */
export async function postImageReadings(db: Executor, postId: string): Promise<PostImageReading[]> {
  const row = await db.selectFrom('posts').select('image_readings').where('id', '=', postId).executeTakeFirst();
  return row?.image_readings ?? [];
}

/**
 * The images of a post that already have readings on it, in their order (none when the post is not stored yet):
 * the OCR worker lists them first, so the classifier reads the post's image texts in the order the post keeps
 * them (new images' readings are appended there) and evidence offsets fit what the review page shows.
 */
export async function storedReadingOrder(db: Executor, platform: string, externalId: string): Promise<string[]> {
  const row = await db
    .selectFrom('posts')
    .select('image_readings')
    .where('platform', '=', platform)
    .where('external_id', '=', externalId)
    .executeTakeFirst();
  return (row?.image_readings ?? []).map((r) => r.sha256);
}
