import type { CollectedPost } from '@netra/core';
import { type Executor, recordSightingsAndTexts } from '@netra/db';
import { classifyJobId, ocrJobId, type Queues } from '@netra/queue';

/** A collected post to queue, with its author's region and, for an edit seen again, its text's key. */
export interface CollectedItem {
  post: CollectedPost;
  regionCode: string | null;
  /** `recordSightingsAndTexts`: the key of the post version the post's text is, '' or absent for the stored text. */
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
 * A crawl's sightings, forward or reverse: recorded in PostgreSQL first, with an edited text of a stored post kept
 * as its next version, in one round trip for the batch (`recordSightingsAndTexts`: a post seen again moves its
 * `last_seen_at` whatever the queue does with a job id it already holds), then queued for classification. A post
 * whose text was removed is recorded as such and not queued: there is nothing of its author's left to score, and
 * its review item keeps the words it was flagged for. `textComplete`: the sightings were read from the platform's
 * API, so an empty text is a removal (a page read may only have missed the caption). Returns how many posts were
 * seen for the first time.
 */
export async function recordAndQueueSightings(
  db: Executor,
  queues: Queues,
  items: readonly Omit<CollectedItem, 'textKey'>[],
  options: { textComplete: boolean },
): Promise<number> {
  const { newPosts, texts } = await recordSightingsAndTexts(
    db,
    items.map((i) => i.post),
    options,
  );
  await queueCollected(
    queues,
    items.flatMap((item, i) => (texts[i]!.emptied ? [] : [{ ...item, textKey: texts[i]!.textKey }])),
  );
  return newPosts;
}
