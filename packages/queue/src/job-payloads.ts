import { createHash } from 'node:crypto';
import { collectedPostSchema, platformSchema } from '@netra/core';
import { z } from 'zod';

export const crawlJobSchema = z.object({
  runId: z.string().uuid(),
  accountId: z.string().uuid(),
  platform: platformSchema,
  handle: z.string().min(1),
  profileUrl: z.url(),
  regionCode: z.string().min(1),
  /** Read everything again instead of only what is newer than the account's cursor. */
  full: z.boolean().optional(),
});
export type CrawlJob = z.infer<typeof crawlJobSchema>;

/** The crawl queue's job name for the reverse crawl of one candidate official account (beside `crawl-account`). */
export const CANDIDATE_REPLIES_JOB = 'candidate-replies';

/**
 * Reverse crawl: replies under a candidate official account's newest posts, read for replies by watched
 * accounts. Not a watched account, so it is not counted in the run's accounts.
 */
export const candidateRepliesJobSchema = z.object({
  runId: z.string().uuid(),
  platform: z.enum(['bluesky', 'mastodon', 'youtube']),
  handle: z.string().min(1),
  /** `<contest>#<number>`. */
  candidate: z.string().min(1),
});
export type CandidateRepliesJob = z.infer<typeof candidateRepliesJobSchema>;

/** What the crawl queue carries: a watched account's crawl or a candidate account's reverse crawl. */
export type CrawlQueueJob = CrawlJob | CandidateRepliesJob;

/** What a classify job carries of OCR: per image's text, per error message, and images per post. */
export const IMAGE_READING_LIMITS = { text: 20_000, engine: 200, message: 2_000, readings: 50 } as const;

/** What OCR made of one image of a post: its text, or the per-image error that kept it from being read. */
export const imageReadingSchema = z.object({
  sha256: z.string().regex(/^[a-f0-9]{64}$/),
  /** Engine, version, languages and Netra's OCR pipeline version (evidence manifest). */
  engine: z.string().max(IMAGE_READING_LIMITS.engine).nullable(),
  text: z.string().max(IMAGE_READING_LIMITS.text),
  error: z.object({ code: z.string(), message: z.string().max(IMAGE_READING_LIMITS.message) }).nullable(),
});
export type ImageReading = z.infer<typeof imageReadingSchema>;

/** At most `max` UTF-16 units of `text`, never ending in half a surrogate pair. */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

/**
 * Readings as a classify job can carry them: the first 50 images, each text and message clipped to the
 * schema's limits (the whole text stays in `image_ocr`). OCR of a dense poster or long screenshot can read more
 * than 20,000 characters; a job carrying it failed as malformed and the post never reached review.
 */
export function fitImageReadings(readings: readonly ImageReading[]): ImageReading[] {
  return readings.slice(0, IMAGE_READING_LIMITS.readings).map((r) => ({
    ...r,
    engine: r.engine === null ? null : clip(r.engine, IMAGE_READING_LIMITS.engine),
    text: clip(r.text, IMAGE_READING_LIMITS.text),
    error: r.error ? { code: r.error.code, message: clip(r.error.message, IMAGE_READING_LIMITS.message) } : null,
  }));
}

/**
 * Nothing read `postedAt` off a job before the classifier began to use it (2026-11-29): a job from a producer
 * that leaves it out is a post of unknown date, not a malformed job.
 */
const jobPostedAtSchema = collectedPostSchema.shape.postedAt.default(null);

/**
 * Which text the job carries when it is not the post's stored text: the SHA-256 (`contentHash`) of a later tip's
 * text of the post, or of an edit a crawl or re-check saw (a post version), part of the classification's key
 * (`classifications.text_key`). Absent or '' for the stored text.
 */
const jobTextKeySchema = z
  .string()
  .regex(/^([0-9a-f]{64})?$/)
  .optional();

/**
 * The classify queue carries the collected post itself plus the author's region (which selects contests) and,
 * for a post that went through the OCR queue first, what was read from its images (in evidence order).
 */
export const classifyJobSchema = collectedPostSchema.extend({
  postedAt: jobPostedAtSchema,
  regionCode: z.string().min(1).nullable(),
  /** A tip may belong to a person without a matching watched account (the analyst named the person). */
  accountId: z.string().uuid().nullable(),
  imageReadings: z.array(imageReadingSchema).max(IMAGE_READING_LIMITS.readings).optional(),
  textKey: jobTextKeySchema,
});
export type ClassifyJob = z.infer<typeof classifyJobSchema>;
/** What producers put on the classify queue. */
export type ClassifyJobData = z.input<typeof classifyJobSchema>;

