import { type Database, findPostForTextJob, type PostText } from '@netra/db';
import { type ClassifyJobData, classifyJobId, fitImageReadings, imageTextKey, type Queues } from '@netra/queue';
import type { Kysely } from 'kysely';

/**
 * Queues the classification of a stored post's newer text — an edit a re-check found (post-recheck.ts) — under
 * the text's key: the job carries the post as stored with that text, its image readings so far (the
 * classification's image text key must match the post's to move its review item) and its author's region. The
 * job id names the text, so a retried re-check queues it once. Returns whether a job was queued: not for an
 * empty text (nothing to score; an image post's caption removed), nor for an interaction record, whose review
 * rules come from the crawl that saw it, not from its text.
 */
export async function queueTextVersion(
  db: Kysely<Database>,
  queues: Pick<Queues, 'classify'>,
  postId: string,
  version: Pick<PostText, 'text' | 'textKey'> & { seenAt: string },
): Promise<boolean> {
  if (!version.text || !version.textKey) return false;
  const post = await findPostForTextJob(db, postId);
  if (post.interaction) return false;
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
    regionCode: post.region_code,
    imageReadings,
  };
  await queues.classify.add('classify-post', job, {
    jobId: classifyJobId(job, imageTextKey(imageReadings), version.textKey),
  });
  return true;
}
