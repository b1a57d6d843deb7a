import type { ReviewQueueFilter, ReviewSearch } from '@netra/db';
import { z } from 'zod';

const blank = (v: unknown) => (v === '' ? undefined : v);

/**
 * Search text without control characters: PostgreSQL refuses a NUL byte in any text parameter, and no
 * name, NIP, handle or post is searched for by a tab or an escape sequence.
 */
export function cleanSearchText(value: string): string {
  return value.replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
}

export const REVIEW_STATUSES = ['open', 'confirmed', 'dismissed', 'escalated', 'needs_info'] as const;
export const REVIEW_PLATFORMS = [
  'facebook',
  'instagram',
  'tiktok',
  'x',
  'youtube',
  'bluesky',
  'mastodon',
  'telegram',
] as const;
export const QUEUE_SORTS = ['score', 'posted', 'captured'] as const;

/**
 * The queue's filters and order as they travel in the URL (so the way back, the next item and a saved view
 * all keep them). Unknown keys are ignored; bad values are refused with the field named.
 */
export const queueParamsSchema = z.object({
  status: z.preprocess(blank, z.enum(REVIEW_STATUSES).optional()),
  platform: z.preprocess(blank, z.enum(REVIEW_PLATFORMS).optional()),
  contest: z.preprocess(blank, z.string().max(100).optional()),
  region: z.preprocess(blank, z.string().max(20).optional()),
  minScore: z.preprocess(blank, z.coerce.number().min(0).max(1).optional()),
  q: z.preprocess(blank, z.string().max(200).transform(cleanSearchText).optional()),
  /** `me` for "my queue", or a user id. */
  assigned: z.preprocess(blank, z.union([z.literal('me'), z.uuid()]).optional()),
  sort: z.preprocess(blank, z.enum(QUEUE_SORTS).optional()),
  dir: z.preprocess(blank, z.enum(['asc', 'desc']).optional()),
  limit: z.preprocess(blank, z.coerce.number().int().min(1).max(500).default(50)),
  offset: z.preprocess(blank, z.coerce.number().int().min(0).default(0)),
});

export type QueueParams = z.output<typeof queueParamsSchema>;

/** The filter keys, in the order they are written into a URL. */
const URL_KEYS = ['status', 'platform', 'contest', 'region', 'minScore', 'q', 'assigned', 'sort', 'dir'] as const;

/**
 * What the search box means: 8+ digits are the start of a NIP, `@name` a handle, `#tag` a hashtag, anything
 * else words in the post text, the handle or the person's name.
 */
export function parseSearch(q: string): ReviewSearch {
  const compact = q.replace(/[\s.-]/g, '');
  if (/^\d{8,18}$/.test(compact)) return { kind: 'nip', value: compact };
  if (/^@[\w.]+$/.test(q)) return { kind: 'handle', value: q.slice(1) };
  if (/^#[\p{L}\p{N}_]+$/u.test(q)) return { kind: 'hashtag', value: q.slice(1) };
  return { kind: 'text', value: q };
}

export function toQueueFilter(params: Partial<QueueParams>, userId: string): ReviewQueueFilter {
  return {
    status: params.status,
    platform: params.platform,
    contestId: params.contest,
    regionCode: params.region,
    minScore: params.minScore,
    search: params.q ? parseSearch(params.q) : undefined,
    assignedTo: params.assigned === 'me' ? userId : params.assigned,
    sort: params.sort,
    direction: params.dir,
    limit: params.limit,
    offset: params.offset,
  };
}

/** The filters (and order) as a query string, without paging: `status=open&sort=posted`. */
export function queueQueryString(params: Partial<QueueParams>, extra: Record<string, string | undefined> = {}): string {
  const search = new URLSearchParams();
  for (const key of URL_KEYS) {
    const value = params[key];
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  for (const [key, value] of Object.entries(extra)) if (value !== undefined) search.set(key, value);
  return search.toString();
}

/** Parses a query string that was saved earlier (a saved view), dropping anything no longer valid. */
export function parseQueueQueryString(query: string): Partial<QueueParams> {
  const raw = Object.fromEntries(new URLSearchParams(query));
  const parsed = queueParamsSchema.safeParse(raw);
  return parsed.success ? parsed.data : {};
}
