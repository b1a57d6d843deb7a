import { type Database, findPostForTextJob, type PostText } from '@netra/db';
import { type ClassifyJobData, classifyJobId, fitImageReadings, imageTextKey, type Queues } from '@netra/queue';
import type { Kysely } from 'kysely';

/**
 * Queues the classification of a stored post's newer text — an edit a re-check found (post-recheck.ts) — under
 * the text's key: the job carries the post as stored with that text, its image readings so far (the
 * classification's image text key must match the post's to move its review item) and its author's region. The
 * job id names the text, so a retried re-check queues it once. An interaction record (a reply or repost toward a
 * candidate) carries its stored interaction, so the edit is reviewed by the same rules as the crawl's sighting
 * (review-rules.ts) — as a crawl that sees the edit queues it. Returns whether a job was queued: not for an empty
 * text (the words were removed: the version records it, the review item keeps the words it was flagged for).
 */
export async function queueTextVersion(
  db: Kysely<Database>,
  queues: Pick<Queues, 'classify'>,
  postId: string,
  version: Pick<PostText, 'text' | 'textKey'> & { seenAt: string },
): Promise<boolean> {
  if (!version.text || !version.textKey) return false;
  const post = await findPostForTextJob(db, postId);
  const imageReadings = fitImageReadings(post.image_readings ?? []);
  const job: ClassifyJobData = {
    platform: post.platform as ClassifyJobData['platform'],
    externalId: post.external_id,
    url: post.url,
    kind: post.kind as ClassifyJobData['kind'],
    accountId: post.account_id,
    authorHandle: post.author_handle,
    text: version.text,
    textKey: version.textKey,
    postedAt: post.posted_at ? new Date(post.posted_at).toISOString() : null,
    fetchedAt: version.seenAt,
    ...(post.context ? { context: post.context as ClassifyJobData['context'] } : {}),
    mediaDescriptions: post.media_descriptions,
    evidence: [],
    raw: post.raw,
    crawlRunId: null,
    ...(post.tip ? { tip: true } : {}),
    ...(post.interaction_kind && post.target_type && post.target_external_id
      ? {
          interaction: {
            kind: post.interaction_kind,
            at: post.interacted_at ? new Date(post.interacted_at).toISOString() : null,
            target: {
              type: post.target_type,
              externalId: post.target_external_id,
              url: post.target_url,
              authorHandle: post.target_author,
              text: post.target_text,
              candidate: post.target_candidate,
            },
          },
        }
      : {}),
    regionCode: post.region_code,
    imageReadings,
  };
  await queues.classify.add('classify-post', job, {
    jobId: classifyJobId(job, imageTextKey(imageReadings), version.textKey),
  });
  return true;
}
