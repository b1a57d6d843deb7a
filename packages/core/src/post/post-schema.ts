import { z } from 'zod';
import { regionCodeSchema } from '../registry/registry-schema.ts';

export const platformSchema = z.enum([
  'facebook',
  'instagram',
  'tiktok',
  'x',
  'youtube',
  'bluesky',
  'mastodon',
  'telegram',
]);
export type Platform = z.infer<typeof platformSchema>;
export const PLATFORMS = platformSchema.options;

/**
 * A link to a page on the web: http or https only. Post and profile URLs come from scraped pages and are
 * rendered as links, so `javascript:`, `data:` or `vbscript:` URLs must never get in.
 */
export const httpUrlSchema = z.url({ protocol: /^https?$/, message: 'harus URL http(s) / must be an http(s) URL' });

/** True when `value` parses as an http(s) URL (the only URLs Netra renders as links). */
export function isHttpUrl(value: string): boolean {
  return httpUrlSchema.safeParse(value).success;
}

/**
 * What the ASN did: wrote a post, a comment/reply, a caption under a photo/video, shared someone's post, or
 * an `interaction` without text of its own (a like or follow toward a candidate; see `interactionSchema`).
 */
export const postKindSchema = z.enum(['post', 'comment', 'caption', 'share', 'interaction']);
export type PostKind = z.infer<typeof postKindSchema>;

/** What a reply was replying to; `parentCandidate` is set when the parent is a candidate's official account. */
export const replyContextSchema = z.object({
  parentText: z.string().max(20_000).optional(),
  parentAuthor: z.string().max(200).optional(),
  parentCandidate: z
    .string()
    .regex(/^[a-z0-9-]+#\d+$/)
    .optional(),
});
export type ReplyContext = z.infer<typeof replyContextSchema>;

/** The text the classifier needs, independent of where it came from. */
export const classifiableSchema = z.object({
  id: z.string().min(1).max(200),
  text: z.string().max(20_000),
  region: regionCodeSchema.optional(),
  platform: platformSchema.optional(),
  kind: postKindSchema.optional(),
  context: replyContextSchema.optional(),
  /**
   * Text read from the post's images (OCR), one entry per image. The classifier reads it after the text, on its
   * own lines (`classifiedText`), so evidence spans can point into it.
   */
  imageText: z.array(z.string().max(20_000)).max(50).optional(),
  /**
   * When the post was published (ISO 8601 with its offset or `Z`); absent or null when unknown. A person or a
   * ballot number in two contests then goes to the contest that was running on that day (docs/classifier.md,
   * "Dated posts"); without it resolution is exactly as before.
   */
  postedAt: z.iso
    .datetime({
      offset: true,
      message:
        'postedAt harus waktu ISO 8601 dengan zona waktu, mis. 2024-10-05T10:00:00+07:00 / postedAt must be an ISO 8601 date-time with an offset',
    })
    .nullish(),
});
export type Classifiable = z.infer<typeof classifiableSchema>;

export const interactionKindSchema = z.enum(['like', 'follow', 'repost', 'reply']);

/**
 * A like, follow, repost or reply of a watched account, with what it was aimed at. Toward a candidate's
 * official account (`target.candidate`) it is an SKB behaviour by itself, text or not.
 */
export const interactionSchema = z.object({
  kind: interactionKindSchema,
  at: z.iso.datetime({ offset: true }).nullable(),
  target: z.object({
    type: z.enum(['post', 'account']),
    externalId: z.string().min(1).max(1_000),
    url: httpUrlSchema.nullable(),
    authorHandle: z.string().max(200).nullable(),
    text: z.string().max(20_000).nullable(),
    candidate: z
      .string()
      .regex(/^[a-z0-9-]+#\d+$/)
      .nullable(),
  }),
});
export type Interaction = z.infer<typeof interactionSchema>;
