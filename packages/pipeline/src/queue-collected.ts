import type { CollectedPost } from '@netra/core';
import { classifyJobId, ocrJobId, type Queues } from '@netra/queue';

/**
 * Queues collected posts under their deterministic job ids: a post with `image` evidence waits for its
 * images' text (ocr queue → classify queue), the others go straight to the classifier (docs/decisions.md,
 * "Text in images"). The same post queued twice — two crawls, or the forward and the reverse crawl — is one job
 * (for a post with images: as long as its images are the same).
 */
export async function queueCollected(
  queues: Queues,
  items: readonly { post: CollectedPost; regionCode: string | null }[],
): Promise<void> {
  const hasImage = (post: CollectedPost) => post.evidence.some((e) => e.kind === 'image');
  const textOnly = items.filter((i) => !hasImage(i.post));
  const withImages = items.filter((i) => hasImage(i.post));
  if (textOnly.length > 0) {
    await queues.classify.addBulk(
      textOnly.map(({ post, regionCode }) => ({
        name: 'classify-post',
        data: { ...post, regionCode },
        opts: { jobId: classifyJobId(post) },
      })),
    );
  }
  if (withImages.length > 0) {
    await queues.ocr.addBulk(
      withImages.map(({ post, regionCode }) => ({
        name: 'ocr-post',
        data: { ...post, regionCode },
        // Named by its set of images: seen again with a new image (a later sighting), it is read again and
        // classified again with all its image texts (docs/ocr.md).
        opts: {
          jobId: ocrJobId(
            post,
            post.evidence.filter((e) => e.kind === 'image').map((e) => e.sha256),
          ),
        },
      })),
    );
  }
}
