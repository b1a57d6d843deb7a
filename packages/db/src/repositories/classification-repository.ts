import type { ClassificationResult } from '@netra/core';
import type { Executor } from '../connection/executor.ts';

/**
 * Stores the classification of a post by one model version, once: a retried job finds the row already there.
 * A flagged result also opens a review item, once per post.
 */
export async function saveClassification(
  db: Executor,
  postId: string,
  result: ClassificationResult,
): Promise<{ classificationId: string; reviewItemId: string | null }> {
  const inserted = await db
    .insertInto('classifications')
    .values({
      post_id: postId,
      model_version: result.modelVersion,
      score: result.score,
      flagged: result.flagged,
      candidate: result.candidate,
      stance: result.stance,
      category: result.category,
      evidence: JSON.stringify(result.evidence),
      language: result.language,
    })
    .onConflict((oc) => oc.columns(['post_id', 'model_version']).doNothing())
    .returning('id')
    .executeTakeFirst();
  const classificationId =
    inserted?.id ??
    (
      await db
        .selectFrom('classifications')
        .select('id')
        .where('post_id', '=', postId)
        .where('model_version', '=', result.modelVersion)
        .executeTakeFirstOrThrow()
    ).id;
  if (!result.flagged) return { classificationId, reviewItemId: null };
  await db
    .insertInto('review_items')
    .values({ post_id: postId, classification_id: classificationId, score: result.score })
    .onConflict((oc) => oc.column('post_id').doNothing())
    .execute();
  const item = await db.selectFrom('review_items').select('id').where('post_id', '=', postId).executeTakeFirstOrThrow();
  return { classificationId, reviewItemId: item.id };
}

export async function listClassificationsOfPost(db: Executor, postId: string) {
  return db.selectFrom('classifications').selectAll().where('post_id', '=', postId).orderBy('created_at').execute();
}
