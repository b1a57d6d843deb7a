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

/** What the ASN did: wrote a post, a comment/reply, a caption under a photo/video, or shared someone's post. */
export const postKindSchema = z.enum(['post', 'comment', 'caption', 'share']);
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
});
export type Classifiable = z.infer<typeof classifiableSchema>;
