import { z } from 'zod';
import { httpUrlSchema, interactionSchema, platformSchema, postKindSchema, replyContextSchema } from './post-schema.ts';

/**
 * A stored evidence file (screenshot, HTML snapshot, raw API answer, or an image of the post as the platform
 * served it — read by OCR), addressed by its SHA-256 so it cannot change unseen.
 */
export const evidenceArtefactRefSchema = z.object({
  kind: z.enum(['screenshot', 'html', 'json', 'image', 'page_screenshot', 'page_html']),
  sha256: z.string().regex(/^[a-f0-9]{64}$/),
  bytes: z.number().int().min(0),
  mediaType: z.string(),
  /** Where the artefact store keeps it, relative to the store's root. */
  path: z.string().min(1),
  capturedAt: z.iso.datetime(),
});
export type EvidenceArtefactRef = z.infer<typeof evidenceArtefactRefSchema>;

/**
 * One public post as a collector saw it. `(platform, externalId)` identifies it everywhere: queue job ids,
 * the posts table's unique key, dedupe across crawls.
 */
export const collectedPostSchema = z.object({
  platform: platformSchema,
  externalId: z.string().min(1).max(200),
  url: httpUrlSchema,
  kind: postKindSchema,
  /** The watched account that wrote/shared/commented; the collector knows it from the crawl job. */
  accountId: z.string().uuid(),
  authorHandle: z.string().min(1).max(200),
  text: z.string().max(20_000),
  postedAt: z.iso.datetime({ offset: true }).nullable(),
  fetchedAt: z.iso.datetime({ offset: true }),
  context: replyContextSchema.optional(),
  /** Image alt text / descriptions, which carry gestures and candidate photos when the text does not. */
  mediaDescriptions: z.array(z.string().max(2_000)).default([]),
  evidence: z.array(evidenceArtefactRefSchema).default([]),
  /** The collector's raw extraction, kept verbatim for the case file. */
  raw: z.record(z.string(), z.unknown()).default({}),
  crawlRunId: z.string().uuid().nullable().default(null),
  /** Set when the post is (or is the record of) an interaction toward someone else's post or account. */
  interaction: interactionSchema.optional(),
  /** An analyst's tip (manual capture): reviewed whatever its score. */
  tip: z.boolean().optional(),
});
export type CollectedPost = z.infer<typeof collectedPostSchema>;

/**
 * What the classifier reads for a post: its text, then each image description on its own line, then the text
 * read from each image (OCR). Evidence offsets index into this string, so the UI splits them back onto the
 * text, the descriptions and the image text.
 */
export function classifiedText(
  text: string,
  mediaDescriptions: readonly string[],
  imageTexts: readonly string[] = [],
): string {
  return [text, ...mediaDescriptions, ...imageTexts].join('\n');
}
