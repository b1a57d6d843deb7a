import {
  collectCandidateReplies,
  DEFAULT_USER_AGENT,
  type EvidenceStore,
  type FoundReply,
  type PlatformOrigins,
  type Politeness,
  type ReverseCrawlNotice,
  replyItem,
  storePostImages,
} from '@netra/collectors';
import type { CollectedPost, Logger } from '@netra/core';
import { type Database, findWatchedAccountsByKeys } from '@netra/db';
import { type CandidateRepliesJob, postKey, type Queues } from '@netra/queue';
import type { Kysely } from 'kysely';
import { recordAndQueueSightings } from './queue-collected.ts';

export interface CandidateRepliesDeps {
  db: Kysely<Database>;
  queues: Queues;
  store: EvidenceStore;
  platformOrigins: PlatformOrigins;
  politeness: Politeness;
  logger: Logger;
  /** Newest posts per candidate account whose replies are read (SCRAPER_CANDIDATE_POSTS). */
  maxPosts: number;
  youtubeApiKey?: string | undefined;
  /** Download the images of watched authors' replies for OCR (SCRAPER_IMAGE_MAX_BYTES); absent = not. */
  images?: { maxBytes: number } | undefined;
}

/** What a reverse crawl job returns (kept on the job, visible in bull-board; metrics read the crawl fields). */
export interface CandidateRepliesOutcome {
  status: string;
  /** Replies by watched accounts queued as items. */
  posts: number;
  newPosts: number;
  errors: number;
  errorCodes: string[];
  postsRead: number;
  /** Replies seen in the threads, by anyone. */
  repliesSeen: number;
  notices: ReverseCrawlNotice[];
  invalid: { externalId: string; message: string }[];
  /** Images of watched replies not kept (`<reply id>: <url>: <why>`). */
  imageProblems: string[];
}

/**
 * One candidate account's reverse crawl: the replies under its newest posts, kept when their author is a
 * watched account, become that account's `comment` items with a `reply` interaction toward the candidate —
 * the very item (external id, job id) the forward crawl of the author makes, so the reply is stored once.
 * A retryable failure (rate limit, quota) is thrown for BullMQ to retry; everything else is a visible outcome.
 */
export async function runCandidateReplies(
  data: CandidateRepliesJob,
  deps: CandidateRepliesDeps,
): Promise<CandidateRepliesOutcome> {
  const log = deps.logger.child({ runId: data.runId, platform: data.platform, candidateAccount: data.handle });
  const empty = { posts: 0, newPosts: 0, postsRead: 0, repliesSeen: 0, notices: [], invalid: [], imageProblems: [] };
  if (deps.politeness.isDisabled(data.platform)) {
    return { status: 'reverse_disabled', errors: 0, errorCodes: [], ...empty };
  }
  const result = await deps.politeness.slot(data.platform, () =>
    collectCandidateReplies({
      account: { platform: data.platform, handle: data.handle, candidate: data.candidate },
      store: deps.store,
      platformOrigins: deps.platformOrigins,
      maxPosts: deps.maxPosts,
      ...(deps.youtubeApiKey ? { youtubeApiKey: deps.youtubeApiKey } : {}),
      http: {
        beforeRequest: () => deps.politeness.pace(data.platform),
        ...(deps.politeness.userAgent ? { userAgent: deps.politeness.userAgent } : {}),
      },
    }),
  );
  const retryable = result.errors.find((e) => e.retryable);
  if (retryable && result.replies.length === 0) throw retryable;
  const watched = await findWatchedAccountsByKeys(
    deps.db,
    data.platform,
    result.replies.flatMap((r) => r.authorKeys),
  );
  const byKey = new Map<string, (typeof watched)[number]>();
  for (const a of watched) {
    byKey.set(a.handle.replace(/^@/, '').toLowerCase(), a);
    if (a.platform_id) byKey.set(a.platform_id.toLowerCase(), a);
  }
  const items: { post: CollectedPost; regionCode: string }[] = [];
  const invalid: CandidateRepliesOutcome['invalid'] = [];
  const authorOf = (reply: FoundReply) => reply.authorKeys.map((k) => byKey.get(k)).find(Boolean);
  const imageProblems: string[] = [];
  for (const found of result.replies) {
    const account = authorOf(found);
    if (!account) continue;
    // Only now, for a watched author, are the reply's images fetched (never strangers' images).
    let reply = found;
    if (deps.images && found.imageUrls.length > 0) {
      const images = await storePostImages(found.imageUrls, {
        store: deps.store,
        capturedAt: new Date(found.fetchedAt),
        localOrigin: deps.platformOrigins[data.platform],
        options: deps.images,
        userAgent: deps.politeness.userAgent ?? DEFAULT_USER_AGENT,
        collector: { name: String(found.raw.collector), version: String(found.raw.collectorVersion) },
        postUrl: found.url,
        beforeRequest: () => deps.politeness.pace(data.platform),
      });
      imageProblems.push(...images.problems.map((p) => `${found.externalId}: ${p}`));
      reply = { ...found, evidence: [...found.evidence, ...images.refs] };
    }
    const made = replyItem(reply, account, data.runId);
    if (made.ok) items.push({ post: made.post, regionCode: account.region_code });
    else invalid.push({ externalId: reply.externalId, message: made.message });
  }
  // Replies are read from the platform's API (Bluesky, Mastodon): an empty text is the author's, not a miss.
  const newPosts = await recordAndQueueSightings(deps.db, deps.queues, items, { textComplete: true });
  for (const { post } of items) log.debug({ postKey: postKey(post) }, 'reply toward candidate queued');
  const outcome: CandidateRepliesOutcome = {
    status: `reverse_${result.status}`,
    posts: items.length,
    newPosts,
    errors: result.errors.length + invalid.length + imageProblems.length,
    errorCodes: [
      ...result.errors.map((e) => e.code),
      ...invalid.map(() => 'INTERACTION_INVALID'),
      ...imageProblems.map(() => 'COLLECTOR_IMAGE_SKIPPED'),
    ],
    postsRead: result.postsRead,
    repliesSeen: result.replies.length,
    notices: result.notices,
    invalid,
    imageProblems,
  };
  const level = result.status === 'ok' && invalid.length === 0 ? 'info' : 'warn';
  log[level](
    {
      status: result.status,
      postsRead: result.postsRead,
      repliesSeen: result.replies.length,
      watchedReplies: items.length,
      notices: result.notices,
      invalid,
      imageProblems,
      errors: result.errors.map((e) => ({ code: e.code, message: e.message })),
    },
    'candidate account reverse-crawled',
  );
  return outcome;
}
