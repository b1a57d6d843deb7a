import type { ClassificationResult, Logger, Registry } from '@netra/core';
import {
  type Database,
  type Executor,
  isDatabaseUnavailable,
  saveClassifications,
  saveInteractions,
  upsertPosts,
} from '@netra/db';
import { type ClassifyJob, imageTextKey, postKey } from '@netra/queue';
import type { Kysely } from 'kysely';
import type { Classifier } from './registry-classifier.ts';
import { applyReviewRules, needsReview } from './review-rules.ts';

export interface StoredResult {
  postId: string;
  newPost: boolean;
  flagged: boolean;
  score: number;
  reviewItemId: string | null;
}

/**
 * Stores posts, their classifications and review items with a fixed number of multi-row statements whatever
 * the batch size (posts, evidence, classifications, review items): per-post statements made the round trips
 * to PostgreSQL, not the classifier, the pipeline's bottleneck (docs/performance.md).
 */
async function store(
  db: Executor,
  jobs: readonly ClassifyJob[],
  results: readonly ClassificationResult[],
  logger: Logger,
): Promise<StoredResult[]> {
  const posts = await upsertPosts(db, jobs);
  await saveInteractions(
    db,
    jobs.flatMap((job, i) => (job.interaction ? [{ postId: posts[i]!.id, interaction: job.interaction }] : [])),
  );
  const saved = await saveClassifications(
    db,
    posts.map((post, i) => ({
      postId: post.id,
      result: results[i]!,
      review: needsReview(jobs[i]!, results[i]!),
      // Keys the classification by its input: a tip classified from its pasted text is classified again, as
      // another row, once its screenshot's text arrives, and again when a further screenshot brings new text
      // (classification-repository, rescoreReviewItems).
      imageTextKey: imageTextKey(jobs[i]!.imageReadings),
      // A tip's OCR job for a post whose later tip brought another text reads that text (tipOcrInput).
      textKey: jobs[i]!.textKey,
      // Inserted by this transaction: its classification and review item cannot exist yet (no ON CONFLICT).
      newPost: post.inserted,
    })),
  );
  for (const [i, s] of saved.entries()) {
    if (!s.rescore) continue;
    logger.info(
      { postId: posts[i]!.id, reviewItemId: s.reviewItemId, classificationId: s.classificationId, rescore: s.rescore },
      s.rescore === 'moved'
        ? 'new image text re-scored the post; its open review item now shows the new classification'
        : s.rescore === 'kept_decided'
          ? 'new image text re-scored the post; its review item was already decided and keeps the classification it had'
          : 'image text re-scored the post from fewer images or an older text than it now has; its review item keeps the newer classification',
    );
  }
  return posts.map((post, i) => ({
    postId: post.id,
    newPost: post.inserted,
    flagged: results[i]!.flagged,
    score: results[i]!.score,
    reviewItemId: saved[i]!.reviewItemId,
  }));
}

function asError(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e));
}

/**
 * Classifies a batch on this thread and stores it (see `storeClassified`): for tools and tests; the worker
 * classifies in threads.
 */
export async function classifyAndStore(
  db: Kysely<Database>,
  jobs: ClassifyJob[],
  registry: Registry,
  classifier: Classifier,
  logger: Logger,
): Promise<(StoredResult | Error)[]> {
  const results = jobs.map((job) => {
    try {
      return classifier(job, registry);
    } catch (error) {
      return asError(error);
    }
  });
  return storeClassified(db, jobs, results, logger);
}

/**
 * Stores a classified batch — posts, classifications and review items — in one transaction. Every write is
 * keyed (platform + external id; post + model version + what its image text was; post), so a batch retried after a crash writes
 * nothing twice. A post the classifier could not handle fails alone; if the batch transaction fails, each
 * post is retried alone, so one bad row cannot hold back the others — the bad one fails its own job, where a
 * person can see it.
 */
export async function storeClassified(
  db: Kysely<Database>,
  jobs: readonly ClassifyJob[],
  classifiedByModel: readonly (ClassificationResult | Error)[],
  logger: Logger,
): Promise<(StoredResult | Error)[]> {
  // Interactions toward candidates are reviewed whatever the text model says (review-rules.ts).
  const classified = classifiedByModel.map((r, i) => (r instanceof Error ? r : applyReviewRules(jobs[i]!, r)));
  const out: (StoredResult | Error)[] = new Array(jobs.length);
  const ok: number[] = [];
  for (const [i, result] of classified.entries()) {
    if (result instanceof Error) out[i] = result;
    else ok.push(i);
  }
  const okJobs = ok.map((i) => jobs[i]!);
  const results = ok.map((i) => classified[i] as ClassificationResult);
  try {
    const stored = okJobs.length > 0 ? await db.transaction().execute((tx) => store(tx, okJobs, results, logger)) : [];
    for (const [k, i] of ok.entries()) out[i] = stored[k]!;
  } catch (error) {
    // An outage fails every post alike: hand the error to each job (the worker postpones them) instead of
    // hammering an absent server once per post.
    if (isDatabaseUnavailable(error)) {
      for (const i of ok) out[i] = error as Error;
      return out;
    }
    logger.warn(
      {
        err: error,
        size: okJobs.length,
        postKeys: okJobs.map(postKey),
        runIds: [...new Set(okJobs.map((j) => j.crawlRunId))],
      },
      'batch write failed; retrying posts one by one',
    );
    const single = await Promise.all(
      okJobs.map((job, k) =>
        db
          .transaction()
          .execute((tx) => store(tx, [job], [results[k]!], logger))
          .then((r) => r[0]!, asError),
      ),
    );
    for (const [k, i] of ok.entries()) out[i] = single[k]!;
  }
  return out;
}
