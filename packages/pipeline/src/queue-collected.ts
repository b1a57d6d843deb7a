import type { CollectedPost } from '@netra/core';
import { type Executor, recordSightings, recordSightingTexts } from '@netra/db';
import { classifyJobId, ocrJobId, type Queues } from '@netra/queue';

/** A collected post to queue, with its author's region and, for an edit seen again, its text's key. */
export interface CollectedItem {
  post: CollectedPost;
  regionCode: string | null;
  /** `recordSightingTexts`: the key of the post version the post's text is, '' or absent for the stored text. */
  textKey?: string | undefined;
}

/**
 * Queues collected posts under their deterministic job ids: a post with `image` evidence waits for its
 * images' text (ocr queue → classify queue), the others go straight to the classifier (docs/decisions.md,
 * "Text in images"). The same post queued twice — two crawls, or the forward and the reverse crawl — is one job
 * (for a post with images: as long as its images are the same; for a post seen edited: as long as its text is).
 */
export async function queueCollected(queues: Queues, items: readonly CollectedItem[]): Promise<void> {
  const hasImage = (post: CollectedPost) => post.evidence.some((e) => e.kind === 'image');
  // An edit's key travels on the job (the classification's `text_key`) and names the job: the edited text is
  // classified as its own row, and a re-sighting of the same edit is the same job.
  const data = ({ post, regionCode, textKey }: CollectedItem) => ({
    ...post,
    regionCode,
    ...(textKey ? { textKey } : {}),
  });
  const textOnly = items.filter((i) => !hasImage(i.post));
  const withImages = items.filter((i) => hasImage(i.post));
  if (textOnly.length > 0) {
    await queues.classify.addBulk(
      textOnly.map((item) => ({
        name: 'classify-post',
        data: data(item),
        opts: { jobId: classifyJobId(item.post, '', item.textKey) },
      })),
    );
  }
  if (withImages.length > 0) {
    await queues.ocr.addBulk(
      withImages.map((item) => ({
        name: 'ocr-post',
        data: data(item),
        // Named by its set of images: seen again with a new image (a later sighting), it is read again and
        // classified again with all its image texts (docs/ocr.md).
        opts: {
          jobId: ocrJobId(
            item.post,
            item.post.evidence.filter((e) => e.kind === 'image').map((e) => e.sha256),
            item.textKey,
          ),
        },
      })),
    );
  }
}

/**
 * A crawl's sightings, forward or reverse: recorded in PostgreSQL first (`recordSightings`: a post seen again moves
 * its `last_seen_at` whatever the queue does with a job id it already holds), an edited text of a stored post
 * kept as its next version (`recordSightingTexts`), then queued for classification. Returns how many posts were
 * seen for the first time.
 */
export async function recordAndQueueSightings(
  db: Executor,
  queues: Queues,
  items: readonly Omit<CollectedItem, 'textKey'>[],
): Promise<number> {
  const posts = items.map((i) => i.post);
  const newPosts = await recordSightings(db, posts);
  const textKeys = await recordSightingTexts(db, posts);
  await queueCollected(
    queues,
    items.map((item, i) => ({ ...item, textKey: textKeys[i] })),
  );
  return newPosts;
}
