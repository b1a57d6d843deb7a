import type { ClassificationResult } from '@netra/core';
import { sql } from 'kysely';
import type { Executor } from '../connection/executor.ts';
import { preparedStatement } from '../connection/prepared-statements.ts';
import { chunks } from './batch-chunks.ts';

/**
 * Stores the classification of a post by one model version (from its text, without image text), once: a
 * retried job finds the row already there.
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
      contest_timing: result.contestTiming ? JSON.stringify(result.contestTiming) : null,
    })
    .onConflict((oc) => oc.columns(['post_id', 'model_version', 'image_text_key', 'text_key']).doNothing())
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
        .where('image_text_key', '=', '')
        .where('text_key', '=', '')
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

export interface SavedClassification {
  classificationId: string;
  reviewItemId: string | null;
  /**
   * Set when this classification (with image text) is new for a post whose review item points at another:
   * `moved` — the open item now points at this one, with its score and candidate; `kept_decided` — the item
   * was already decided and keeps the classification the analyst saw; `kept_newer` — this one read fewer of the
   * post's image texts than the post now has (a job that finished after a later one), so the item stays.
   */
  rescore?: RescoreOutcome;
}

export type RescoreOutcome = 'moved' | 'kept_decided' | 'kept_newer';

/**
 * A post's image text changed after it was classified (a tip's screenshot is read after the tip was stored; a
 * further screenshot is added to the tip later): its open review item moves to the new classification, score and
 * candidate — the earlier classifications stay, as evidence of what was shown. A decided item is left as the
 * analyst decided it. The item moves only to the classification computed from all of the post's image texts
 * (`image_readings` after this transaction's `upsertPosts` merged them, keyed by `netra_image_text_key`): a
 * job with fewer images that finished after a later one does not move it back. Only classifications this call
 * inserted are passed in, and an item already on the passed one is not matched, so a retried job changes nothing.
 * The key function runs only for items being re-scored, not for every classification stored.
 * A later tip's text, or an edit a crawl or re-check saw (`text_key`, migration 2026-12-04-3000), re-scores the
 * same way: the item moves only to a classification of the post's current text (the newest version some
 * classification is keyed by) and all its image texts.
 */
async function rescoreReviewItems(
  db: Executor,
  fresh: ReadonlyMap<string, string>,
): Promise<Map<string, { reviewItemId: string; outcome: RescoreOutcome }>> {
  const out = new Map<string, { reviewItemId: string; outcome: RescoreOutcome }>();
  for (const chunk of chunks([...fresh.entries()])) {
    const result = await sql<{
      review_item_id: string;
      classification_id: string;
      moved: boolean;
      current: boolean;
    }>`${preparedStatement}
      WITH input AS (
        SELECT * FROM unnest(${chunk.map(([postId]) => postId)}::uuid[], ${chunk.map(([, id]) => id)}::uuid[])
          AS x(post_id, classification_id)
      ), candidates AS (
        SELECT ri.id, ri.classification_id AS earlier_id, c.id AS classification_id, c.score, c.candidate,
          c.image_text_key = netra_image_text_key(p.image_readings) AND c.text_key = coalesce((
            -- The post's newest text that a classification read: a later tip's text or an edit a crawl or
            -- re-check saw (a post version whose hash some classification of the post is keyed by), else ''
            -- (the stored text). A version no classification has read yet changes nothing here.
            SELECT v.content_hash FROM post_versions v
            WHERE v.post_id = p.id
              AND EXISTS (SELECT 1 FROM classifications t WHERE t.post_id = p.id AND t.text_key = v.content_hash)
            ORDER BY v.version DESC LIMIT 1), '') AS current
        FROM input i
        JOIN review_items ri ON ri.post_id = i.post_id AND ri.classification_id <> i.classification_id
        JOIN classifications c ON c.id = i.classification_id
        JOIN posts p ON p.id = i.post_id
      ), target AS (
        SELECT * FROM candidates WHERE current
      ), moved AS (
        UPDATE review_items ri SET classification_id = t.classification_id, score = t.score, candidate = t.candidate,
          contest_id = nullif(split_part(coalesce(t.candidate, ''), '#', 1), ''), updated_at = now()
        FROM target t
        -- Checked on the row itself, not the snapshot: UPDATE re-reads it after a concurrent decision commits,
        -- so an item decided meanwhile is not moved.
        WHERE ri.id = t.id AND ri.status = 'open' AND ri.classification_id = t.earlier_id
        RETURNING ri.id
      )
      SELECT t.id AS review_item_id, t.classification_id, t.current, (m.id IS NOT NULL) AS moved
      FROM candidates t LEFT JOIN moved m ON m.id = t.id`.execute(db);
    for (const row of result.rows) {
      out.set(row.classification_id, {
        reviewItemId: row.review_item_id,
        outcome: !row.current ? 'kept_newer' : row.moved ? 'moved' : 'kept_decided',
      });
    }
  }
  return out;
}

