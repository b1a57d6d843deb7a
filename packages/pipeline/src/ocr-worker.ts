import { availableParallelism } from 'node:os';
import { ArtefactStore, type EvidenceStore } from '@netra/collectors';
import { type EvidenceArtefactRef, type Logger, parseOrThrow, ValidationError } from '@netra/core';
import {
  type Database,
  findImageOcr,
  type ImageOcrRow,
  isDatabaseUnavailable,
  saveImageOcr,
  storedReadingOrder,
} from '@netra/db';
import { isOcrError, OcrError, type OcrOptions, readImage } from '@netra/ocr';
import {
  classifyJobId,
  fitImageReadings,
  type ImageReading,
  imageTextKey,
  type OcrJob,
  ocrJobSchema,
  QUEUE,
  type Queues,
} from '@netra/queue';
import { type Job, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Kysely } from 'kysely';
import { postponeForOutage, type StoreStates, workerErrorListener } from './store-outage.ts';

export interface OcrWorkerOptions {
  db: Kysely<Database>;
  connection: Redis;
  queues: Pick<Queues, 'classify'>;
  prefix: string;
  logger: Logger;
  /** Where the collectors stored the images (the evidence store's root), when no `evidenceStore` is given. */
  evidenceDir: string;
  /** The evidence store the scraper writes to (disk or S3, `openEvidenceStore`); default: disk at `evidenceDir`. */
  evidenceStore?: Pick<EvidenceStore, 'read'> | undefined;
  /** Posts read at once; each runs one Tesseract process at a time, so this is about the cores given to OCR. */
  concurrency: number;
  lockDurationMs: number;
  /** Images read per post at most (the rest are listed as not read). */
  maxImagesPerPost: number;
  /** Per-image timeout, byte and pixel caps, engine settings. */
  ocr: Partial<OcrOptions>;
  stores?: StoreStates;
}

/** The pre-processing variants a deployment may choose (`OCR_VARIANTS`). */
export const OCR_VARIANTS = ['gray', 'dark', 'light', 'threshold'] as const;

/** The OCR worker's settings when no variable overrides them (workers/ocr config, bench). */
export const OCR_WORKER_DEFAULTS = {
  concurrency: Math.max(1, availableParallelism()),
  // A poster takes ~1–3 s of one core; a lock shorter than the per-image timeout times the images would let a
  // second worker take a job that is still being read.
  lockDurationMs: 300_000,
  maxImagesPerPost: 8,
  timeoutMs: 60_000,
  maxBytes: 15 * 1024 * 1024,
  maxPixels: 40_000_000,
} as const;

export interface OcrOutcome {
  images: number;
  read: number;
  cached: number;
  failed: number;
}

function rowFromError(sha256: string, error: OcrError): ImageOcrRow {
  return {
    sha256,
    engine: null,
    text: '',
    words: [],
    width: null,
    height: null,
    errorCode: error.code,
    errorMessage: error.message.slice(0, 2_000),
    elapsedMs: null,
  };
}

/** A stored error is kept only when reading again cannot help (a corrupt or animated image stays so). */
const retryableCodes = new Set<string>(['OCR_TIMEOUT', 'OCR_ENGINE_FAILED', 'OCR_IMAGE_MISSING']);

/**
 * Reads one image artefact, or returns its per-image error row. Only a missing engine throws: that is the
 * deployment's fault, not the image's, and the job must wait for it instead of classifying without image text.
 */
async function readArtefact(store: Pick<EvidenceStore, 'read'>, image: EvidenceArtefactRef, ocr: Partial<OcrOptions>) {
  let bytes: Buffer | null;
  try {
    bytes = await store.read(image);
  } catch {
    bytes = null;
  }
  // The store answers null for an artefact it does not hold (an I/O failure throws): both are "missing".
  if (!bytes) {
    return rowFromError(
      image.sha256,
      new OcrError('OCR_IMAGE_MISSING', `stored image ${image.path}`, { sha256: image.sha256 }),
    );
  }
  if (ArtefactStore.sha256(bytes) !== image.sha256) {
    return rowFromError(image.sha256, new OcrError('OCR_IMAGE_CORRUPT', 'stored image does not match its SHA-256'));
  }
  try {
    const r = await readImage(bytes, { ...ocr, label: image.mediaType });
    return {
      sha256: image.sha256,
      engine: r.engine,
      text: r.text,
      words: r.words,
      width: r.width,
      height: r.height,
      errorCode: null,
      errorMessage: null,
      elapsedMs: r.elapsedMs,
    } satisfies ImageOcrRow;
  } catch (error) {
    if (isOcrError(error) && error.code !== 'OCR_ENGINE_MISSING') return rowFromError(image.sha256, error);
    throw error;
  }
}

