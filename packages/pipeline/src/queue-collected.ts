import { createHash } from 'node:crypto';
import type { CollectedPost } from '@netra/core';
import { classifyJobId, ocrJobId, type Queues } from '@netra/queue';

/**
 * The OCR job id of a collected post: the post's, plus its set of images. The same post seen again with the same
 * images is one job; seen with a new image (a later sighting), it is read again — the earlier images from the OCR
 * cache — and classified again with all its image texts (docs/ocr.md), where the post's id alone would be refused
 * while the first job is still kept (completed jobs stay a day).
 */
function collectedOcrJobId(post: CollectedPost): string {
  const images = post.evidence
    .filter((e) => e.kind === 'image')
    .map((e) => e.sha256)
    .sort();
  return `${ocrJobId(post)}-${createHash('sha256').update(images.join(',')).digest('hex').slice(0, 16)}`;
}

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
        opts: { jobId: collectedOcrJobId(post) },
      })),
    );
  }
}