/**
 * `saveClassification` for a whole batch in one statement: the classifications and the review items of the
 * flagged ones (or of those marked `review`), each keyed as above (post + model version + what the image text was
 * computed from; post), and the re-scoring of `rescoreReviewItems`. Rows that were
 * already there (a retried batch) are read back in the same statement; the answer has one entry per input,
 * in order. Each column travels as one array parameter (see `upsertPosts`).
 */
export async function saveClassifications(
  db: Executor,
  items: readonly {
    postId: string;
    result: ClassificationResult;
    /** Open a review item even when not flagged (tips). */
    review?: boolean;
    /**
     * What the image text the model read was computed from (`imageTextKey` of the job's readings; part of the
     * key): '' or absent when it read none.
     */
    imageTextKey?: string;
    /**
     * What text the model read, when not the post's stored text (`contentHash` of it: a later tip's text, stored
     * as a post version; part of the key): '' or absent for the stored text.
     */
    textKey?: string;
    /**
     * The post was inserted by this same transaction (`upsertPosts` said `inserted`): nothing can refer to it
     * yet, so its classification and review item are written without ON CONFLICT. Default false.
     */
    newPost?: boolean;
  }[],
): Promise<SavedClassification[]> {
  if (items.length === 0) return [];
  const key = (postId: string, modelVersion: string, imageTextKey: string | undefined, textKey: string | undefined) =>
    `${postId}\u0000${modelVersion}\u0000${imageTextKey ?? ''}\u0000${textKey ?? ''}`;
  const reviewed = (item: { result: ClassificationResult; review?: boolean }) =>
    item.result.flagged || item.review === true;
  const unique = new Map<
    string,
    {
      postId: string;
      result: ClassificationResult;
      review: boolean;
      imageTextKey: string;
      textKey: string;
      newPost: boolean;
    }
  >();
  // One review item per post: the first reviewed occurrence opens it (with its classification and score).
  const opening = new Set<string>();
  for (const item of items) {
    const k = key(item.postId, item.result.modelVersion, item.imageTextKey, item.textKey);
    const seen = unique.get(k);
    const opens = reviewed(item) && !opening.has(item.postId);
    if (opens) opening.add(item.postId);
    if (!seen)
      unique.set(k, {
        postId: item.postId,
        result: item.result,
        review: opens,
        imageTextKey: item.imageTextKey ?? '',
        textKey: item.textKey ?? '',
        // Only when every occurrence says so: a post is new for the whole transaction or not at all.
        newPost: item.newPost === true,
      });
    else {
      if (opens) seen.review = true;
      if (item.newPost !== true) seen.newPost = false;
    }
  }
  const classificationIds = new Map<string, string>();
  const reviewItemIds = new Map<string, string>();
  // Classifications of image text or of a later text this call inserted (not found from an earlier try): they may
  // re-score an item.
  const freshRescoring = new Map<string, string>();
  for (const chunk of chunks([...unique.values()])) {
    const r = chunk.map((item) => item.result);
    // Sub-statements share one snapshot: the SELECTs over classifications and review_items see only rows that
    // were there before this statement, i.e. exactly those its INSERTs skipped. They are LATERAL … LIMIT 1 so
    // that each is one index probe per input row the INSERT skipped (none, unless the batch is retried): as
    // plain joins the planner chose a sequential scan of the whole table for every batch, a cost that grew with
    // the table (docs/performance.md). The review item gets its keys here, its classification's candidate
    // included (a trigger could not see a classification inserted by the same statement).
    const result = await sql<{
      post_id: string;
      model_version: string;
      image_text_key: string;
      text_key: string;
      classification_id: string;
      fresh: boolean;
      review_item_id: string | null;
    }>`${preparedStatement}
      WITH input AS (
        SELECT * FROM unnest(
          ${chunk.map((i) => i.postId)}::uuid[], ${r.map((x) => x.modelVersion)}::text[],
          ${r.map((x) => x.score)}::double precision[], ${r.map((x) => x.flagged)}::boolean[],
          ${r.map((x) => x.candidate)}::text[], ${r.map((x) => x.stance)}::text[], ${r.map((x) => x.category)}::text[],
          ${r.map((x) => JSON.stringify(x.evidence))}::jsonb[], ${r.map((x) => x.language)}::text[],
          ${chunk.map((i) => i.review)}::boolean[], ${chunk.map((i) => i.imageTextKey)}::text[],
          ${chunk.map((i) => i.newPost)}::boolean[],
          ${r.map((x) => (x.contestTiming ? JSON.stringify(x.contestTiming) : null))}::jsonb[],
          ${chunk.map((i) => i.textKey)}::text[]
        ) AS x(post_id, model_version, score, flagged, candidate, stance, category, evidence, language, review,
          image_text_key, new_post, contest_timing, text_key)
      ), inserted_new AS (
        -- Posts this transaction inserted: nothing of theirs can exist, so no ON CONFLICT (its extra index probe
        -- and confirmation per row).
        INSERT INTO classifications (post_id, model_version, score, flagged, candidate, stance, category, evidence,
          language, image_text_key, with_image_text, contest_timing, text_key)
        SELECT post_id, model_version, score, flagged, candidate, stance, category, evidence, language,
          image_text_key, image_text_key <> '', contest_timing, text_key FROM input WHERE new_post
        RETURNING id, post_id, model_version, image_text_key, text_key, candidate
      ), inserted_known AS (
        INSERT INTO classifications (post_id, model_version, score, flagged, candidate, stance, category, evidence,
          language, image_text_key, with_image_text, contest_timing, text_key)
        SELECT post_id, model_version, score, flagged, candidate, stance, category, evidence, language,
          image_text_key, image_text_key <> '', contest_timing, text_key FROM input WHERE NOT new_post
        ON CONFLICT (post_id, model_version, image_text_key, text_key) DO NOTHING
        RETURNING id, post_id, model_version, image_text_key, text_key, candidate
      ), inserted AS (
        SELECT id, post_id, model_version, image_text_key, text_key, candidate FROM inserted_new
        UNION ALL
        SELECT id, post_id, model_version, image_text_key, text_key, candidate FROM inserted_known
      ), classified AS (
        SELECT id, post_id, model_version, image_text_key, text_key, candidate, true AS fresh FROM inserted
        UNION ALL
        SELECT c.id, c.post_id, c.model_version, c.image_text_key, c.text_key, c.candidate, false AS fresh
        FROM input i CROSS JOIN LATERAL (
          SELECT id, post_id, model_version, image_text_key, text_key, candidate FROM classifications
          WHERE post_id = i.post_id AND model_version = i.model_version AND image_text_key = i.image_text_key
            AND text_key = i.text_key
          LIMIT 1) c
        -- Only for rows the INSERT skipped: probing the index for each new row too found nothing, at a cost.
        WHERE NOT EXISTS (SELECT 1 FROM inserted n WHERE n.post_id = i.post_id AND n.model_version = i.model_version
          AND n.image_text_key = i.image_text_key AND n.text_key = i.text_key)
      ), items AS (
        -- The item's keys by the rules of its key trigger (migration 2026-11-29-0800), which then does not run
        -- (it runs only when no platform is given): read here, they cost no PL/pgSQL call per item.
        SELECT i.post_id, k.id AS classification_id, i.score, k.candidate,
          nullif(split_part(coalesce(k.candidate, ''), '#', 1), '') AS contest_id, p.platform,
          coalesce(p.posted_at, p.fetched_at) AS posted_at, p.fetched_at AS captured_at, a.person_id, i.new_post
        FROM input i JOIN classified k ON k.post_id = i.post_id AND k.model_version = i.model_version
          AND k.image_text_key = i.image_text_key AND k.text_key = i.text_key
          JOIN posts p ON p.id = i.post_id LEFT JOIN accounts a ON a.id = p.account_id
        WHERE i.review
      ), opened_new AS (
        INSERT INTO review_items (post_id, classification_id, score, candidate, contest_id, platform, posted_at,
          captured_at, person_id)
        SELECT post_id, classification_id, score, candidate, contest_id, platform, posted_at, captured_at, person_id
        FROM items WHERE new_post
        RETURNING id, post_id
      ), opened_known AS (
        INSERT INTO review_items (post_id, classification_id, score, candidate, contest_id, platform, posted_at,
          captured_at, person_id)
        SELECT post_id, classification_id, score, candidate, contest_id, platform, posted_at, captured_at, person_id
        FROM items WHERE NOT new_post
        ON CONFLICT (post_id) DO NOTHING
        RETURNING id, post_id
      ), opened AS (
        SELECT id, post_id FROM opened_new
        UNION ALL
        SELECT id, post_id FROM opened_known
      ), reviewed AS (
        SELECT id, post_id FROM opened
        UNION ALL
        SELECT r.id, r.post_id
        FROM input i CROSS JOIN LATERAL (SELECT id, post_id FROM review_items WHERE post_id = i.post_id LIMIT 1) r
        WHERE i.review AND NOT EXISTS (SELECT 1 FROM opened o WHERE o.post_id = i.post_id)
      )
      SELECT k.post_id, k.model_version, k.image_text_key, k.text_key, k.id AS classification_id, k.fresh,
        r.id AS review_item_id
      FROM classified k LEFT JOIN reviewed r ON r.post_id = k.post_id`.execute(db);
    for (const row of result.rows) {
      classificationIds.set(
        key(row.post_id, row.model_version, row.image_text_key, row.text_key),
        row.classification_id,
      );
      if (row.fresh && (row.image_text_key !== '' || row.text_key !== ''))
        freshRescoring.set(row.post_id, row.classification_id);
      if (row.review_item_id) reviewItemIds.set(row.post_id, row.review_item_id);
    }
  }
  // A row another transaction committed while this statement waited on it is in neither its INSERT's answer
  // nor its snapshot: look those up, and only those (rare: two workers writing the same post at once).
  const missing = [...unique.values()].filter(
    (i) => !classificationIds.has(key(i.postId, i.result.modelVersion, i.imageTextKey, i.textKey)),
  );
  for (const chunk of chunks(missing)) {
    const existing = await db
      .selectFrom('classifications')
      .select(['id', 'post_id', 'model_version', 'image_text_key', 'text_key'])
      .where('post_id', 'in', [...new Set(chunk.map((i) => i.postId))])
      .where('model_version', 'in', [...new Set(chunk.map((i) => i.result.modelVersion))])
      .execute();
    for (const row of existing)
      classificationIds.set(key(row.post_id, row.model_version, row.image_text_key, row.text_key), row.id);
  }
  const open = [...opening].filter((postId) => !reviewItemIds.has(postId));
  for (const chunk of chunks(open)) {
    const existing = await db
      .selectFrom('review_items')
      .select(['id', 'post_id'])
      .where('post_id', 'in', chunk)
      .execute();
    for (const row of existing) reviewItemIds.set(row.post_id, row.id);
  }
  const rescored = await rescoreReviewItems(db, freshRescoring);
  return items.map((item) => {
    const classificationId = classificationIds.get(
      key(item.postId, item.result.modelVersion, item.imageTextKey, item.textKey),
    );
    if (!classificationId) throw new Error(`classification of post ${item.postId} was not stored`);
    const rescore = rescored.get(classificationId);
    if (rescore) return { classificationId, reviewItemId: rescore.reviewItemId, rescore: rescore.outcome };
    if (!reviewed(item)) return { classificationId, reviewItemId: null };
    const reviewItemId = reviewItemIds.get(item.postId);
    if (!reviewItemId) throw new Error(`review item of post ${item.postId} was not stored`);
    return { classificationId, reviewItemId };
  });
}