/** The OCR queue carries the same post (its `image` evidence is what gets read); the OCR worker adds the readings. */
export const ocrJobSchema = collectedPostSchema.extend({
  postedAt: jobPostedAtSchema,
  regionCode: z.string().min(1).nullable(),
  accountId: z.string().uuid().nullable(),
  textKey: jobTextKeySchema,
});
export type OcrJob = z.infer<typeof ocrJobSchema>;
/** What producers put on the ocr queue. */
export type OcrJobData = z.input<typeof ocrJobSchema>;

/** The image texts the classifier reads, in evidence order (images that could not be read give none). */
export function imageTextsOf(readings: readonly ImageReading[] = []): string[] {
  return readings.filter((r) => !r.error && r.text.trim()).map((r) => r.text);
}

/**
 * What a classification's image text was computed from, as part of its key (`classifications.image_text_key`):
 * '' when the model read no image text, otherwise the SHA-256 (hex) of the image texts' own SHA-256 digests,
 * sorted and concatenated — a multiset, so the same texts give the same key whatever order a job lists them in,
 * and a further image with new text gives a new key (a new classification instead of a silently skipped one).
 * PostgreSQL computes the same value (`netra_image_text_key`, migration 2026-12-03-5000) for the backfill and
 * to find a post's newest classification; a test checks that the two agree.
 */
export function imageTextKey(readings: readonly ImageReading[] = []): string {
  const texts = imageTextsOf(readings);
  if (texts.length === 0) return '';
  const digests = texts.map((t) => createHash('sha256').update(t, 'utf8').digest('hex')).sort();
  return createHash('sha256').update(digests.join(''), 'utf8').digest('hex');
}

export const scheduleJobSchema = z.object({
  trigger: z.enum(['nightly', 'on_demand']),
  requestedBy: z.string().uuid().nullable().default(null),
  accountIds: z.array(z.string().uuid()).optional(),
  /** A full re-read (ignore the accounts' cursors). */
  full: z.boolean().optional(),
});
export type ScheduleJob = z.infer<typeof scheduleJobSchema>;

function token(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, 32);
}

/**
 * Deterministic job ids: the same post collected by two crawls (or two scraper replicas) is one job.
 * BullMQ refuses `:` in custom ids, and external ids are platform-defined strings, hence the hash.
 * With `imageTextKey` (a post classified with the text of its images), the id names that text too: a post
 * whose images changed is classified again, where the post's id alone would be refused while the first job is
 * still kept (completed jobs stay a day); a retried job with the same texts gives the same id. With `textKey` (a
 * later tip's text of the post), the id names that text as well: the same screenshots read with another text
 * are another classification, not a refused job.
 */
export function classifyJobId(post: { platform: string; externalId: string }, imageTextKey = '', textKey = ''): string {
  const id = `post-${post.platform}-${token(post.externalId)}`;
  const withImages = imageTextKey ? `${id}-${imageTextKey.slice(0, 16)}` : id;
  return textKey ? `${withImages}-t${textKey.slice(0, 16)}` : withImages;
}

/**
 * The OCR job of a post: one per post, like its classify job, so a post seen by two crawls is read once. With
 * `images` (the SHA-256s of the images to read), one per post and set of images: the same post seen again with
 * a new image, or a tip's further screenshot, is read again (the earlier images from the OCR cache). With
 * `textKey` (a post seen again with an edited text, stored as a post version), the id names that text too, as
 * `classifyJobId` does: the same images with another text are read and classified again, not refused.
 */
export function ocrJobId(
  post: { platform: string; externalId: string },
  images?: readonly string[],
  textKey = '',
): string {
  const id = `ocr-${post.platform}-${token(post.externalId)}`;
  const withImages = images ? `${id}-${token([...images].sort().join(',')).slice(0, 16)}` : id;
  return textKey ? `${withImages}-t${textKey.slice(0, 16)}` : withImages;
}

export function crawlJobId(job: { runId: string; accountId: string }): string {
  return `crawl-${job.runId}-${job.accountId}`;
}

/** One reverse crawl per candidate account per run. */
export function candidateRepliesJobId(job: { runId: string; platform: string; handle: string }): string {
  return `candrep-${job.runId}-${token(`${job.platform}:${job.handle.toLowerCase()}`)}`;
}

/**
 * The key that follows one post through every log line (scraper, classifier, API): `platform:externalId`,
 * readable where the job id is a hash. docs/operations.md shows the log query.
 */
export function postKey(post: { platform: string; externalId: string }): string {
  return `${post.platform}:${post.externalId}`;
}
