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

/** The classify queue carries the collected post itself plus the author's region (which selects contests). */
export const classifyJobSchema = collectedPostSchema.extend({ regionCode: z.string().min(1).nullable() });
export type ClassifyJob = z.infer<typeof classifyJobSchema>;

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
 */
export function classifyJobId(post: { platform: string; externalId: string }): string {
  return `post-${post.platform}-${token(post.externalId)}`;
}

export function crawlJobId(job: { runId: string; accountId: string }): string {
  return `crawl-${job.runId}-${job.accountId}`;
}

/**
 * The key that follows one post through every log line (scraper, classifier, API): `platform:externalId`,
 * readable where the job id is a hash. docs/operations.md shows the log query.
 */
export function postKey(post: { platform: string; externalId: string }): string {
  return `${post.platform}:${post.externalId}`;
}