/**
 * The OCR worker (issue 12, docs/decisions.md): takes a post with images off the `ocr` queue, reads each image
 * (cached by content hash: a poster shared fifty times is read once), stores the words and boxes, and queues
 * the post for classification with the image texts — the post waits for its images and is classified once.
 * An image that cannot be read (corrupt, too large, animated, mislabelled, timed out) gets its error recorded
 * and the post goes on without its text. Job ids are deterministic, so a retried job writes and queues nothing twice.
 */
export function startOcrWorker(options: OcrWorkerOptions): Worker<OcrJob, OcrOutcome> {
  const store = options.evidenceStore ?? new ArtefactStore(options.evidenceDir);
  const ocr = {
    timeoutMs: OCR_WORKER_DEFAULTS.timeoutMs,
    maxBytes: OCR_WORKER_DEFAULTS.maxBytes,
    maxPixels: OCR_WORKER_DEFAULTS.maxPixels,
    ...options.ocr,
  };
  const run = async (job: Job<OcrJob>): Promise<OcrOutcome> => {
    let post: OcrJob;
    try {
      post = parseOrThrow(ocrJobSchema, job.data, 'OCR_PAYLOAD_INVALID');
    } catch (error) {
      if (error instanceof ValidationError) throw new UnrecoverableError(`${error.code}: ${error.message}`);
      throw error;
    }
    // Images the post already has readings of come first, in the post's order, then the new ones in the job's: the
    // post's readings are only appended to (upsertPosts), so the texts the classifier reads line up with them.
    const order = await storedReadingOrder(options.db, post.platform, post.externalId);
    const rank = (sha256: string) => {
      const at = order.indexOf(sha256);
      return at < 0 ? order.length : at;
    };
    const images = post.evidence
      .filter((e) => e.kind === 'image')
      .map((image, i) => ({ image, i }))
      .sort((a, b) => rank(a.image.sha256) - rank(b.image.sha256) || a.i - b.i)
      .map(({ image }) => image);
    const toRead = images.slice(0, options.maxImagesPerPost);
    const known = await findImageOcr(
      options.db,
      toRead.map((i) => i.sha256),
    );
    const fresh: ImageOcrRow[] = [];
    let cached = 0;
    for (const image of toRead) {
      const stored = known.get(image.sha256);
      if (stored && !(stored.errorCode && retryableCodes.has(stored.errorCode))) {
        cached++;
        continue;
      }
      const row = await readArtefact(store, image, ocr);
      fresh.push(row);
      known.set(image.sha256, row);
    }
    await saveImageOcr(options.db, fresh);
    const readings: ImageReading[] = fitImageReadings(
      images.map((image, i) => {
        if (i >= options.maxImagesPerPost) {
          return {
            sha256: image.sha256,
            engine: null,
            text: '',
            error: {
              code: 'OCR_TOO_MANY_IMAGES',
              message: `only the first ${options.maxImagesPerPost} images are read`,
            },
          };
        }
        const r = known.get(image.sha256)!;
        return {
          sha256: image.sha256,
          engine: r.engine,
          text: r.text,
          error: r.errorCode ? { code: r.errorCode, message: r.errorMessage ?? '' } : null,
        };
      }),
    );
    const failed = readings.filter((r) => r.error).length;
    if (failed > 0) {
      options.logger.info(
        {
          post: `${post.platform}:${post.externalId}`,
          errors: readings.flatMap((r) => (r.error ? [r.error.code] : [])),
        },
        'some images could not be read; the post is classified without their text',
      );
    }
    // The job id names the texts read as well as the post (a tip's further screenshot is classified again); a
    // retried OCR job gives the same id and queues nothing twice.
    await options.queues.classify.add(
      'classify-post',
      { ...post, imageReadings: readings },
      { jobId: classifyJobId(post, imageTextKey(readings), post.textKey) },
    );
    return { images: images.length, read: fresh.filter((r) => !r.errorCode).length, cached, failed };
  };
  const worker = new Worker<OcrJob, OcrOutcome>(
    QUEUE.ocr,
    async (job, token) => {
      const database = options.stores?.database;
      if (database && !database.available) return postponeForOutage(job, token, null, database);
      try {
        return await run(job);
      } catch (error) {
        if (isDatabaseUnavailable(error)) return postponeForOutage(job, token, error, database);
        throw error;
      }
    },
    {
      connection: options.connection,
      prefix: options.prefix,
      concurrency: options.concurrency,
      lockDuration: options.lockDurationMs,
      maxStalledCount: 3,
    },
  );
  worker.on('failed', (job, error) => {
    options.logger.warn({ jobId: job?.id, attempts: job?.attemptsMade, err: error.message }, 'ocr job failed');
  });
  worker.on('error', workerErrorListener(options.logger, 'ocr worker', options.stores?.redis));
  return worker;
}
