import type { ClassificationResult } from '@netra/core';
import type { Executor } from '../connection/executor.ts';
import { chunks } from './batch-chunks.ts';

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

/**
 * `saveClassification` for a whole batch: one INSERT for the classifications and one for the review items of
 * the flagged ones, each keyed as above (post + model version; post), plus a lookup only for rows that were
 * already there. The answer has one entry per input, in order.
 */
export async function saveClassifications(
  db: Executor,
  items: readonly {
    postId: string;
    result: ClassificationResult /** Open a review item even when not flagged (tips). */;
    review?: boolean;
  }[],
): Promise<{ classificationId: string; reviewItemId: string | null }[]> {
  if (items.length === 0) return [];
  const key = (postId: string, modelVersion: string) => `${postId}\u0000${modelVersion}`;
  const unique = new Map<string, { postId: string; result: ClassificationResult }>();
  for (const item of items) {
    const k = key(item.postId, item.result.modelVersion);
    if (!unique.has(k)) unique.set(k, item);
  }
  const classificationIds = new Map<string, string>();
  for (const chunk of chunks([...unique.values()])) {
    const inserted = await db
      .insertInto('classifications')
      .values(
        chunk.map(({ postId, result }) => ({
          post_id: postId,
          model_version: result.modelVersion,
          score: result.score,
          flagged: result.flagged,
          candidate: result.candidate,
          stance: result.stance,
          category: result.category,
          evidence: JSON.stringify(result.evidence),
          language: result.language,
        })),
      )
      .onConflict((oc) => oc.columns(['post_id', 'model_version']).doNothing())
      .returning(['id', 'post_id', 'model_version'])
      .execute();
    for (const row of inserted) classificationIds.set(key(row.post_id, row.model_version), row.id);
  }
  const missing = [...unique.values()].filter((i) => !classificationIds.has(key(i.postId, i.result.modelVersion)));
  // Rows that were already there (a retried batch): look those up, and only those.
  for (const chunk of chunks(missing)) {
    const existing = await db
      .selectFrom('classifications')
      .select(['id', 'post_id', 'model_version'])
      .where('post_id', 'in', [...new Set(chunk.map((i) => i.postId))])
      .where('model_version', 'in', [...new Set(chunk.map((i) => i.result.modelVersion))])
      .execute();
    for (const row of existing) classificationIds.set(key(row.post_id, row.model_version), row.id);
  }
  const classificationOf = (item: { postId: string; result: ClassificationResult }) => {
    const id = classificationIds.get(key(item.postId, item.result.modelVersion));
    if (!id) throw new Error(`classification of post ${item.postId} was not stored`);
    return id;
  };

  const flagged = new Map<string, { postId: string; result: ClassificationResult }>();
  const reviewed = (item: { result: ClassificationResult; review?: boolean }) =>
    item.result.flagged || item.review === true;
  for (const item of items) if (reviewed(item) && !flagged.has(item.postId)) flagged.set(item.postId, item);
  const reviewItemIds = new Map<string, string>();
  for (const chunk of chunks([...flagged.values()])) {
    const opened = await db
      .insertInto('review_items')
      .values(
        chunk.map((item) => ({
          post_id: item.postId,
          classification_id: classificationOf(item),
          score: item.result.score,
        })),
      )
      .onConflict((oc) => oc.column('post_id').doNothing())
      .returning(['id', 'post_id'])
      .execute();
    for (const row of opened) reviewItemIds.set(row.post_id, row.id);
  }
  // Posts that already had a review item (a retried batch): look those up, and only those.
  const open = [...flagged.keys()].filter((postId) => !reviewItemIds.has(postId));
  for (const chunk of chunks(open)) {
    const existing = await db
      .selectFrom('review_items')
      .select(['id', 'post_id'])
      .where('post_id', 'in', chunk)
      .execute();
    for (const row of existing) reviewItemIds.set(row.post_id, row.id);
  }
  return items.map((item) => {
    const classificationId = classificationOf(item);
    if (!reviewed(item)) return { classificationId, reviewItemId: null };
    const reviewItemId = reviewItemIds.get(item.postId);
    if (!reviewItemId) throw new Error(`review item of post ${item.postId} was not stored`);
    return { classificationId, reviewItemId };
  });
}
