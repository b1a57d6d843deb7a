import { join } from 'node:path';
import { evidenceConfigExamples, evidenceConfigShape } from '@netra/collectors';
import { commonConfigExamples, commonConfigShape, env, loadConfig } from '@netra/core';
import { opsConfigExamples, opsConfigShape } from '@netra/observability';
import { OCR_VARIANTS, OCR_WORKER_DEFAULTS } from '@netra/pipeline';
import { z } from 'zod';

const schema = z.object({
  ...commonConfigShape,
  ...opsConfigShape,
  ...evidenceConfigShape,
  /** The evidence store the scraper writes images into (same default as the scraper). */
  EVIDENCE_DIR: z.string().optional(),
  /** Posts read at once; one Tesseract process each, so about one per core given to OCR. */
  OCR_CONCURRENCY: env.positiveInt(OCR_WORKER_DEFAULTS.concurrency),
  /** Whole budget for one image (decode, variants, recognition); over it the image gets OCR_TIMEOUT. */
  OCR_TIMEOUT_MS: env.durationMs(OCR_WORKER_DEFAULTS.timeoutMs),
  /** Largest image file read; larger ones get OCR_IMAGE_TOO_LARGE. */
  OCR_MAX_BYTES: env.positiveInt(OCR_WORKER_DEFAULTS.maxBytes),
  /** Largest image decoded, in pixels (width × height). */
  OCR_MAX_PIXELS: env.positiveInt(OCR_WORKER_DEFAULTS.maxPixels),
  OCR_MAX_IMAGES_PER_POST: env.positiveInt(OCR_WORKER_DEFAULTS.maxImagesPerPost),
  OCR_LOCK_MS: env.durationMs(OCR_WORKER_DEFAULTS.lockDurationMs),
  /**
   * Pre-processing variants read per image, comma-separated (`gray`, `dark`, `light`, `threshold`). The default
   * reads coloured posters best; `gray` alone is ~2.8× cheaper per image (docs/performance.md) and misses text
   * whose colour is close in brightness to its background.
   */
  OCR_VARIANTS: z
    .string()
    .default('gray,dark,light')
    .transform((v) => v.split(',').map((x) => x.trim()))
    .pipe(z.array(z.enum(OCR_VARIANTS)).min(1)),
  /** The tesseract program (Debian: tesseract-ocr, with tesseract-ocr-ind and -eng; scripts/setup.sh). */
  TESSERACT_PATH: z.string().min(1).default('tesseract'),
});

export function loadOcrConfig(source: Record<string, string | undefined>) {
  const c = loadConfig(schema, source, {
    ...commonConfigExamples,
    ...opsConfigExamples,
    ...evidenceConfigExamples,
    OCR_TIMEOUT_MS: '60000',
  });
  return { ...c, evidenceDir: c.EVIDENCE_DIR ?? join(c.NETRA_DATA_DIR, 'evidence') };
}
